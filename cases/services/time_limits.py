"""Watching time limits: which tasks are late, and how much time is left.

A task still open the day after its due date is late, whether or not that
day is a working day: the due date already gave the department every working
day of its time limit.
"""

from django.db import transaction
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES
from ..models import DepartmentTask
from ..workdays import WorkingCalendar


def flag_overdue_tasks(today=None):
    """Mark open tasks past their due date; return how many were marked."""
    today = today or timezone.localdate()
    flagged = 0
    with transaction.atomic():
        late = DepartmentTask.objects.select_for_update(skip_locked=True).filter(
            status__in=OPEN_TASK_STATUSES, due_date__lt=today, overdue_since__isnull=True
        )
        for task in late:
            task.overdue_since = today
            task.save(update_fields=["overdue_since", "updated_at"])
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
