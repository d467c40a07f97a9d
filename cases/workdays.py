"""Working days: China's official holidays and make-up workdays.

The ``chinesecalendar`` package knows the State Council's schedule up to the
last year it was released for (2026 for 1.11). Overrides entered in the admin
(a year's notice, ``HolidayNotice``) win over it. Beyond its data the
statutory holidays come from the ``holidays`` package, which computes them for
any year, lunar ones included — but neither the extra days off around them
nor the make-up working days, which only the State Council's notice fixes
(PITFALLS). Until an administrator enters that notice, those days count as
plain weekdays and weekends, a warning is logged and the admin home page
tells administrators what to enter. It never raises: a case submitted in late
December has due dates next year.
"""

import datetime
import logging
from functools import lru_cache

import chinese_calendar
import holidays
from django.utils import timezone

from . import kept
from .models import HolidayNotice

logger = logging.getLogger(__name__)

# Generous upper bound on how many calendar days N working days can span:
# the longest Chinese holiday run is 8 days plus adjacent weekends.
_SPAN_FACTOR = 3
_SPAN_SLACK = 20


def package_knows(day: datetime.date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


class WorkingCalendar:
    """Answers "is this a working day?" for a window of dates with one query.

    ``overrides`` maps dates to True (working) or False (holiday); load them
    from the database with :meth:`for_range`.
    """

    def __init__(self, overrides=None):
        self.overrides = dict(overrides or {})
        self._warned_years = set()

    @classmethod
    def for_range(cls, start: datetime.date, end: datetime.date):
        # The overrides are kept per process (cases.kept): no query.
        overrides = kept.calendar_overrides()
        return cls({day: works for day, works in overrides.items() if start <= day <= end})

    @classmethod
    def for_working_days_after(cls, start: datetime.date, working_days: int):
        return cls.for_range(start, start + _span(working_days))

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            if day.year not in self._warned_years:
                self._warned_years.add(day.year)
                logger.warning(
                    "No official holiday schedule for %s: counting its statutory holidays "
                    "and weekends only. Enter the State Council's notice for the year.",
                    day.year,
                )
            return day.weekday() < 5 and day not in statutory_holidays(day.year)

    def add_working_days(self, start: datetime.date, working_days: int) -> datetime.date:
        """The ``working_days``-th working day after ``start`` (which itself is not
        counted). Zero means today when today is a working day, else the next one."""
        if working_days < 0:
            raise ValueError("working_days must not be negative")
        day = start
        if working_days == 0:
            while not self.is_workday(day):
                day += datetime.timedelta(days=1)
            return day
        counted = 0
        while counted < working_days:
            day += datetime.timedelta(days=1)
            if self.is_workday(day):
                counted += 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if
        ``end`` is earlier): how much time is left, or how late a task is."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += datetime.timedelta(days=1)
            count += self.is_workday(day)
        return count


def _span(working_days: int) -> datetime.timedelta:
    return datetime.timedelta(days=working_days * _SPAN_FACTOR + _SPAN_SLACK)


def add_working_days(start: datetime.date, working_days: int) -> datetime.date:
    return WorkingCalendar.for_working_days_after(start, working_days).add_working_days(
        start, working_days
    )


@lru_cache(maxsize=16)
def statutory_holidays(year: int) -> frozenset:
    """The days off the law fixes (法定节假日), lunar ones included, without the
    ``holidays`` package's own guesses at the extra days ("observed")."""
    return frozenset(holidays.country_holidays("CN", years=year, observed=False))


def years_missing_schedule(today: datetime.date, horizon_days: int = 60) -> list[int]:
    """Years within ``horizon_days`` that neither ``chinesecalendar`` nor an
    entered notice covers: the admin home page warns administrators."""
    years = sorted({today.year, (today + datetime.timedelta(days=horizon_days)).year})
    missing = []
    for year in years:
        if package_knows(datetime.date(year, 1, 1)):
            continue
        if not HolidayNotice.objects.filter(year=year).exists():
            missing.append(year)
    return missing


def calendar_for(limits, start):
    """One working calendar (one query) covering ``limits`` (``TimeLimit``s)
    from ``start``."""
    longest = max((limit.span_days() for limit in limits), default=0)
    return WorkingCalendar.for_working_days_after(timezone.localdate(start), longest)
