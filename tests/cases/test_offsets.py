"""An overpaid benefit settled inside the case: with the payee's one
agreement it is deducted from the same department's payments; what cannot
be deducted is to be returned, said once on the case page and the result
list; without the agreement the payments are made in full."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.models import AuditEvent, AuditEventKind, Overpayment
from cases.services import offsets
from cases.services.benefits import stopped_from
from cases.services.results import result_lines, structured_result, total_received
from cases.services.statistics import figures_for
from cases.services.workbench import correct_completed_task
from tests.factories import NO_FLAGS, applicant_data, submitted_case
from tests.staff import department_member

from .helpers import complete, declare_sole_heir, task

pytestmark = pytest.mark.django_db

ACCOUNT = "6222020200112733445"


def months_after_death(case, months):
    """The last day of the ``months``-th month after the month of the death."""
    day = timezone.localdate(case.deceased.died_at)
    for _ in range(months + 1):
        day = stopped_from(day)
    return day - datetime.timedelta(days=1)


@pytest.fixture
def pension_case():
    case = submitted_case(
        flags=NO_FLAGS | {"pension": True}, applicant=applicant_data(bank_account=ACCOUNT)
    )
    declare_sole_heir(case, payee_account=ACCOUNT)
    complete(case, "BD01", "H01")
    return case


def stop_pension(case, *, months, monthly=3200, balance=None):
    result = structured_result(
        task(case, "R01"),
        paid_through=months_after_death(case, months),
        monthly=Decimal(monthly),
        amount=None if balance is None else Decimal(balance),
        account=ACCOUNT if balance is not None else "",
    )
    complete(case, "R01", result=result)
    return task(case, "R01")


def test_a_pension_paid_a_month_too_long_is_deducted_from_the_balance_nothing_to_return(
    pension_case,
):
    offsets.agree(pension_case, actor=None)
    r01 = stop_pension(pension_case, months=1, balance=10000)
    assert (r01.result["gross"], r01.result["offset"], r01.result["amount"]) == (
        "10000.00",
        "3200.00",
        "6800.00",
    )
    overpayment = Overpayment.objects.get(case=pension_case)
    assert (overpayment.amount, overpayment.offset) == (Decimal("3200.00"), Decimal("3200.00"))
    assert offsets.to_return(pension_case) == []


def test_more_overpaid_than_the_department_pays_leaves_the_rest_to_return(pension_case):
    offsets.agree(pension_case, actor=None)
    stop_pension(pension_case, months=2, balance=1000)  # 6,400 overpaid
    complete(pension_case, "P02", "C01", "C02")
    complete(pension_case, "R02", result={"outcome": "done", "amount": "2000.00"})
    assert task(pension_case, "R02").result["amount"] == "0.00"
    (left,) = offsets.to_return(pension_case)
    assert left.remaining == Decimal("3400.00")  # 6,400 less the 1,000 and the 2,000
    lines = {line["code"]: line for line in result_lines(pension_case.tasks.all())}
    assert lines["R01"]["offset"] == "1000.00" and lines["R02"]["offset"] == "2000.00"


def test_without_the_agreement_the_payments_are_made_in_full(pension_case):
    stop_pension(pension_case, months=1, balance=10000)
    assert task(pension_case, "R01").result["amount"] == "10000.00"
    assert offsets.to_return(pension_case) == []  # the funeral subsidy is still to come
    complete(pension_case, "P02", "C01", "C02", "R02")
    (left,) = offsets.to_return(pension_case)
    assert left.remaining == Decimal("3200.00")


def test_the_payee_agrees_once_and_it_is_recorded(pension_case):
    assert offsets.may_agree(pension_case)
    offsets.agree(pension_case, actor=None)
    offsets.agree(pension_case, actor=None)
    pension_case.refresh_from_db()
    assert pension_case.offset_agreed_at is not None
    assert not offsets.may_agree(pension_case)
    assert AuditEvent.objects.filter(kind=AuditEventKind.OFFSET_AGREED).count() == 1


def test_nothing_is_asked_where_no_benefit_is_stopped():
    assert not offsets.may_agree(submitted_case())


def test_a_stop_paid_up_to_the_death_makes_no_overpayment(pension_case):
    stop_pension(pension_case, months=0, balance=10000)
    assert not Overpayment.objects.exists()


@pytest.fixture
def allowance_case():
    case = submitted_case(flags=NO_FLAGS | {"elderly_allowance": True})
    complete(case, "BD01", "H01")
    return case


def stop_allowance(case, months):
    return structured_result(
        task(case, "C05"), paid_through=months_after_death(case, months), monthly=Decimal(200)
    )


def test_an_overpayment_found_at_the_stop_is_counted_and_none_after_it(allowance_case):
    complete(allowance_case, "C05", result=stop_allowance(allowance_case, 2))
    supervisor = department_member("civil_affairs", supervisor=True)
    money = figures_for(supervisor).overpayments
    assert (money["found"], money["amount"], money["after_stop"]) == (1, Decimal("400.00"), 0)


def test_a_correction_that_finds_one_after_the_stop_is_kept_and_counted(allowance_case):
    complete(allowance_case, "C05", result=stop_allowance(allowance_case, 0))
    assert not Overpayment.objects.exists()
    supervisor = department_member("civil_affairs", supervisor=True)
    correct_completed_task(
        task(allowance_case, "C05"),
        by=supervisor,
        reason="发放记录有误",
        result=stop_allowance(allowance_case, 1),
    )
    (left,) = offsets.to_return(allowance_case)  # civil affairs pays nothing here
    assert left.remaining == Decimal("200.00")
    assert figures_for(supervisor).overpayments["after_stop"] == 1


def correct_pension_stop(case, *, months, monthly=3200, balance=10000):
    supervisor = department_member("hrss", supervisor=True)
    return correct_completed_task(
        task(case, "R01"),
        by=supervisor,
        reason="发放记录有误",
        result=structured_result(
            task(case, "R01"),
            paid_through=months_after_death(case, months),
            monthly=Decimal(monthly),
            amount=Decimal(balance),
            account=ACCOUNT,
        ),
    )


def test_a_correction_below_what_was_deducted_gives_the_difference_back(pension_case):
    offsets.agree(pension_case, actor=None)
    stop_pension(pension_case, months=2, balance=1000)  # 6,400 overpaid, 1,000 deducted
    complete(pension_case, "P02", "C01", "C02")
    complete(pension_case, "R02", result={"outcome": "done", "amount": "6000.00"})
    # 5,400 deducted from the funeral subsidy: 6,400 in all. The stop was one
    # month too long, not two: 3,200 was overpaid, 3,200 deducted too much.
    # The corrected balance is paid in full; the subsidy carries the 3,200.
    correct_pension_stop(pension_case, months=1, balance=1000)
    overpayment = Overpayment.objects.get(case=pension_case)
    assert (overpayment.amount, overpayment.offset) == (Decimal("3200.00"), Decimal("3200.00"))
    assert task(pension_case, "R01").result["amount"] == "1000.00"
    r02 = task(pension_case, "R02").result
    assert (r02["offset"], r02["amount"], r02["given_back"]) == ("3200.00", "2800.00", "2200.00")
    received = total_received(result_lines(pension_case.tasks.select_related("department")))
    assert received == Decimal("3800.00")  # 1,000 + 6,000 less the 3,200 overpaid
    assert offsets.to_return(pension_case) == []
    line = next(x for x in result_lines(pension_case.tasks.all()) if x["code"] == "R02")
    assert line["given_back"] == "2200.00"


def test_a_stop_corrected_to_no_overpayment_leaves_none_and_gives_everything_back(pension_case):
    offsets.agree(pension_case, actor=None)
    stop_pension(pension_case, months=1, balance=10000)  # 3,200 deducted from the balance
    correct_pension_stop(pension_case, months=0, balance=10000)
    assert not Overpayment.objects.exists()
    r01 = task(pension_case, "R01").result
    assert r01["amount"] == "10000.00" and not r01.get("offset")


def test_a_corrected_payment_is_deducted_again_from_its_new_amount(pension_case):
    offsets.agree(pension_case, actor=None)
    stop_pension(pension_case, months=1, balance=10000)  # 3,200 deducted from the balance
    correct_pension_stop(pension_case, months=1, balance=12000)
    r01 = task(pension_case, "R01").result
    assert (r01["gross"], r01["offset"], r01["amount"]) == ("12000.00", "3200.00", "8800.00")
    overpayment = Overpayment.objects.get(case=pension_case)
    assert (overpayment.amount, overpayment.offset) == (Decimal("3200.00"), Decimal("3200.00"))
