"""The one place a task's status changes: the transition is checked, the
status set and a ``TaskStatusChange`` row appended with who, why and when.
Every service that moves a task goes through :func:`change_status`; a task
created in a status records it with :func:`record_created`."""

from ..models import TaskStatusChange
from ..transitions import check_task_transition


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def change_status(task, status, *, at, actor=None, reason=""):
    """Move ``task`` (saved, locked by the caller) to ``status``; the caller
    saves the task. Raises InvalidTransition for a move the rules forbid."""
    check_task_transition(task.status, status)
    TaskStatusChange.objects.create(
        task=task,
        from_status=task.status,
        to_status=status,
        actor=_user(actor),
        reason=reason or "",
        at=at,
    )
    previous, task.status = task.status, status
    return previous


def record_created(tasks, *, at, actor=None):
    """The first row of each new task's history: the status it starts in."""
    TaskStatusChange.objects.bulk_create(
        TaskStatusChange(task=task, to_status=task.status, actor=_user(actor), at=at)
        for task in tasks
    )
