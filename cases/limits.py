"""Time limits with units, as the catalogue states them: working hours
(office hours of working days), working days, or clock hours (body
transport runs day and night).

A limit of N working days ends when office hours end on the N-th working day
after the day the task became ready (0: that day, or the next working day);
N working hours are counted inside office hours only, from the moment the
task became ready. Office hours are a setting (``OFFICE_HOURS``).
"""

import dataclasses
import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class LimitUnit(models.TextChoices):
    WORKING_HOURS = "wh", _("working hours")
    WORKING_DAYS = "wd", _("working days")
    CLOCK_HOURS = "ch", _("clock hours (day and night)")


def office_hours():
    """[(start, end)] of one working day, as times, in order."""
    return [
        (datetime.time.fromisoformat(start), datetime.time.fromisoformat(end))
        for start, end in settings.OFFICE_HOURS
    ]


def office_day_hours():
    """How many working hours one working day has (7.5 with 08:30–12:00, 13:30–17:30)."""

    def seconds(time):
        return time.hour * 3600 + time.minute * 60 + time.second

    return sum(seconds(end) - seconds(start) for start, end in office_hours()) / 3600


@dataclasses.dataclass(frozen=True)
class TimeLimit:
    amount: int
    unit: str = LimitUnit.WORKING_DAYS

    def __str__(self):
        return self.phrase()

    def phrase(self):
        """As the family and the clerk read it, in the active language."""
        n = self.amount
        if self.unit == LimitUnit.WORKING_HOURS:
            return ngettext("%(n)s working hour", "%(n)s working hours", n) % {"n": n}
        if self.unit == LimitUnit.CLOCK_HOURS:
            return ngettext("%(n)s hour, day and night", "%(n)s hours, day and night", n) % {"n": n}
        return ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}

    def working_days(self):
        """At most how many working days it spans (rounded up)."""
        if self.unit == LimitUnit.WORKING_DAYS:
            return self.amount
        hours = self.amount if self.unit == LimitUnit.WORKING_HOURS else self.amount / 24 * 7.5
        return int(-(-hours // office_day_hours()))

    def due(self, start, calendar):
        """When a task ready at ``start`` (aware) is due, in local time.
        ``calendar`` is a :class:`cases.workdays.WorkingCalendar` that covers
        the days the limit spans (``span_days``)."""
        start = timezone.localtime(start)
        if self.unit == LimitUnit.CLOCK_HOURS:
            return start + datetime.timedelta(hours=self.amount)
        if self.unit == LimitUnit.WORKING_DAYS:
            day = calendar.add_working_days(start.date(), self.amount)
            return _at(day, office_hours()[-1][1])
        return add_working_hours(start, self.amount, calendar)

    def span_days(self):
        """Calendar days a working calendar must cover from the start."""
        if self.unit == LimitUnit.CLOCK_HOURS:
            return self.amount // 24 + 1
        if self.unit == LimitUnit.WORKING_DAYS:
            return self.amount
        return int(self.amount // max(office_day_hours(), 1)) + 1


def add_working_hours(start, hours, calendar):
    """The moment ``hours`` of office time after ``start`` (local, aware):
    the earliest one, so no office time is no time at all (at a closing, it
    was the next opening: a wait on a Sunday moved Monday's 17:30 to
    Tuesday's 08:30)."""
    left = datetime.timedelta(hours=hours)
    if left <= datetime.timedelta():
        return start
    day = start.date()
    moment = start
    while True:
        if calendar.is_workday(day):
            for opens, closes in office_hours():
                window_start = max(moment, _at(day, opens))
                window_end = _at(day, closes)
                if window_start >= window_end:
                    continue
                if window_end - window_start >= left:
                    return window_start + left
                left -= window_end - window_start
        day += datetime.timedelta(days=1)
        moment = _at(day, datetime.time.min)


def _at(day, time):
    return timezone.make_aware(datetime.datetime.combine(day, time))


def working_hours_between(start, end, calendar):
    """Office hours between two moments (0 when ``end`` is not later)."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    total = datetime.timedelta()
    day = start.date()
    while day <= end.date():
        if calendar.is_workday(day):
            for opens, closes in office_hours():
                overlap = min(end, _at(day, closes)) - max(start, _at(day, opens))
                if overlap > datetime.timedelta():
                    total += overlap
        day += datetime.timedelta(days=1)
    return total.total_seconds() / 3600


def shifted(due, since, now, unit, calendar):
    """``due`` moved later by the time that passed between ``since`` and
    ``now`` as the limit counts time: office hours for a limit in working
    time (a limit in days still ends at closing), every hour for one in
    clock hours."""
    if unit == LimitUnit.CLOCK_HOURS:
        return due + (now - since)
    hours = working_hours_between(since, now, calendar)
    moved = add_working_hours(timezone.localtime(due), hours, calendar)
    if unit == LimitUnit.WORKING_DAYS:
        # A limit in days ends at the close of the day where the time lands
        # (landing exactly on a closing, that closing).
        moved = _at(moved.date(), office_hours()[-1][1])
    return moved
