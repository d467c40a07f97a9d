"""Withdrawing a case the family no longer wants handled."""

from django.db import transaction
from django.utils import timezone

from ..audit import acting_as
from ..constants import FINISHED_TASK_STATUSES, CaseStatus, TaskStatus
from ..models import Case
from ..transitions import check_case_transition, check_task_transition


def withdraw_case(case, *, actor, reason):
    """Stop every unfinished task with ``reason``; finished ones keep their result."""
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=case.pk)
        check_case_transition(case.status, CaseStatus.WITHDRAWN)
        for task in case.tasks.exclude(status__in=FINISHED_TASK_STATUSES):
            check_task_transition(task.status, TaskStatus.NOT_APPLICABLE)
            task.status = TaskStatus.NOT_APPLICABLE
            task.reason = reason
            task.completed_at = now
            task.save()
        case.status = CaseStatus.WITHDRAWN
        case.completed_at = now
        case.save()
    return case
