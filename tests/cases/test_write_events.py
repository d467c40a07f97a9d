"""Every service that changes a case records one write event (kind, case,
actor, a summary without personal data) beside the access events; a case's
timeline in the admin shows both, in order."""

import pytest

from cases.audit_events import WRITE_KINDS, describe
from cases.models import AuditEvent, AuditEventKind
from cases.services import tasks as task_services
from cases.services.materials import supply_materials
from cases.services.withdrawal import withdraw_case
from tests.cases.helpers import complete, complete_everything, task
from tests.factories import UserFactory, applicant_data, citizen, submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def kinds(case):
    return [e.kind for e in AuditEvent.objects.filter(case=case).order_by("at", "pk")]


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(phone=PHONE))


def test_submitting_records_the_case_submitted(case):
    event = AuditEvent.objects.get(case=case, kind=AuditEventKind.CASE_SUBMITTED)
    assert event.details == {"channel": "web"}


def test_each_move_of_a_task_is_one_event_named_for_what_was_done(case):
    complete(case, "BD01")
    clerk = department_member("health")
    task_services.accept_task(task(case, "H01"), actor=clerk)
    task_services.request_materials(task(case, "H01"), actor=clerk, message="请上传病历")
    supply_materials(task(case, "H01"), actor=citizen(PHONE), note="已上传")
    task_services.complete_task(task(case, "H01"), actor=clerk)
    h01 = [
        e.kind for e in AuditEvent.objects.filter(case=case, subject=f"task:{task(case, 'H01').pk}")
    ]
    assert sorted(h01) == sorted(
        [
            AuditEventKind.TASK_ACCEPTED,
            AuditEventKind.MATERIALS_REQUESTED,
            AuditEventKind.MATERIALS_SUPPLIED,
            AuditEventKind.TASK_COMPLETED,
        ]
    )


def test_a_withdrawal_is_one_event_however_many_tasks_it_closes(case):
    withdraw_case(case, actor=citizen(PHONE), reason="改为线下办理")
    assert kinds(case).count(AuditEventKind.CASE_WITHDRAWN) == 1
    assert AuditEventKind.TASK_CLOSED not in kinds(case)


def test_the_timeline_holds_writes_and_reads_in_the_order_they_happened(client, case):
    complete(case, "BD01")
    clerk = department_member("health")
    staff_login(client, clerk)
    client.get(f"/admin/workbench/{task(case, 'H01').pk}/")  # a read
    task_services.accept_task(task(case, "H01"), actor=clerk)  # a change
    timeline = kinds(case)
    opened = timeline.index(AuditEventKind.TASK_OPENED)
    assert timeline.index(AuditEventKind.CASE_SUBMITTED) < opened
    assert opened < timeline.index(AuditEventKind.TASK_ACCEPTED)


def test_no_event_of_a_whole_case_holds_personal_data(case):
    complete_everything(case)
    deceased, applicant = case.deceased, case.applicant
    secrets = [deceased.name, deceased.id_number, applicant.phone, applicant.id_number]
    for event in AuditEvent.objects.filter(case=case):
        written = f"{event.subject} {event.details} {describe(event)}"
        assert not any(secret and secret in written for secret in secrets), event.kind


def test_every_write_kind_has_its_template_and_is_described():
    from cases.audit_events import TEMPLATES

    assert WRITE_KINDS <= set(TEMPLATES)
    assert set(AuditEventKind) == set(TEMPLATES)


def test_the_admin_timeline_marks_changes_and_reads(client, case):
    from django.contrib.auth.models import Group

    from cases.constants import StaffRole

    admin = UserFactory(is_staff=True)
    admin.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    staff_login(client, admin)
    page = client.get(f"/admin/audit-events/?q={case.reference}").content.decode()
    assert "提交了办件" in page and "修改" in page


def test_declaring_the_heirs_and_adding_something_found_later_are_events():
    from cases.services.found_later import add_found_later
    from tests.cases.helpers import declare_sole_heir

    case = submitted_case(flags={"pension": True}, applicant=applicant_data(phone=PHONE))
    declare_sole_heir(case)
    complete_everything(case)
    add_found_later(case, "bank_accounts", actor=citizen(PHONE))
    assert AuditEventKind.HEIRS_DECLARED in kinds(case)
    added = AuditEvent.objects.get(case=case, kind=AuditEventKind.MATTERS_ADDED)
    assert "B01" in added.details["matter"]


def test_rating_and_answering_a_rating_are_events(case):
    from cases.models import Department
    from cases.services.ratings import answer_review, rate

    complete_everything(case)
    case.refresh_from_db()
    health = Department.objects.get(code="health")
    rating = rate(case, health, 1, "太慢", actor=citizen(PHONE), channel="web")
    answer_review(rating, "已整改。", actor=department_member("health", supervisor=True))
    assert kinds(case)[-2:] == [AuditEventKind.SERVICE_RATED, AuditEventKind.RATING_ANSWERED]
