"""One notice, every bank: two banks the registry lists each get the case;
one bank's clerk answers "no account", the other's the balances and what it
paid; the family reads each bank's answer on its result list, on a phone."""

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.cases.helpers import complete, complete_everything, declare_sole_heir
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    UserFactory,
    applicant_data,
    deceased_data,
    resident_id,
    submitted_case,
)

from .conftest import assert_accessible, in_a_worker, screenshot, sign_in, sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = "13912345678"
PASSWORD = "a-long-password-3"


@pytest.fixture
def case_at_two_banks(live_server):
    banks = {}
    for code, name in (("hzbank", "湖州银行"), ("icbc-hz", "中国工商银行湖州分行")):
        banks[code] = DepartmentFactory(bank=True, code=code, name_zh=name)
        clerk = UserFactory(is_staff=True, username=f"clerk_{code}")
        clerk.set_password(PASSWORD)
        clerk.save()
        clerk.groups.add(banks[code].clerk_group)
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=ALL_FLAGS, banks=list(banks)
    )
    case = submitted_case(
        deceased=deceased_data(1), flags=ALL_FLAGS, applicant=applicant_data(phone=PHONE)
    )
    declare_sole_heir(case, payee_account="6222020200112733445")
    return case


def answer(browser, site_url, code, task, fill):
    desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in_staff(desk, site_url, f"clerk_{code}", PASSWORD, f"/admin/workbench/{task.pk}/")
    desk.goto(f"{site_url}/admin/workbench/{task.pk}/")
    desk.get_by_role("button", name="受理").click()
    expect(desk.get_by_text("已完成：受理。")).to_be_visible()
    desk.locator("summary", has_text="办结").click()
    fill(desk)
    desk.locator("form:has(input[name='complete-outcome_text']) button").click()
    expect(desk.get_by_text("已完成：办结。")).to_be_visible()
    screenshot(desk, f"bank-{code}-answered")
    desk.close()


def test_each_bank_answers_and_the_family_reads_each_answer(
    live_server, case_at_two_banks, browser, phone, empty_sms_outbox
):
    case = case_at_two_banks
    in_a_worker(lambda c: complete(c, "H01", "P02"), case)
    tasks = {t.department.code: t for t in case.tasks.filter(matter_code="B01")}

    def no_account(desk):
        desk.get_by_label("没有账户").check()

    def balances(desk):
        desk.get_by_label("是", exact=True).check()
        desk.get_by_label("存款（元）").fill("30000")
        desk.get_by_label("黄金（元）").fill("5000")
        desk.get_by_label("支付金额（元）").fill("35000")

    answer(browser, live_server.url, "hzbank", tasks["hzbank"], no_account)
    answer(browser, live_server.url, "icbc-hz", tasks["icbc-hz"], balances)
    in_a_worker(complete_everything, case)
    assert Case.objects.get(pk=case.pk).status == "completed"

    page = phone
    page.goto(f"{live_server.url}/cases/{case.reference}/results/")
    sign_in(page, live_server.url, empty_sms_outbox, phone_number=PHONE)
    page.goto(f"{live_server.url}/cases/{case.reference}/results/")
    no_account_line = page.locator("li.result", has_text="湖州银行")
    expect(no_account_line).to_contain_text("未发现逝者在本行的账户")
    paid_line = page.locator("li.result", has_text="中国工商银行湖州分行")
    expect(paid_line).to_contain_text("共有 ¥35000.00")
    expect(paid_line).to_contain_text("35000.00")
    assert_accessible(page, "results with two banks")
    screenshot(page, "bank-results-360")
