"""Watching time limits: which tasks are late, and how much time is left.

A task still open the day after its due date is late, whether or not that
day is a working day: the due date already gave the department every working
day of its time limit.
"""

from django.db import transaction
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES, CaseStatus
from ..models import Case, DepartmentTask
from ..workdays import WorkingCalendar


def flag_overdue_tasks(today=None):
    """Mark open tasks past their due date, and cases past the 3-working-day
    target; return how many tasks were marked."""
    today = today or timezone.localdate()
    with transaction.atomic():
        flagged = _flag(DepartmentTask.objects.filter(status__in=OPEN_TASK_STATUSES), today)
        _flag(Case.objects.filter(status=CaseStatus.IN_PROGRESS), today)
    return flagged


def _flag(queryset, today):
    # One save per row, so each flag is in the audit trail.
    late = queryset.select_for_update(skip_locked=True).filter(
        due_date__lt=today, overdue_since__isnull=True
    )
    flagged = 0
    for row in late:
        row.overdue_since = today
        row.save(update_fields=["overdue_since", "updated_at"])
        flagged += 1
    return flagged


def working_days_left(task, today=None, calendar=None):
    """Working days from today to the due date: 0 on the due date, negative
    once late, None while the task has no due date."""
    if task.due_date is None:
        return None
    today = today or timezone.localdate()
    calendar = calendar or WorkingCalendar.for_range(
        min(today, task.due_date), max(today, task.due_date)
    )
    return calendar.working_days_between(today, task.due_date)
