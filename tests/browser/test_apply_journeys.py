"""A family member applies on a phone, for each of the three scenarios, from
signing in to the result list; every page passes axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case
from tests.cases.helpers import complete_everything
from tests.factories import resident_id

from .conftest import assert_accessible, in_a_worker, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DECEASED = resident_id(77)


def next_step(page):
    page.get_by_role("button", name="下一步").click()


def total_steps(page):
    """The "共 N 步" of the progress label."""
    import re

    return int(re.search(r"共 (\d+) 步", page.locator(".progress-label").inner_text()).group(1))


def answer_deceased(page, scenario):
    page.total_at_start = total_steps(page)
    died = timezone.localtime() - datetime.timedelta(hours=6)
    page.get_by_label("逝者的身份证号").fill(DECEASED)
    page.get_by_label("去世的日期和时间").fill(died.strftime("%Y-%m-%dT%H:%M"))
    assert_accessible(page, f"{scenario}: deceased")
    next_step(page)
    # The registry filled in the deceased; the applicant only confirms.
    assert page.get_by_label("逝者姓名").input_value() == "王五"
    assert page.get_by_role("checkbox", name="领取养老金", exact=False).is_checked()
    assert_accessible(page, f"{scenario}: profile")
    screenshot(page, f"apply-{scenario}-profile-360")
    next_step(page)


def answer_applicant_to_the_end(page, scenario, pickup_notes=""):
    assert page.get_by_label("您的手机号").input_value() == "13912345678"
    page.get_by_label("您的姓名").fill("王小明")
    page.get_by_label("您的身份证号").fill(resident_id(3, datetime.date(1975, 3, 3)))
    page.get_by_role("radio", name="子女", exact=True).check()
    assert_accessible(page, f"{scenario}: applicant")
    next_step(page)
    page.get_by_label("收款银行账号").fill("6222 0212 3476 7890")
    next_step(page)
    page.get_by_label("接运地址", exact=True).fill("湖州市吴兴区某路1号")
    page.get_by_role("radio", name="越快越好").check()
    if pickup_notes:
        page.get_by_label("遗体接运地址备注").fill(pickup_notes)
    page.get_by_role("radio", name="还没决定").check()
    next_step(page)
    page.get_by_label("我确认以上信息真实", exact=False).check()
    next_step(page)
    expect(page.get_by_role("heading", name="核对全部信息后提交")).to_be_visible()
    # The count never changed under the applicant, whatever they answered.
    assert total_steps(page) == page.total_at_start
    # Every answer is there to check, without opening anything.
    expect(page.get_by_text("湖州市吴兴区某路1号")).to_be_visible()
    assert_accessible(page, f"{scenario}: review")
    screenshot(page, f"apply-{scenario}-review-360")
    page.get_by_role("button", name="提交申请").click()


def start(page, site, scenario, outbox):
    page.goto(site.url + f"/apply/{scenario}/")
    sign_in(page, site.url, outbox)  # the wizard asks to sign in first
    page.wait_for_url(site.url + f"/apply/{scenario}/")
    assert_accessible(page, f"{scenario}: start")
    page.get_by_role("button", name="开始填写").click()
    expect(page.get_by_text("第 1 步")).to_be_visible()


def finish_in_another_thread(case):
    """The departments finish everything."""
    in_a_worker(complete_everything, case)


def see_case_then_results(page, site, scenario):
    page.wait_for_url(site.url + "/cases/*/")
    case = Case.objects.get()
    expect(page.get_by_role("heading", name=f"办件 {case.display_reference}")).to_be_visible()
    expect(page.get_by_text(f"申请已提交，办件编号是 {case.display_reference}。")).to_be_visible()
    assert_accessible(page, f"{scenario}: case")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, f"apply-{scenario}-case-360")

    finish_in_another_thread(case)
    page.reload()
    certificates = page.get_by_role("link", name="下载（带电子印章的 PDF）")
    assert certificates.count() >= 3  # death, cremation, household cancellation…
    with page.expect_download() as download:
        certificates.first.click()
    assert download.value.suggested_filename.startswith("SH")
    page.get_by_role("link", name="查看办结反馈清单").click()
    expect(page.get_by_role("heading", name="办结反馈清单")).to_be_visible()
    expect(page.get_by_text("户口已注销", exact=False)).to_be_visible()
    assert_accessible(page, f"{scenario}: results")
    screenshot(page, f"apply-{scenario}-results-360")
    return case


def test_applying_after_a_death_in_hospital(application_site, phone, empty_sms_outbox):
    start(phone, application_site, "hospital", empty_sms_outbox)
    answer_deceased(phone, "hospital")
    answer_applicant_to_the_end(phone, "hospital")
    case = see_case_then_results(phone, application_site, "hospital")
    assert case.scenario == "hospital"


def test_applying_after_a_death_at_home_with_the_care_homes_report(
    application_site, phone, empty_sms_outbox, tmp_path
):
    start(phone, application_site, "home", empty_sms_outbox)
    answer_deceased(phone, "home")
    phone.get_by_role("radio", name="养老机构", exact=True).check()
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n%%EOF\n")
    next_step(phone)
    phone.get_by_label("养老机构出具的死亡报告").set_input_files(str(report))
    assert_accessible(phone, "home: care home report")
    next_step(phone)
    answer_applicant_to_the_end(phone, "home")
    case = see_case_then_results(phone, application_site, "home")
    assert case.documents.get().label == "养老机构出具的死亡报告"


def test_applying_after_an_unnatural_death_with_the_police_case_number(
    application_site, phone, empty_sms_outbox
):
    start(phone, application_site, "abnormal", empty_sms_outbox)
    answer_deceased(phone, "abnormal")
    phone.get_by_role("radio", name="是", exact=True).check()
    next_step(phone)
    phone.get_by_label("案件编号或报警回执号").fill("湖公（吴）立字〔2026〕1234号")
    next_step(phone)
    answer_applicant_to_the_end(phone, "abnormal")
    case = see_case_then_results(phone, application_site, "abnormal")
    answers = {a["name"]: a["value"] for a in case.extra_answers}
    assert answers["police_case_number"] == "湖公（吴）立字〔2026〕1234号"
