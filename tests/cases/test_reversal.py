"""A death reported in error is undone everywhere from the case: open tasks
close, every completed stop gets a compensating task in its own department
on a one-working-day clock, payouts are listed for return, certificates are
revoked, and the applicant and the person concerned are told."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.constants import CaseStatus, TaskStatus
from cases.models import Reversal, SmsMessage
from cases.services.certificates import status_of_serial
from cases.services.reversal import open_reversal
from cases.services.tasks import complete_task
from cases.transitions import InvalidTransition
from tests.cases.helpers import complete, complete_everything, task
from tests.factories import applicant_data, submitted_case
from tests.staff import department_member

pytestmark = pytest.mark.django_db

R02 = {"outcome": "paid", "date": "2026-11-30", "amount": "5000.00", "account": "6222021234767890"}


@pytest.fixture
def supervisor():
    return department_member("health", supervisor=True)


@pytest.fixture
def completed_case():
    case = submitted_case(
        flags={"pension": True, "local_hukou": True},
        applicant=applicant_data(phone="13912345678"),
    )
    complete_everything(case, results={"R02": R02})
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    return case


def test_every_completed_stop_gets_a_compensating_task_in_its_own_department(
    completed_case, supervisor
):
    done = {
        t.matter_code: t.department_id
        for t in completed_case.tasks.filter(status=TaskStatus.COMPLETED)
    }
    open_reversal(completed_case, by=supervisor, reason="本人健在，医院录错身份证号")
    undoing = {
        t.compensates.matter_code: t
        for t in completed_case.tasks.filter(compensates__isnull=False).select_related(
            "compensates"
        )
    }
    assert set(undoing) == set(done) - {"H01"}  # the retracted certificate is the reversal
    for code, compensating in undoing.items():
        assert compensating.department_id == done[code]
        assert compensating.matter_code == f"{code}-R"
        assert compensating.status == TaskStatus.READY
    assert undoing["P02"].matter_name_zh == "恢复户口登记"
    assert "补发" in undoing["R01"].matter_name_zh


def test_compensating_tasks_are_due_within_one_working_day(completed_case, supervisor):
    reversal = open_reversal(completed_case, by=supervisor, reason="本人健在")
    for compensating in completed_case.tasks.filter(compensates__isnull=False):
        assert (compensating.time_limit, compensating.time_limit_unit) == (1, "wd")
        assert compensating.due_at == reversal.due_at


def test_open_tasks_close_with_the_reason(supervisor):
    case = submitted_case(flags={"pension": True})
    complete(case, "BD01", "H01")
    open_before = list(case.tasks.exclude(status=TaskStatus.COMPLETED))
    assert open_before
    open_reversal(case, by=supervisor, reason="本人健在")
    for before in open_before:
        before.refresh_from_db()
        assert before.status == TaskStatus.NOT_APPLICABLE
        assert "死亡信息有误" in before.reason or "reported in error" in before.reason


def test_payouts_made_are_listed_with_who_received_them(completed_case, supervisor):
    reversal = open_reversal(completed_case, by=supervisor, reason="本人健在")
    [funeral_subsidy] = [p for p in reversal.payouts if p["code"] == "R02"]
    assert funeral_subsidy["amount"] == "5000.00"
    assert funeral_subsidy["account"].endswith("7890")
    assert "6222021234767890" not in str(reversal.payouts)
    assert funeral_subsidy["payee"].startswith("王")


def test_certificates_are_revoked_and_verify_says_why(completed_case, supervisor):
    serials = list(completed_case.certificates.values_list("serial", flat=True))
    assert serials
    open_reversal(completed_case, by=supervisor, reason="本人健在")
    for serial in serials:
        checked = status_of_serial(serial)
        assert checked.status == "revoked"
        assert "本人健在" in checked.certificate.revoked_reason


def test_the_applicant_and_the_person_concerned_are_texted(completed_case, supervisor):
    open_reversal(completed_case, by=supervisor, reason="本人健在", person_phone="13700000099")
    to_applicant = SmsMessage.objects.get(template_code="death_reversed")
    assert completed_case.display_reference in to_applicant.text
    to_person = SmsMessage.objects.get(template_code="death_retracted")
    assert to_person.phone == "13700000099"


def test_the_case_is_reversed_and_the_death_may_be_filed_again(completed_case, supervisor):
    open_reversal(completed_case, by=supervisor, reason="录错身份证号")
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.REVERSED
    again = submitted_case(flags={"pension": True})  # the same death, should it happen
    assert again.deceased_id_hash == completed_case.deceased_id_hash


def test_the_reversal_is_done_when_every_compensating_task_is(completed_case, supervisor):
    reversal = open_reversal(completed_case, by=supervisor, reason="本人健在")
    clerk_of = {}
    for compensating in completed_case.tasks.filter(compensates__isnull=False):
        reversal.refresh_from_db()
        assert reversal.completed_at is None
        department = compensating.department.code
        clerk = clerk_of.setdefault(department, department_member(department))
        complete_task(compensating, actor=clerk, result={"outcome": "done"})
    reversal.refresh_from_db()
    assert reversal.completed_at is not None
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.REVERSED


def test_only_a_supervisor_of_the_issuing_department_may_open_it(completed_case):
    with pytest.raises(PermissionDenied):
        open_reversal(completed_case, by=department_member("health"), reason="本人健在")
    with pytest.raises(PermissionDenied):
        open_reversal(
            completed_case, by=department_member("hrss", supervisor=True), reason="本人健在"
        )
    assert not Reversal.objects.exists()


def test_a_reason_is_required(completed_case, supervisor):
    with pytest.raises(ValidationError):
        open_reversal(completed_case, by=supervisor, reason=" ")
    assert not Reversal.objects.exists()


def test_a_case_is_reversed_once(completed_case, supervisor):
    open_reversal(completed_case, by=supervisor, reason="本人健在")
    with pytest.raises(InvalidTransition):
        open_reversal(completed_case, by=supervisor, reason="again")
    assert Reversal.objects.count() == 1


def test_a_withdrawn_case_is_not_reversed(supervisor):
    from cases.services.withdrawal import withdraw_case

    case = submitted_case()
    withdraw_case(case, actor=None, reason="")
    with pytest.raises(InvalidTransition):
        open_reversal(case, by=supervisor, reason="本人健在")


def test_every_step_is_in_the_audit_trail(completed_case, supervisor):
    from auditlog.models import LogEntry

    open_reversal(completed_case, by=supervisor, reason="本人健在")
    by_supervisor = LogEntry.objects.filter(actor=supervisor)
    models = set(by_supervisor.values_list("content_type__model", flat=True))
    assert {"case", "departmenttask", "certificate", "reversal"} <= models


def test_the_family_page_says_so_and_lists_what_to_return(client, completed_case, supervisor):
    from tests.factories import citizen

    open_reversal(completed_case, by=supervisor, reason="本人健在，医院录错身份证号")
    client.force_login(citizen("13912345678"))
    page = client.get(f"/cases/{completed_case.reference}/").content.decode()
    assert "死亡信息有误" in page
    assert "本人健在，医院录错身份证号" in page
    assert "¥5000.00" in page and "6222021234767890" not in page
    assert "恢复户口登记" in page
    assert task(completed_case, "P02-R").status == TaskStatus.READY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reversal_and_a_completion_at_once_leave_no_task_unundone():
    """The case lock orders them: a task completed at the moment of the
    reversal is either closed by it or gets its compensating task — never
    completed after the reversal without one."""
    from tests.concurrency import run_at_once

    case = submitted_case(flags={"pension": True})
    complete(case, "BD01", "H01")
    supervisor = department_member("health", supervisor=True)
    clerk = department_member("public_security")
    p02 = task(case, "P02")
    outcomes = run_at_once(
        lambda: open_reversal(case, by=supervisor, reason="本人健在"),
        lambda: complete_task(p02, actor=clerk, result={"outcome": "done"}),
    )
    assert isinstance(outcomes[0], Reversal)
    p02.refresh_from_db()
    if p02.status == TaskStatus.COMPLETED:
        assert case.tasks.filter(compensates=p02).count() == 1
    else:
        assert p02.status == TaskStatus.NOT_APPLICABLE
        assert isinstance(outcomes[1], InvalidTransition)
