"""Due dates count China's working days: holidays off, make-up days on."""

import datetime

import pytest

from cases.workdays import WorkingCalendar, add_working_days, years_missing_schedule
from tests.factories import CalendarOverrideFactory

D = datetime.date


def test_three_working_days_across_national_day_end_on_the_make_up_saturday():
    # Wed 30 Sep 2026; 1–7 October are holidays; Sat 10 October is a workday.
    assert WorkingCalendar().add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert WorkingCalendar().add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)


def test_the_make_up_sunday_before_national_day_counts():
    # Fri 18 Sep + 1 working day = Sun 20 Sep (make-up workday), not Mon 21.
    assert WorkingCalendar().add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)


def test_mid_autumn_friday_is_skipped():
    assert WorkingCalendar().add_working_days(D(2026, 9, 24), 1) == D(2026, 9, 28)


def test_zero_days_on_a_holiday_means_the_next_working_day():
    assert WorkingCalendar().add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 8)
    assert WorkingCalendar().add_working_days(D(2026, 10, 9), 0) == D(2026, 10, 9)


def test_working_days_between_counts_forwards_and_backwards():
    calendar = WorkingCalendar()
    assert calendar.working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3
    assert calendar.working_days_between(D(2026, 10, 10), D(2026, 9, 30)) == -3
    assert calendar.working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0


def test_a_year_the_package_does_not_know_counts_its_statutory_holidays_with_a_warning(caplog):
    # Thu 31 Dec 2026 + 3: chinesecalendar 1.11 stops at 2026; Fri 1 Jan 2027
    # is New Year's Day all the same (the holidays package).
    with caplog.at_level("WARNING", logger="cases.workdays"):
        due = WorkingCalendar().add_working_days(D(2026, 12, 31), 3)
    assert due == D(2027, 1, 6)
    assert "2027" in caplog.text


def test_new_years_day_2027_is_not_a_working_day():
    assert not WorkingCalendar().is_workday(D(2027, 1, 1))


@pytest.mark.parametrize("day", [5, 6, 7, 8])
def test_the_spring_festival_2027_is_not_working_days(day):
    assert not WorkingCalendar().is_workday(D(2027, 2, day))


def test_an_ordinary_weekday_of_2027_is_a_working_day():
    assert WorkingCalendar().is_workday(D(2027, 2, 18))


@pytest.mark.django_db
def test_overrides_entered_in_the_admin_win():
    CalendarOverrideFactory(date=D(2027, 1, 4), is_workday=False, name="元旦调休")
    # Fri 1 Jan (statutory), Mon 4 Jan (the override): 5, 6, 7 January.
    assert add_working_days(D(2026, 12, 31), 3) == D(2027, 1, 7)


@pytest.mark.django_db
def test_an_override_can_turn_a_weekend_into_a_working_day():
    CalendarOverrideFactory(date=D(2027, 1, 2), is_workday=True, name="调休上班")
    # Fri 1 Jan is a holiday, Sat 2 Jan is worked.
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 2)


@pytest.mark.django_db
def test_administrators_are_told_which_year_has_no_notice():
    from cases.models import HolidayNotice

    assert years_missing_schedule(D(2026, 12, 1)) == [2027]
    CalendarOverrideFactory(date=D(2027, 1, 1))  # a single day is not the year's notice
    assert years_missing_schedule(D(2026, 12, 1)) == [2027]
    HolidayNotice.objects.create(year=2027, title="国务院办公厅关于2027年部分节假日安排的通知")
    assert years_missing_schedule(D(2026, 12, 1)) == []
    assert years_missing_schedule(D(2026, 6, 1)) == []
