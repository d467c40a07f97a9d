"""Audit events: what someone did or read, one row per event, beside
django-auditlog's model diffs (which say what changed). Reads of personal
data are events too: a task page opened, a document, a certificate or an
authorization downloaded, a case looked up by the hotline.

Rows are written once and never changed or deleted through the ORM; they
hold no personal data (references, codes and ids only), so they may be kept
longer than the cases they describe."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyModel


class AuditEventKind(models.TextChoices):
    TASK_OPENED = "task_opened", _("task opened")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("document downloaded")
    # Shown in the task page (an image's preview): read, not taken away.
    DOCUMENT_VIEWED = "document_viewed", _("document viewed on the task page")
    CERTIFICATE_DOWNLOADED = "certificate_downloaded", _("certificate downloaded")
    AUTHORIZATION_DOWNLOADED = "authorization_downloaded", _("authorization downloaded")
    HOTLINE_LOOKUP = "hotline_lookup", _("case looked up by the hotline")
    FILE_FETCHED = "file_fetched", _("file fetched by a department's system")
    REGISTRY_LOOKUP = "registry_lookup", _("person looked up in the shared registry")
    RATING_READ = "rating_read", _("family's rating read for its review")
    DEATH_CERTIFICATE_OPENED = "death_certificate_opened", _("medical certificate of death opened")
    BANK_SEARCH = "bank_search", _("every bank searched for a deceased's accounts")
    # Writes: each service that changes a case records one of these.
    CASE_SUBMITTED = "case_submitted", _("case submitted")
    CASE_WITHDRAWN = "case_withdrawn", _("case withdrawn")
    TASK_ACCEPTED = "task_accepted", _("task accepted")
    MATERIALS_REQUESTED = "materials_requested", _("family asked for something")
    MATERIALS_SUPPLIED = "materials_supplied", _("family answered")
    TASK_COMPLETED = "task_completed", _("task completed")
    TASK_CLOSED = "task_closed", _("task closed as not applicable")
    TASK_REJECTED = "task_rejected", _("task rejected")
    TASK_REOPENED = "task_reopened", _("task reopened")
    RESULT_CORRECTED = "result_corrected", _("result corrected")
    CERTIFICATE_REVOKED = "certificate_revoked", _("certificate revoked")
    HEIRS_DECLARED = "heirs_declared", _("heirs declared")
    AUTHORIZATION_ANSWERED = "authorization_answered", _("heir's authorization answered")
    MATTERS_ADDED = "matters_added", _("matters found later added")
    DEATH_RETRACTED = "death_retracted", _("death retracted as reported in error")
    BODY_RELEASED = "body_released", _("body released by the police")
    CREMATION_RECORDED = "cremation_recorded", _("cremation recorded")
    RULED_NATURAL = "ruled_natural", _("death ruled natural")
    APPOINTMENT_MOVED = "appointment_moved", _("notary appointment moved")
    SERVICE_RATED = "service_rated", _("service rated")
    RATING_ANSWERED = "rating_answered", _("poor rating answered")
    ASSISTANT_ASSIGNED = "assistant_assigned", _("funeral assistant assigned")
    DEATH_CERTIFIED = "death_certified", _("death certified by a medical institution")
    DEATH_CERTIFICATE_CORRECTED = (
        "death_certificate_corrected",
        _("medical certificate of death corrected"),
    )
    BURIAL_BOOKED = "burial_booked", _("ecological burial or niche booked")
    BURIAL_DECLINED = "burial_declined", _("ecological burial not wanted")
    BURIAL_CONFIRMED = "burial_confirmed", _("burial booking confirmed by the funeral home")
    OFFSET_AGREED = "offset_agreed", _("payee agreed to offset overpaid benefits")
    STATEMENTS_REQUESTED = "statements_requested", _("bank statements requested")
    STATEMENT_SENT = "statement_sent", _("bank statement sent")
    STATEMENT_DOWNLOADED = "statement_downloaded", _("bank statement downloaded")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("personal data erased after retention")
    DATA_REQUEST_RECEIVED = "data_request_received", _("relative's data request received")
    DATA_REQUEST_ROUTED = "data_request_routed", _("correction sent to the department")
    DATA_REQUEST_ANSWERED = "data_request_answered", _("relative's data request answered")
    DATA_COPY_DOWNLOADED = "data_copy_downloaded", _("copy of personal information downloaded")
    SHARING_GRANTED = "sharing_granted", _("family consented to share with a body")
    SHARING_WITHDRAWN = "sharing_withdrawn", _("family withdrew a sharing consent")
    SHARED_DATA_READ = "shared_data_read", _("shared data read by a receiving body")


class AuditEvent(AppendOnlyModel):
    wagtail_reference_index_ignore = True

    kind = models.CharField(_("event"), max_length=40, choices=AuditEventKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("case"),
    )
    # What was read, as "task:12" or "certificate:20261202-AB12": never a name.
    subject = models.CharField(_("what"), max_length=100, blank=True)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["case", "-at"], name="auditevent_case_at"),
            models.Index(fields=["kind", "-at"], name="auditevent_kind_at"),
            models.Index(fields=["-at"], name="auditevent_at"),
        ]

    def __str__(self):
        return f"{self.kind} {self.subject}"
