"""One notice, every bank: the case gets one deposit task (B01) per bank and
one insurance notice (B02) per insurer the shared registry lists, each
handled by that bank's or insurer's own clerks; where the registry lists
none, the finance group's one task remains."""

from decimal import Decimal

import pytest

from cases.models import AuditEvent, AuditEventKind, Delegation, DepartmentKind
from cases.services import reversal, workbench
from cases.services.consent import consent_given, current_declaration
from cases.services.found_later import add_found_later
from cases.services.heirs import DECLARATION_VERSION, declare_heirs
from cases.services.results import result_lines, structured_result
from cases.services.tasks import complete_task
from tests.delegations.helpers import confirm
from tests.factories import (
    ALL_FLAGS,
    NO_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    deceased_data,
    heir_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

from .helpers import complete, declare_sole_heir

pytestmark = pytest.mark.django_db


@pytest.fixture
def banks():
    return [
        DepartmentFactory(bank=True, code=code, name_zh=name)
        for code, name in [
            ("icbc-hz", "工商银行湖州分行"),
            ("abc-hz", "农业银行湖州分行"),
            ("hzbank", "湖州银行"),
        ]
    ]


def case_with(banks=None, insurers=None, flags=ALL_FLAGS):
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=flags, banks=banks, insurers=insurers
    )
    return submitted_case(deceased=deceased_data(1), flags=flags)


def test_three_banks_in_the_registry_make_three_deposit_tasks(banks):
    case = case_with(banks=[bank.code for bank in banks])
    b01 = case.tasks.filter(matter_code="B01").order_by("pk")
    assert [t.department.code for t in b01] == ["icbc-hz", "abc-hz", "hzbank"]
    for task in b01:
        assert [d.matter_code for d in task.depends_on.all()] == ["P02"]


def test_each_insurer_gets_its_own_notice():
    insurers = [DepartmentFactory(insurer=True) for _ in range(2)]
    case = case_with(insurers=[insurer.code for insurer in insurers])
    assert {t.department for t in case.tasks.filter(matter_code="B02")} == set(insurers)


def test_a_bank_the_catalogue_does_not_know_is_left_out(banks):
    case = case_with(banks=["no-such-bank", banks[0].code])
    assert [t.department for t in case.tasks.filter(matter_code="B01")] == [banks[0]]


def test_a_government_department_is_never_taken_for_a_bank(banks):
    case = case_with(banks=["hrss"])
    assert [t.department.code for t in case.tasks.filter(matter_code="B01")] == ["finance"]


def test_without_a_list_the_finance_group_searches_as_before():
    case = case_with(banks=None)
    assert [t.department.code for t in case.tasks.filter(matter_code="B01")] == ["finance"]


def test_a_bank_is_a_financial_institution_under_the_finance_group(banks):
    assert banks[0].kind == DepartmentKind.FINANCIAL_INSTITUTION
    assert banks[0].parent.code == "finance"


def test_each_bank_sees_only_its_own_task(banks):
    case = case_with(banks=[bank.code for bank in banks])
    clerk = department_member("hzbank")
    tasks = {t.department.code: t for t in case.tasks.filter(matter_code="B01")}
    assert workbench.task_for(clerk, tasks["hzbank"].pk) == tasks["hzbank"]
    with pytest.raises(workbench.NotFound):
        workbench.task_for(clerk, tasks["icbc-hz"].pk)


def test_every_bank_pays_out_once_and_each_has_its_line(banks):
    case = case_with(banks=[bank.code for bank in banks])
    declare_sole_heir(case)
    complete(case, "H01", "P02")
    for task in case.tasks.filter(matter_code="B01"):
        complete_task(task, actor=None, result={"outcome": "done", "amount": "1000.00"})
    lines = [line for line in result_lines(case.tasks.all()) if line["code"] == "B01"]
    assert sorted(line["department_zh"] for line in lines) == sorted(b.name_zh for b in banks)


def test_a_death_reported_in_error_is_undone_by_each_bank_that_paid(banks):
    case = case_with(banks=[bank.code for bank in banks[:2]])
    declare_sole_heir(case)
    complete(case, "H01", "P02")
    for task in case.tasks.filter(matter_code="B01"):
        complete_task(task, actor=None, result={"outcome": "done", "amount": "1000.00"})
    reversal.open_reversal(case, by=department_member("health", supervisor=True), reason="本人健在")
    undoing = case.tasks.filter(matter_code="B01-R")
    assert {t.department for t in undoing} == set(banks[:2])


def test_the_heirs_are_asked_for_each_bank_by_name(banks, empty_sms_outbox):
    case = case_with(
        banks=[bank.code for bank in banks[:2]], flags=NO_FLAGS | {"bank_accounts": True}
    )
    declare_heirs(
        case,
        heirs=[heir_data(1)],
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    delegation = Delegation.objects.get(declaration__case=case)
    asked = [(m["code"], m["department_zh"]) for m in delegation.authorized["matters"]]
    assert asked == [("B01", "工商银行湖州分行"), ("B01", "农业银行湖州分行")]
    text = empty_sms_outbox[-1]["text"]
    assert "（工商银行湖州分行）" in text and "（农业银行湖州分行）" in text


def test_deposits_found_later_go_to_each_bank_the_registry_lists(banks, empty_sms_outbox):
    case = case_with(banks=[bank.code for bank in banks[:2]], flags=NO_FLAGS)
    assert not case.tasks.filter(matter_code="B01").exists()
    add_found_later(case, "bank_accounts", actor=None)
    added = case.tasks.filter(matter_code="B01", found_later=True)
    assert {t.department for t in added} == set(banks[:2])
    assert AuditEvent.objects.filter(
        kind=AuditEventKind.REGISTRY_LOOKUP, case=case, details__purpose="found_later"
    ).exists()
    assert empty_sms_outbox[-1]["text"].count("已故存款人存款查询及小额提取") == 1


def _paid_with_consent(bank, amount):
    """A case whose heirs consented, and this bank paid ``amount``."""
    case = case_with(banks=[bank.code], flags=NO_FLAGS | {"bank_accounts": True})
    declare_heirs(
        case,
        heirs=[heir_data(1)],
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    confirm(Delegation.objects.get(declaration__case=case))
    complete(case, "H01", "P02")
    deposit = case.tasks.get(matter_code="B01")
    result = structured_result(
        deposit,
        found=True,
        balances={"deposits": amount},
        amount=amount,
        account="6222020200112733445",
    )
    return case, complete_task(deposit, actor=None, result=result)


def correct_payment(deposit, amount, outcome_text=""):
    supervisor = department_member(deposit.department.code, supervisor=True)
    result = structured_result(
        deposit,
        found=True,
        balances={"deposits": amount},
        amount=amount,
        account="6222020200112733445",
        outcome_text=outcome_text,
    )
    return workbench.correct_completed_task(
        deposit, by=supervisor, reason="金额有误", result=result
    )


def test_a_banks_payment_changed_after_consent_asks_the_heirs_again(banks, empty_sms_outbox):
    case, deposit = _paid_with_consent(banks[0], Decimal("20000"))
    assert consent_given(case)
    correct_payment(deposit, Decimal("26000"))
    declaration = current_declaration(case)
    assert declaration.version == 2 and not consent_given(case)
    (asked,) = declaration.delegations.all()
    (matter,) = asked.authorized["matters"]
    assert (matter["department_zh"], matter["amount"]) == ("工商银行湖州分行", "26000.00")
    assert any(m["to"] == asked.phone for m in empty_sms_outbox)


def test_a_correction_that_keeps_the_payment_asks_nothing(banks):
    case, deposit = _paid_with_consent(banks[0], Decimal("20000"))
    correct_payment(deposit, Decimal("20000"), outcome_text="已支付至继承人账户")
    assert current_declaration(case).version == 1 and consent_given(case)
