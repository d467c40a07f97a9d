"""Reminding clerks of tasks due soon and overdue, and escalating overdue
tasks to their department's supervisors. Driven by the scheduler; each
person is reminded once per task and kind."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES
from ..models import DepartmentTask, StaffReminder
from ..workdays import WorkingCalendar

Kind = StaffReminder.Kind


def remind_and_escalate(now=None):
    """Create the reminders that are due; return how many were created."""
    today = timezone.localdate(now)
    next_working_day = WorkingCalendar.for_working_days_after(today, 1).add_working_days(today, 1)
    open_tasks = DepartmentTask.objects.filter(status__in=OPEN_TASK_STATUSES).select_related(
        "department"
    )
    due_soon = open_tasks.filter(
        due_date__gte=today,
        due_date__lte=next_working_day,
        overdue_since__isnull=True,
        paused_since__isnull=True,
    )
    overdue = open_tasks.filter(overdue_since__isnull=False)
    members = _group_members()
    reminders = []
    for task in due_soon:
        reminders += _for(_clerks(task, members), task, Kind.DUE_SOON)
    for task in overdue:
        reminders += _for(_clerks(task, members), task, Kind.OVERDUE)
        reminders += _for(
            members.get(task.department.supervisor_group_id, []), task, Kind.ESCALATED
        )
    before = StaffReminder.objects.count()
    StaffReminder.objects.bulk_create(reminders, ignore_conflicts=True)
    return StaffReminder.objects.count() - before


def unread_for(user, limit=20):
    return (
        StaffReminder.objects.filter(user=user, read_at__isnull=True)
        .select_related("task__case", "task__department")
        .order_by("-created_at")[:limit]
    )


def mark_read(user, task):
    StaffReminder.objects.filter(user=user, task=task, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def _clerks(task, members):
    # The clerk who accepted the task, or else everyone who may take it.
    if task.assignee_id:
        return [task.assignee_id]
    return members.get(task.department.clerk_group_id, [])


def _for(user_ids, task, kind):
    return [StaffReminder(user_id=user_id, task=task, kind=kind) for user_id in user_ids]


def _group_members():
    through = get_user_model().groups.through
    members = {}
    for group_id, user_id in through.objects.values_list("group_id", "user_id"):
        members.setdefault(group_id, []).append(user_id)
    return members
