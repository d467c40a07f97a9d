"""好差评 from the completion text to the supervisor's answer: on a phone the
family follows the text's link, rates one department per page (a poor
rating asks why, keeping the choice), and reads the department's answer on
the case page after its supervisor has reviewed it in the admin."""

import re

import pytest
from playwright.sync_api import expect

from cases.constants import CaseStatus
from tests.cases.helpers import complete_everything
from tests.factories import UserFactory, applicant_data, submitted_case

from .conftest import assert_accessible, screenshot, sign_in, sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPLICANT = "13912345678"


@pytest.fixture
def done_case(site):
    case = submitted_case(applicant=applicant_data(phone=APPLICANT))
    complete_everything(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    return case


@pytest.fixture
def first_supervisor(done_case):
    """A supervisor of the department the rating page asks about first."""
    from cases.services.ratings import to_rate

    user = UserFactory(is_staff=True, username="first_supervisor")
    user.set_password("a-long-password-1")
    user.save()
    user.groups.add(to_rate(done_case)[0].supervisor_group)
    return user


def test_the_family_rates_from_the_text_and_reads_the_supervisors_answer(
    site, done_case, first_supervisor, phone, browser, empty_sms_outbox
):
    from cases.models import SmsMessage

    text = SmsMessage.objects.get(case=done_case, template_code="case_completed").text
    link = re.search(r"https?://\S+/rate/", text).group(0)
    path = link.split("testserver", 1)[-1]
    page = phone
    page.goto(site.url + path)
    sign_in(page, site.url, empty_sms_outbox, phone_number=APPLICANT)
    page.wait_for_url(f"**{path}")
    expect(page.get_by_text("第 1 个部门", exact=False)).to_be_visible()
    assert_accessible(page, "rating: first department")
    screenshot(page, "rating-360")

    # The first department is rated poorly without a reason: asked why, and
    # the level chosen is still chosen.
    page.get_by_role("radio", name="非常不满意").check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_role("alert").first).to_contain_text("请告诉我们哪里做得不好")
    expect(page.get_by_role("radio", name="非常不满意")).to_be_checked()
    assert_accessible(page, "rating: reason asked")
    page.get_by_label("原因").fill("开证明等了很久，电话也没人接")
    page.get_by_role("button", name="提交评价").click()
    expect(page.get_by_text("第 2 个部门", exact=False)).to_be_visible()
    page.get_by_role("radio", name="非常满意").check()
    page.get_by_role("button", name="提交评价").click()
    page.get_by_role("link", name="以后再说").click()
    expect(page.get_by_text("部门负责人将复核", exact=False)).to_be_visible()
    assert_accessible(page, "case page: rating under review")

    # The supervisor of the poorly rated department answers in the admin.
    desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in_staff(desk, site.url, "first_supervisor", "a-long-password-1", "/admin/rating-reviews/")
    desk.goto(site.url + "/admin/rating-reviews/")
    desk.get_by_role("link", name=done_case.display_reference).click()
    expect(desk.get_by_text("开证明等了很久", exact=False)).to_be_visible()
    desk.get_by_label("给家属的答复").fill("已核实：当天值班医生外出，已安排专人接听电话。")
    desk.get_by_role("button", name="发送答复").click()
    expect(desk.get_by_text("没有待答复的差评")).to_be_visible()
    desk.close()

    texts = [m["text"] for m in empty_sms_outbox if m["to"] == APPLICANT]
    assert any("已答复您对办件" in t for t in texts)
    page.reload()
    expect(page.get_by_text("已安排专人接听电话", exact=False)).to_be_visible()
    assert_accessible(page, "case page: answer read")
