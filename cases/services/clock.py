"""The case clock and the pauses (catalogue.md, "The three-working-day
target"): the case is due 3 working days after its death certificate (H01 or
P01) is completed; the clock, and a task's own limit, stand still while the
case waits for something outside the departments — the cremation on the day
the family chose, the heirs' consent or the notary, what a department asked
of the family. When the wait ends, the due moments move later by the time
that passed, as each limit counts time, and the family sees the new date.

The functions here change the task and case objects given; the callers
hold both rows locked and save the task. The case's own fields are saved
here.
"""

import datetime

from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES, TaskStatus
from ..limits import LimitUnit, TimeLimit, shifted
from ..workdays import WorkingCalendar

CASE_LIMIT = TimeLimit(3, LimitUnit.WORKING_DAYS)
CASE_FIELDS = ["clock_started_at", "clock_due_at", "due_date", "paused_since", "pause_reason"]


def _calendar(since, now, due=None):
    last = max(timezone.localdate(now), timezone.localdate(due) if due else timezone.localdate(now))
    span = (last - timezone.localdate(since)).days * 2 + 30
    return WorkingCalendar.for_range(
        timezone.localdate(since), timezone.localdate(since) + datetime.timedelta(days=span)
    )


def start_case_clock(case, now):
    """The death certificate is done: 3 working days from now (later, if
    the case waits for something at this moment)."""
    if case.clock_started_at is not None:
        return
    case.clock_started_at = now
    case.clock_due_at = CASE_LIMIT.due(now, _calendar(now, now))
    _sync_due_date(case)
    case.save(update_fields=[*CASE_FIELDS, "updated_at"])


def pause(task, case, reason, now):
    """``task`` waits outside the departments (``reason``), and so does the case."""
    if task.paused_since is None:
        task.paused_since, task.pause_reason = now, reason
    if case.paused_since is None:
        case.paused_since, case.pause_reason = now, reason
        case.save(update_fields=[*CASE_FIELDS, "updated_at"])


def resume(task, case, now):
    """The wait of ``task`` is over: its due moment moves later by the time
    it waited; the case clock goes on once nothing else waits."""
    if task.paused_since is None:
        return
    if task.due_at is not None:
        calendar = _calendar(task.paused_since, now, task.due_at)
        task.due_at = shifted(task.due_at, task.paused_since, now, task.time_limit_unit, calendar)
        task.due_date = timezone.localdate(task.due_at)
        task.overdue_since = None
    task.paused_since, task.pause_reason = None, ""
    others = case.tasks.exclude(pk=task.pk).filter(paused_since__isnull=False)
    still = others.filter(status__in=[*OPEN_TASK_STATUSES, TaskStatus.WAITING]).order_by(
        "paused_since"
    )
    waiting = still.first()
    if waiting is not None:
        if case.pause_reason != waiting.pause_reason:
            case.pause_reason = waiting.pause_reason
            case.save(update_fields=[*CASE_FIELDS, "updated_at"])
        return
    if case.paused_since is not None:
        if case.clock_due_at is not None:
            calendar = _calendar(case.paused_since, now, case.clock_due_at)
            case.clock_due_at = shifted(
                case.clock_due_at, case.paused_since, now, LimitUnit.WORKING_DAYS, calendar
            )
            _sync_due_date(case)
        case.paused_since, case.pause_reason = None, ""
        case.save(update_fields=[*CASE_FIELDS, "updated_at"])


def _sync_due_date(case):
    """The date the family is promised: the clock's, and never earlier than
    an open task's."""
    if case.clock_due_at is None:
        return
    case.due_date = timezone.localdate(case.clock_due_at)
    latest = (
        case.tasks.filter(status__in=OPEN_TASK_STATUSES, paused_since__isnull=True)
        .exclude(due_date__isnull=True)
        .order_by("-due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    case.keep_due_date_after(latest)
