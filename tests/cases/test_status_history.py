"""A task's status history is kept as rows, appended by the one function
that changes a status: who, from what, to what, why and when. The clerk's
task page, the family's case page and the department's payload read it."""

import pytest

from cases.constants import TaskStatus
from cases.models import TaskStatusChange
from cases.services import tasks as task_services
from cases.services.materials import supply_materials
from cases.services.withdrawal import withdraw_case
from cases.transitions import InvalidTransition
from tests.cases.helpers import complete, task
from tests.factories import TaskStatusChangeFactory, applicant_data, citizen, submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def moves(t):
    return [(c.from_status, c.to_status) for c in t.status_changes.order_by("at", "pk")]


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(phone=PHONE))


def test_every_task_starts_its_history_with_the_status_it_was_created_in(case):
    for t in case.tasks.all():
        assert moves(t)[0] == ("", t.status)


def test_a_scenarios_history_equals_the_transitions_it_made(case):
    complete(case, "BD01")
    clerk = department_member("health")
    h01 = task(case, "H01")
    task_services.accept_task(h01, actor=clerk)
    task_services.request_materials(task(case, "H01"), actor=clerk, message="请上传病历")
    supply_materials(task(case, "H01"), actor=citizen(PHONE), note="已上传")
    task_services.complete_task(task(case, "H01"), actor=clerk)
    assert moves(task(case, "H01")) == [
        ("", TaskStatus.WAITING),
        (TaskStatus.WAITING, TaskStatus.READY),
        (TaskStatus.READY, TaskStatus.IN_PROGRESS),
        (TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_MATERIALS),
        (TaskStatus.AWAITING_MATERIALS, TaskStatus.IN_PROGRESS),
        (TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED),
    ]
    actors = [c.actor for c in task(case, "H01").status_changes.order_by("at", "pk")]
    assert actors[2] == clerk and actors[-1] == clerk
    assert actors[1] is None  # made ready by the system when BD01 was done


def test_a_withdrawal_records_who_closed_each_task_and_why(case):
    family = citizen(PHONE)
    withdraw_case(case, actor=family, reason="改为线下办理")
    change = task(case, "C01").status_changes.order_by("at", "pk").last()
    assert (change.to_status, change.actor, change.reason) == (
        TaskStatus.NOT_APPLICABLE,
        family,
        "改为线下办理",
    )


def test_a_refused_transition_writes_no_history(case):
    h01 = task(case, "H01")  # waiting for the identity check
    before = h01.status_changes.count()
    with pytest.raises(InvalidTransition):
        task_services.complete_task(h01, actor=department_member("health"))
    assert h01.status_changes.count() == before


def test_the_history_is_never_changed_or_deleted():
    change = TaskStatusChangeFactory()
    with pytest.raises(TypeError):
        TaskStatusChange.objects.filter(pk=change.pk).update(reason="改写")
    with pytest.raises(TypeError):
        TaskStatusChange.objects.filter(pk=change.pk).delete()
    change.reason = "改写"
    with pytest.raises(TypeError):
        change.save()
    with pytest.raises(TypeError):
        change.delete()


def test_the_clerks_task_page_shows_the_history(client, case):
    complete(case, "BD01")
    clerk = department_member("health")
    task_services.accept_task(task(case, "H01"), actor=clerk)
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{task(case, 'H01').pk}/").content.decode()
    assert "待受理 → 办理中" in page
    assert clerk.get_username() in page


def test_the_familys_case_page_shows_what_happened_so_far(client, case):
    complete(case, "BD01")
    task_services.accept_task(task(case, "H01"), actor=department_member("health"))
    client.force_login(citizen(PHONE))
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "部门已受理" in page


def test_the_departments_payload_carries_the_history(case):
    from cases.services.contract import as_payload, contract_for

    complete(case, "BD01")
    payload = as_payload(contract_for(task(case, "H01")), lambda kind, ident: {})
    assert [(h["from"], h["to"]) for h in payload["history"]] == [
        ("", TaskStatus.WAITING),
        (TaskStatus.WAITING, TaskStatus.READY),
    ]
