"""The six sealed certificates: signed PDFs with a serial and a QR code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import document_storage
from .catalogue import in_active_language


def _certificate_path(instance, filename):
    return f"certificates/{instance.serial}.pdf"


class Certificate(models.Model):
    wagtail_reference_index_ignore = True

    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    # Empty only for a medical certificate of death issued before the
    # family filed (MedicalDeathCertificate): set when they do.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="certificates",
        null=True,
        blank=True,
    )
    # One per task (the constraint below), but a foreign key without a reverse
    # accessor: auditlog reads every one-to-one relation of a task it logs,
    # which would cost a query per task on submission.
    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="certificates"
    )
    name_zh = models.CharField(_("certificate (Chinese)"), max_length=100)
    name_en = models.CharField(_("certificate (English)"), max_length=100, blank=True)
    file = models.FileField(storage=document_storage, upload_to=_certificate_path)
    sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64, db_index=True)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("why revoked"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["issued_at"]
        constraints = [models.UniqueConstraint(fields=["task"], name="one_certificate_per_task")]
        verbose_name = _("sealed certificate")
        verbose_name_plural = _("sealed certificates")

    def __str__(self):
        return self.serial

    @property
    def name(self):
        return in_active_language(self.name_zh, self.name_en)


def _result_list_path(instance, filename):
    return f"result-lists/{instance.serial}.pdf"


class SealedResultList(models.Model):
    """The result feedback list of a completed case as the family keeps it:
    a PDF sealed like the certificates, with a serial that /verify/ checks.

    One per issue of the list: a matter found later (补办) reopens the case,
    and its completion issues and seals the list again; the earlier one is
    then superseded, and /verify/ says so."""

    wagtail_reference_index_ignore = True

    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="sealed_result_lists"
    )
    # Which issue of the case's list this seals (Case.result_list_issued_at).
    list_issued_at = models.DateTimeField(_("list issued at"))
    # The department whose seal it bears (settings.RESULT_LIST_SEAL_DEPARTMENT).
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="sealed_result_lists"
    )
    file = models.FileField(storage=document_storage, upload_to=_result_list_path)
    sha256 = models.CharField(_("SHA-256 of the signed PDF"), max_length=64, db_index=True)
    issued_at = models.DateTimeField(_("issued at"))
    # A later issue of the list (after a matter found later) replaces it; a
    # death reported in error withdraws it.
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    superseded_reason = models.TextField(_("why it no longer counts"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "list_issued_at"], name="one_seal_per_issue")
        ]
        verbose_name = _("sealed result list")
        verbose_name_plural = _("sealed result lists")

    def __str__(self):
        return self.serial

    @property
    def revoked_at(self):
        """What the verification page reads for a certificate: a replaced
        list is no longer the one that counts."""
        return self.superseded_at

    @property
    def revoked_reason(self):
        from django.utils.translation import gettext

        if self.superseded_at is None:
            return ""
        return self.superseded_reason or gettext(
            "Replaced by a newer list: a matter found later was added to the case."
        )

    @property
    def name(self):
        return in_active_language("办结反馈清单", "Result feedback list")
