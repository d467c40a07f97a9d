"""Reminders to staff: tasks due soon, tasks overdue, escalations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffReminder(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due by the next working day")
        OVERDUE = "overdue", _("Overdue")
        ESCALATED = "escalated", _("Overdue in your department (escalated)")

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            # Each person is reminded once per task and kind.
            models.UniqueConstraint(fields=["user", "task", "kind"], name="one_reminder_per_kind")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"reminder {self.pk}"
