"""Dispatches: a ready task on its way to a department's own system.

A dispatch is created in the same transaction that makes its task ready, with
the job that sends it. Its ``key`` is the idempotency key the department
sees on every attempt, so a retry after a crash never creates a second task
over there.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DispatchStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Failed; will try again")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Given up: needs an administrator")


class DispatchEvent(models.TextChoices):
    TASK = "task", _("A task to handle")
    MATERIALS = "materials", _("The family supplied what was asked")
    WITHDRAWN = "withdrawn", _("The family withdrew the case: stop")
    REVERSAL = "reversal", _("The death was reported in error: stop, or undo what was done")


class Dispatch(models.Model):
    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True
    key = models.UUIDField(_("idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.CASCADE, related_name="dispatches"
    )
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="dispatches"
    )
    connector = models.CharField(_("connector"), max_length=40)
    # A new task, or a follow-up on one the department already has.
    event = models.CharField(
        _("event"), max_length=20, choices=DispatchEvent.choices, default=DispatchEvent.TASK
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DispatchStatus.choices, default=DispatchStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    external_reference = models.CharField(_("department's reference"), max_length=100, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # Outcomes the department reported that have been applied to the task;
    # the same outcome reported again is a duplicate and changes nothing.
    applied_outcomes = models.JSONField(_("applied outcomes"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        indexes = [models.Index(fields=["status", "lease_expires_at"])]

    def __str__(self):
        return f"dispatch {self.key}"


class CallbackNonce(models.Model):
    """Request ids of callbacks already received: a replayed request is
    refused. Timestamps older than the signing window are refused anyway, so
    old rows can be pruned."""

    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True

    department = models.ForeignKey("cases.Department", on_delete=models.CASCADE, related_name="+")
    request_id = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["department", "request_id"], name="one_use_per_request_id"
            )
        ]

    def __str__(self):
        return f"callback {self.request_id}"
