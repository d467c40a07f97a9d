"""The clock's rules as properties (cases.limits.shifted), over openings,
closings, the lunch break, weekends, a holiday and a make-up working day:
a wait that takes no office time moves no deadline; a wait of h office hours
moves a limit in working hours by exactly h office hours, and a limit in
working days to the close of the working day where those h hours end."""

import datetime

from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from cases.limits import LimitUnit, office_hours, shifted, working_hours_between
from cases.workdays import WorkingCalendar

# New Year's Day off; Saturday 6 February 2027 a make-up working day; the
# Spring Festival week off (as the State Council's notices read).
CALENDAR = WorkingCalendar(
    {
        datetime.date(2027, 1, 1): False,
        datetime.date(2027, 2, 6): True,
        **{datetime.date(2027, 2, day): False for day in range(8, 13)},
    }
)
FIRST = datetime.datetime(2026, 12, 21)
MINUTES = 80 * 24 * 60  # to mid-March 2027
EPSILON = 1e-6


def local(naive):
    return timezone.make_aware(naive)


def moment_at(minutes):
    return local(FIRST + datetime.timedelta(minutes=minutes))


moments = st.integers(0, MINUTES).map(moment_at)
waits = st.integers(0, 6 * 24 * 60).map(lambda minutes: datetime.timedelta(minutes=minutes))


@st.composite
def office_moments(draw):
    """A moment inside office hours (a window's edges included)."""
    while True:
        day = (FIRST + datetime.timedelta(days=draw(st.integers(0, 80)))).date()
        if CALENDAR.is_workday(day):
            break
    opens, closes = draw(st.sampled_from(office_hours()))
    start = datetime.datetime.combine(day, opens)
    length = int((datetime.datetime.combine(day, closes) - start).total_seconds() // 60)
    return local(start + datetime.timedelta(minutes=draw(st.integers(0, length))))


@st.composite
def closings(draw):
    """The close of a working day: where a limit in working days ends."""
    moment = draw(office_moments())
    return local(datetime.datetime.combine(moment.date(), office_hours()[-1][1]))


def closing_of(day):
    return local(datetime.datetime.combine(day, office_hours()[-1][1]))


# The case: due Monday 17:30, the family answered one minute after
# the question, on a Sunday: no office time passed.
SUNDAY = local(datetime.datetime(2027, 1, 3, 10, 0))
MONDAY_CLOSE = local(datetime.datetime(2027, 1, 4, 17, 30))


@given(due=closings(), since=moments, wait=waits)
@example(due=MONDAY_CLOSE, since=SUNDAY, wait=datetime.timedelta(minutes=1))
def test_a_wait_with_no_office_time_moves_no_limit_in_working_days(due, since, wait):
    if working_hours_between(since, since + wait, CALENDAR) > 0:
        return
    assert shifted(due, since, since + wait, LimitUnit.WORKING_DAYS, CALENDAR) == due


@given(due=office_moments(), since=moments, wait=waits)
@example(due=MONDAY_CLOSE, since=SUNDAY, wait=datetime.timedelta(minutes=1))
def test_a_wait_with_no_office_time_moves_no_limit_in_working_hours(due, since, wait):
    if working_hours_between(since, since + wait, CALENDAR) > 0:
        return
    assert shifted(due, since, since + wait, LimitUnit.WORKING_HOURS, CALENDAR) == due


@given(due=office_moments(), since=moments, wait=waits)
def test_a_wait_of_h_office_hours_moves_a_limit_in_working_hours_by_exactly_h(due, since, wait):
    waited = working_hours_between(since, since + wait, CALENDAR)
    moved = shifted(due, since, since + wait, LimitUnit.WORKING_HOURS, CALENDAR)
    assert moved >= due
    assert abs(working_hours_between(due, moved, CALENDAR) - waited) < EPSILON


@given(due=closings(), since=moments, wait=waits)
def test_a_limit_in_working_days_moves_to_the_close_of_the_day_its_hours_end(due, since, wait):
    waited = working_hours_between(since, since + wait, CALENDAR)
    moved = shifted(due, since, since + wait, LimitUnit.WORKING_DAYS, CALENDAR)
    assert moved == closing_of(moved.date())
    assert CALENDAR.is_workday(timezone.localtime(moved).date())
    gained = working_hours_between(due, moved, CALENDAR)
    # At least the hours waited, and never a whole working day more.
    assert gained >= waited - EPSILON
    day_hours = (
        sum(
            (datetime.datetime.combine(FIRST, c) - datetime.datetime.combine(FIRST, o)).seconds
            for o, c in office_hours()
        )
        / 3600
    )
    assert gained - waited < day_hours
