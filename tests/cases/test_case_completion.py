import pytest

from cases.constants import CaseStatus, Scenario, TaskStatus
from cases.services.tasks import mark_not_applicable
from tests.factories import NO_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case

from .helpers import complete, statuses, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return submitted_case(Scenario.HOSPITAL, NO_FLAGS)


def test_case_completes_when_the_last_task_completes(case):
    complete(case, "H01", "C01", "C02")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    complete(case, "P02")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert case.completed_at is not None
    assert set(statuses(case).values()) == {TaskStatus.COMPLETED}


def test_not_applicable_tasks_count_as_finished(case):
    complete(case, "H01", "C01", "C02")
    mark_not_applicable(task(case, "P02"), actor=None, reason="户籍已于生前迁出本市")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED


def test_a_rejected_task_keeps_the_case_open(case):
    from cases.services.tasks import reject_task

    complete(case, "H01", "C01", "C02")
    reject_task(task(case, "P02"), actor=None, reason="材料不全")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_case_due_date_is_three_working_days_after_submission(case):
    from django.utils import timezone

    from cases.workdays import add_working_days

    assert case.due_date == add_working_days(timezone.localdate(case.submitted_at), 3)
