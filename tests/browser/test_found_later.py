"""One death, one record, on a phone: after the case is completed another
family member who tries to apply is shown the way forward, and the applicant
adds a bank account found later to the same case and sees its line on the
result list."""

import pytest
from playwright.sync_api import expect

from cases.constants import CaseStatus
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, deceased_data, resident_id, submitted_case

from .conftest import assert_accessible, in_a_worker, screenshot, sign_in
from .test_apply_journeys import DECEASED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPLICANT = "13912345678"
SIBLING = "13800000021"


@pytest.fixture
def completed_case(application_site):
    """The death of DECEASED, settled before the browser starts."""
    case = submitted_case(
        flags={"pension": True, "local_hukou": True},
        deceased=deceased_data(77, id_number=DECEASED),
        applicant=applicant_data(phone=APPLICANT, id_number=resident_id(3)),
    )
    complete_everything(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    return case


def test_a_second_applicant_is_shown_the_way_forward_and_the_applicant_adds_a_bank(
    completed_case, application_site, phone, empty_sms_outbox
):
    site, page = application_site, phone

    # A brother tries to apply for the same death: refused, with the way on.
    page.goto(site.url + "/apply/hospital/")
    sign_in(page, site.url, empty_sms_outbox, phone_number=SIBLING)
    page.wait_for_url(site.url + "/apply/hospital/")
    page.get_by_role("button", name="开始填写").click()
    page.get_by_label("逝者的身份证号").fill(DECEASED)
    page.get_by_label("去世的日期和时间").fill("2026-12-01T08:00")
    page.get_by_role("button", name="下一步").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("已经办结")
    expect(refusal).to_contain_text("补办事项")
    expect(page.get_by_label("逝者姓名")).to_have_count(0)  # nothing of the record
    assert_accessible(page, "second applicant: refused")
    screenshot(page, "found-later-refused-360")
    texts = [m["text"] for m in empty_sms_outbox if m["to"] == APPLICANT]
    assert any(completed_case.display_reference in text for text in texts[-1:])

    # The applicant adds the bank account found later, from the case page.
    page.context.clear_cookies()
    sign_in(page, site.url, empty_sms_outbox, phone_number=APPLICANT)
    page.goto(site.url + f"/cases/{completed_case.reference}/")
    page.get_by_role("link", name="补办事项").click()
    expect(page.get_by_role("heading", name="补办事项")).to_be_visible()
    assert_accessible(page, "found later: question")
    page.get_by_role("radio", name="有银行存款", exact=False).check()
    page.get_by_role("button", name="补办到本办件").click()
    expect(page.get_by_text("已加入本办件", exact=False)).to_be_visible()
    assert_accessible(page, "found later: case page")
    screenshot(page, "found-later-case-360")

    page.goto(site.url + f"/cases/{completed_case.reference}/results/")
    added = page.locator("li.result-added")
    expect(added).to_contain_text("已故存款人存款查询及小额提取")
    expect(added).to_contain_text("办理中")

    # The bank answers; the list is issued again with the bank's line.
    in_a_worker(complete_everything, completed_case)
    page.reload()
    expect(page.locator("li.result-added")).to_have_count(0)
    expect(page.get_by_text("存款已查询并办理提取", exact=False)).to_be_visible()
    assert_accessible(page, "found later: results again")
    screenshot(page, "found-later-results-360")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
