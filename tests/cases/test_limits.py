"""Time limits in working hours, working days and clock hours."""

import datetime

import pytest

from cases.limits import LimitUnit, TimeLimit
from cases.workdays import WorkingCalendar

pytestmark = pytest.mark.django_db

HUZHOU = datetime.timezone(datetime.timedelta(hours=8))


def at(day, hour, minute=0):
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=HUZHOU)


def due(amount, unit, start):
    calendar = WorkingCalendar.for_range(start.date(), start.date() + datetime.timedelta(days=30))
    return TimeLimit(amount, unit).due(start, calendar)


def test_working_hours_skip_the_lunch_break():
    # Tuesday 1 December 2026, 10:00: 2 h before lunch, 2 h after it.
    assert due(4, LimitUnit.WORKING_HOURS, at(1, 10)) == at(1, 15, 30)


def test_working_hours_started_after_closing_begin_the_next_morning():
    assert due(4, LimitUnit.WORKING_HOURS, at(1, 18)) == at(2, 14, 0)


def test_working_hours_skip_the_weekend():
    # Friday 4 December, 16:30: one hour on Friday, three on Monday.
    assert due(4, LimitUnit.WORKING_HOURS, at(4, 16, 30)) == at(7, 11, 30)


def test_working_days_end_when_the_last_working_day_closes():
    assert due(1, LimitUnit.WORKING_DAYS, at(4, 9)) == at(7, 17, 30)


def test_zero_working_days_end_the_same_day():
    assert due(0, LimitUnit.WORKING_DAYS, at(1, 9)) == at(1, 17, 30)


def test_clock_hours_run_through_the_night_and_the_weekend():
    assert due(48, LimitUnit.CLOCK_HOURS, at(4, 18)) == at(6, 18)


def test_working_hours_skip_a_holiday():
    # 1 January 2027 is New Year's Day (a Friday): Thursday 31 December
    # 17:00 leaves half an hour, the rest is on Monday 4 January.
    start = datetime.datetime(2026, 12, 31, 17, 0, tzinfo=HUZHOU)
    assert due(2, LimitUnit.WORKING_HOURS, start) == datetime.datetime(
        2027, 1, 4, 10, 0, tzinfo=HUZHOU
    )


def test_the_limit_reads_with_its_unit():
    assert TimeLimit(4, LimitUnit.WORKING_HOURS).phrase() == "4 个工作小时"
    assert TimeLimit(48, LimitUnit.CLOCK_HOURS).phrase() == "48 小时（昼夜连续计算）"


def test_the_clerk_sees_a_limit_in_hours_with_its_hour(client, time_machine):
    from tests.cases.helpers import task
    from tests.factories import DemoRegistryPersonFactory, resident_id, submitted_case
    from tests.staff import department_member, staff_login

    time_machine.move_to(at(1, 10), tick=False)  # Tuesday 10:00
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")  # the identity check passes
    case = submitted_case()
    h01 = task(case, "H01")
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{h01.pk}/").content.decode()
    assert "4 个工作小时" in page
    assert "2026-12-01 15:30" in page
