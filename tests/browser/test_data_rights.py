"""A daughter asks, on her phone, for a copy of what the platform holds
about her late father; the data-protection officer prepares it; she is
texted and downloads it."""

import pytest
from playwright.sync_api import expect

from cases.models import DataRequest
from cases.services import rights_answers
from tests.delegations.helpers import last_code
from tests.factories import APPLICANT_ID, applicant_data, data_protection_officer, submitted_case

from .conftest import assert_accessible, in_a_worker, screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = "13912345678"


@pytest.fixture
def case(site):
    return submitted_case(applicant=applicant_data(phone=PHONE, id_number=APPLICANT_ID))


@pytest.fixture
def officer(site):
    return data_protection_officer()


def test_a_relative_requests_a_copy_and_downloads_it(site, case, officer, phone, empty_sms_outbox):
    page = phone
    page.goto(site.url + "/rights/")
    expect(page.get_by_role("heading", name="逝者个人信息：查阅、复制、更正、删除")).to_be_visible()
    assert_accessible(page, "rights: start")
    page.get_by_label("办件编号").fill(case.display_reference)
    page.get_by_label("您的手机号").fill(PHONE)
    page.get_by_role("button", name="获取验证码").click()

    expect(page.get_by_role("heading", name="证明是您本人")).to_be_visible()
    assert_accessible(page, "rights: prove")
    page.get_by_label("短信里的6位验证码").fill(last_code(PHONE))
    page.get_by_label("您本人身份证号码的后6位").fill(APPLICANT_ID[-6:])
    page.get_by_role("button", name="继续").click()

    expect(page.get_by_role("heading", name="您要申请什么？")).to_be_visible()
    assert_accessible(page, "rights: kind")
    page.get_by_label("查阅、复制平台保存的信息").check()
    page.get_by_role("button", name="继续").click()

    expect(page.get_by_text("其他在世人员的信息已遮盖")).to_be_visible()
    assert_accessible(page, "rights: details")
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_text("答复期限")).to_be_visible()
    assert_accessible(page, "rights: request")
    assert any("已受理" in m["text"] for m in empty_sms_outbox if m["to"] == PHONE)

    def officer_prepares(fresh_case):
        rights_answers.prepare_copy(
            DataRequest.objects.get(case=fresh_case), by=type(officer).objects.get(pk=officer.pk)
        )

    in_a_worker(officer_prepares, case)
    assert any("已答复" in m["text"] for m in empty_sms_outbox if m["to"] == PHONE)

    page.reload()
    expect(page.get_by_text("您的信息副本已备好")).to_be_visible()
    screenshot(page, "rights-answered")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载信息副本（PDF）").click()
    with open(download.value.path(), "rb") as copy:
        assert copy.read(4) == b"%PDF"
