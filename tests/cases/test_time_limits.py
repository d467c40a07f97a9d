"""Late tasks are flagged by the scheduled sweep; holidays are not working time."""

import datetime

import pytest

from cases.constants import Scenario, TaskStatus
from cases.scheduling import run_due_jobs
from cases.services.time_limits import flag_overdue_tasks, working_days_left
from tests.factories import NO_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case

from .helpers import complete, task

pytestmark = pytest.mark.django_db

D = datetime.date


def on(day, hour=9, minute=0):
    """A moment in Huzhou (UTC+8)."""
    return datetime.datetime(
        day.year,
        day.month,
        day.day,
        hour,
        minute,
        tzinfo=datetime.timezone(datetime.timedelta(hours=8)),
    )


@pytest.fixture
def submitted_before_national_day(time_machine):
    # Wednesday 30 September 2026, 10:00 in Huzhou; 1–7 October are holidays.
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC))
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return submitted_case(Scenario.HOSPITAL, NO_FLAGS)


def test_the_medical_certificate_is_due_four_office_hours_into_the_first_working_day(
    submitted_before_national_day,
):
    # Filed at 18:00, after office hours: 08:30–12:00 and 13:30–14:00 on 8 October.
    h01 = task(submitted_before_national_day, "H01")
    assert h01.due_at == on(D(2026, 10, 8), 14, 0)
    assert h01.due_date == D(2026, 10, 8)


def test_body_transport_runs_day_and_night_through_the_holiday(submitted_before_national_day):
    due = task(submitted_before_national_day, "C01").due_at
    assert due.replace(second=0, microsecond=0) == on(D(2026, 10, 2), 18, 0)


def test_an_office_task_is_not_late_during_the_holiday_nor_before_its_hour(
    submitted_before_national_day,
):
    flag_overdue_tasks(on(D(2026, 10, 5)))
    flag_overdue_tasks(on(D(2026, 10, 8), 13, 59))
    assert task(submitted_before_national_day, "H01").overdue_since is None


def test_a_task_still_open_after_its_due_moment_is_flagged_once(submitted_before_national_day):
    assert flag_overdue_tasks(on(D(2026, 10, 3))) == 1  # the body transport
    assert flag_overdue_tasks(on(D(2026, 10, 8), 14, 1)) == 1  # the medical certificate
    assert task(submitted_before_national_day, "H01").overdue_since == D(2026, 10, 8)
    assert flag_overdue_tasks(on(D(2026, 10, 9))) == 0
    assert task(submitted_before_national_day, "H01").overdue_since == D(2026, 10, 8)


def test_finished_and_waiting_tasks_are_never_late(submitted_before_national_day):
    complete(submitted_before_national_day, "H01")
    flag_overdue_tasks(on(D(2026, 10, 30)))
    assert task(submitted_before_national_day, "H01").overdue_since is None
    assert task(submitted_before_national_day, "C02").status == TaskStatus.WAITING
    assert task(submitted_before_national_day, "C02").overdue_since is None


def test_working_days_left_skip_the_holiday(submitted_before_national_day):
    h01 = task(submitted_before_national_day, "H01")
    assert working_days_left(h01, D(2026, 9, 30)) == 1
    assert working_days_left(h01, D(2026, 10, 3)) == 1
    assert working_days_left(h01, D(2026, 10, 8)) == 0
    assert working_days_left(h01, D(2026, 10, 12)) == -3  # Fri 9, Sat 10 (make-up day), Mon 12


def test_the_scheduler_runs_the_sweep(submitted_before_national_day, time_machine):
    time_machine.move_to(datetime.datetime(2026, 10, 9, 9, 0, tzinfo=datetime.UTC))
    assert run_due_jobs()["flag_overdue_tasks"] == "2 tasks became overdue"  # H01 and C01


def test_a_case_past_its_three_working_days_is_flagged(submitted_before_national_day):
    case = submitted_before_national_day
    assert case.due_date == D(2026, 10, 10)  # Thu 8, Fri 9, the make-up Saturday
    flag_overdue_tasks(on(D(2026, 10, 10)))
    case.refresh_from_db()
    assert case.overdue_since is None
    flag_overdue_tasks(on(D(2026, 10, 11)))
    case.refresh_from_db()
    assert case.overdue_since == D(2026, 10, 11)


def test_a_completed_case_is_never_late(submitted_before_national_day):
    case = submitted_before_national_day
    complete(case, "H01", "C01", "C02", "P02")
    flag_overdue_tasks(on(D(2026, 10, 30)))
    case.refresh_from_db()
    assert case.overdue_since is None


def test_a_late_case_texts_the_family_an_apology_and_the_date_now_expected(
    submitted_before_national_day, empty_sms_outbox
):
    case = submitted_before_national_day
    case.refresh_from_db()
    flag_overdue_tasks(on(D(2026, 10, 13)))
    late = [m for m in empty_sms_outbox if "很抱歉" in m["text"]]
    assert len(late) == 1
    assert case.display_reference in late[0]["text"]
    assert f"{case.due_date.month}月{case.due_date.day}日" in late[0]["text"]
    assert "10月14日" in late[0]["text"]  # the next working day: its tasks are past due
    flag_overdue_tasks(on(D(2026, 10, 14)))
    assert len([m for m in empty_sms_outbox if "很抱歉" in m["text"]]) == 1  # once
