"""A task's status history as rows (as Open Zaak keeps a zaak's statuses):
one row per change, appended by the one function that changes a task's
status (``cases.services.status_history.change_status``) and never changed
or removed. django-auditlog still keeps the field diffs beside it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import TaskStatus
from .append_only import AppendOnlyModel


class TaskStatusChange(AppendOnlyModel):
    wagtail_reference_index_ignore = True

    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.CASCADE, related_name="status_changes"
    )
    # Empty for the status the task was created in.
    from_status = models.CharField(_("from"), max_length=20, choices=TaskStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=TaskStatus.choices)
    # None: the system (a dependency met, a job, the family's own action is
    # attributed to the family's account).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The reason as the family or the department was told it.
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("task status change")
        verbose_name_plural = _("task status changes")
        indexes = [models.Index(fields=["task", "at"], name="statuschange_task_at")]

    def __str__(self):
        return f"{self.task_id}: {self.from_status or '—'} → {self.to_status}"
