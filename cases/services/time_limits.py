"""Watching time limits: which tasks are late, and how much time is left.

A task still open after the moment it was due (``due_at``: the end of office
hours on the last working day of a limit in days, the exact moment of one in
hours) is late. A case still open the day after its due date is late.
"""

from django.db import transaction
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES, CaseStatus
from ..models import Case, DepartmentTask
from ..notifications import notify
from ..workdays import WorkingCalendar


def late_tasks(now):
    """Open tasks past their due moment. What waits outside the departments
    is not late: its clock stands still."""
    return DepartmentTask.objects.filter(
        status__in=OPEN_TASK_STATUSES, paused_since__isnull=True, due_at__lt=now
    )


def flag_overdue_tasks(now=None):
    """Mark open tasks past their due moment, and cases past the
    3-working-day target (their family is texted an apology and the date now
    expected); return how many tasks were marked."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        flagged = _flag(late_tasks(now), today)
        late_cases = Case.objects.filter(
            status=CaseStatus.IN_PROGRESS, due_date__lt=today, paused_since__isnull=True
        )
        _flag(late_cases.select_related("applicant"), today, then=_apologise)
    return flagged


def _flag(queryset, today, then=None):
    # One save per row, so each flag is in the audit trail.
    late = queryset.select_for_update(skip_locked=True, of=("self",)).filter(
        overdue_since__isnull=True
    )
    flagged = 0
    for row in late:
        row.overdue_since = today
        row.save(update_fields=["overdue_since", "updated_at"])
        if then is not None:
            then(row, today)
        flagged += 1
    return flagged


def _apologise(case, today):
    """Say sorry, and when the family can now expect everything done: the
    latest due date of what is still open, and never a day already past."""
    calendar = WorkingCalendar.for_working_days_after(today, 1)
    expected = max(
        [
            calendar.add_working_days(today, 1),
            *case.tasks.filter(status__in=OPEN_TASK_STATUSES, due_date__isnull=False).values_list(
                "due_date", flat=True
            ),
        ]
    )
    notify(
        "case_late",
        phone=case.applicant.phone,
        case=case,
        context={
            "reference": case.display_reference,
            "due_date": case.due_date,
            "expected": expected,
        },
        dedupe_key=f"case:{case.pk}:late",
    )


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
