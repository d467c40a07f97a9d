"""Clerks are reminded of tasks due soon and overdue; overdue tasks are
escalated to the department's supervisors. Once per person, task and kind."""

import datetime

import pytest
from django.utils import timezone

from cases.models import StaffReminder
from cases.scheduling import JOBS, run_due_jobs
from cases.services.reminders import remind_and_escalate
from cases.services.tasks import accept_task
from cases.services.time_limits import flag_overdue_tasks
from tests.cases.helpers import complete, task
from tests.factories import submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil():
    return department_member("civil_affairs"), department_member("civil_affairs", supervisor=True)


def kinds(user):
    return set(StaffReminder.objects.filter(user=user).values_list("task__matter_code", "kind"))


def test_a_task_due_by_the_next_working_day_reminds_the_departments_clerks(civil, time_machine):
    clerk, supervisor = civil
    time_machine.move_to(datetime.datetime(2026, 11, 23, 9, tzinfo=timezone.get_current_timezone()))
    case = submitted_case()
    complete(case, "BD01")  # C01 is ready, due in 48 hours: Wednesday 09:00
    remind_and_escalate()
    assert ("C01", "due_soon") not in kinds(clerk)
    time_machine.move_to(datetime.datetime(2026, 11, 24, 9, tzinfo=timezone.get_current_timezone()))
    remind_and_escalate()
    assert ("C01", "due_soon") in kinds(clerk)
    assert kinds(supervisor) == set()


def test_an_overdue_task_reminds_its_clerk_and_escalates_to_the_supervisors(civil, time_machine):
    clerk, supervisor = civil
    tz = timezone.get_current_timezone()
    time_machine.move_to(datetime.datetime(2026, 11, 23, 9, tzinfo=tz))
    case = submitted_case()
    complete(case, "BD01")
    accept_task(task(case, "C01"), actor=clerk)
    other_clerk = department_member("civil_affairs")
    time_machine.move_to(datetime.datetime(2026, 11, 26, 9, tzinfo=tz))
    flag_overdue_tasks()
    remind_and_escalate()
    assert ("C01", "overdue") in kinds(clerk)
    assert ("C01", "overdue") not in kinds(other_clerk)  # the task is the assignee's
    assert ("C01", "escalated") in kinds(supervisor)


def test_reminders_are_not_repeated(civil, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 23, 9, tzinfo=timezone.get_current_timezone()))
    case = submitted_case()
    complete(case, "BD01")
    time_machine.move_to(datetime.datetime(2026, 11, 24, 9, tzinfo=timezone.get_current_timezone()))
    first = remind_and_escalate()
    assert first > 0
    assert remind_and_escalate() == 0


def test_the_admin_home_shows_them_and_opening_the_task_marks_them_read(
    client, civil, time_machine
):
    clerk, _supervisor = civil
    time_machine.move_to(datetime.datetime(2026, 11, 23, 9, tzinfo=timezone.get_current_timezone()))
    case = submitted_case()
    complete(case, "BD01")
    time_machine.move_to(datetime.datetime(2026, 11, 24, 9, tzinfo=timezone.get_current_timezone()))
    remind_and_escalate()
    staff_login(client, clerk)
    home = client.get("/admin/").content.decode()
    assert case.display_reference in home
    client.get(f"/admin/workbench/{task(case, 'C01').pk}/")
    assert not StaffReminder.objects.filter(
        user=clerk, read_at__isnull=True, task__matter_code="C01"
    )


def test_the_scheduler_runs_it():
    assert "remind_and_escalate" in {job.name for job in JOBS}
    outcomes = run_due_jobs([j for j in JOBS if j.name == "remind_and_escalate"])
    assert "reminders" in str(outcomes)
