"""Close relatives' requests about the deceased's personal information
(PIPL Art. 49: access and copy, correction, deletion), each a tracked item
with its legal deadline, handled by the data-protection officer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import BlindIndexField, EncryptedTextField
from ..storage import document_storage
from ..validators import normalise_phone


class RequestKind(models.TextChoices):
    COPY = "copy", _("See and copy what is held")
    CORRECTION = "correction", _("Correct something that is wrong")
    DELETION = "deletion", _("Delete what may be deleted")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", _("Received: being looked at")
    # A correction waits for the department that holds the fact.
    AT_DEPARTMENT = "at_department", _("With the department that holds the fact")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")


OPEN_REQUEST_STATUSES = (RequestStatus.RECEIVED, RequestStatus.AT_DEPARTMENT)


class Refusal(models.TextChoices):
    ARRANGED_OTHERWISE = "arranged_otherwise", _("The deceased arranged otherwise")
    CASE_OPEN = "case_open", _("The case is still being handled")
    NOT_HELD = "not_held", _("The platform does not hold it")
    OTHER = "other", _("Other reason (in the answer)")


class RequesterRole(models.TextChoices):
    APPLICANT = "applicant", _("The applicant")
    HEIR = "heir", _("A listed heir")


def _copy_path(instance, filename):
    return f"data-requests/{instance.reference}/{filename}"


class DataRequest(models.Model):
    wagtail_reference_index_ignore = True

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="data_requests")
    kind = models.CharField(_("request"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    channel = models.CharField(_("channel"), max_length=20)
    # Who asked, as proven by the code texted to the number the case holds
    # for them and the end of their ID number.
    requester_role = models.CharField(_("asked by"), max_length=20, choices=RequesterRole.choices)
    requester_name = models.CharField(_("name"), max_length=100)
    relationship = models.CharField(_("relationship to the deceased"), max_length=20)
    requester_phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    requester_phone_hash = BlindIndexField(source="requester_phone")
    # A keyed hash of the end of their ID number (rights.suffix_digest).
    requester_suffix_digest = models.CharField(max_length=64, blank=True)
    # What is asked: for a correction, which fact and what it should say.
    fact = models.CharField(_("which fact"), max_length=40, blank=True)
    details = EncryptedTextField(_("what the relative asks"))
    received_at = models.DateTimeField(_("received at"))
    due_date = models.DateField(_("answer due"))
    # A correction is sent to the department that holds the fact.
    department = models.ForeignKey(
        "cases.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_requests",
        verbose_name=_("department"),
    )
    department_note = models.TextField(_("department's answer"), blank=True)
    department_corrected = models.BooleanField(_("corrected by the department"), null=True)
    department_answered_at = models.DateTimeField(null=True, blank=True)
    refusal = models.CharField(_("refused because"), max_length=30, blank=True, choices=Refusal)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    # The copy, as a PDF for people and JSON for machines, encrypted at rest.
    copy_pdf = models.FileField(storage=document_storage, upload_to=_copy_path, blank=True)
    copy_json = models.FileField(storage=document_storage, upload_to=_copy_path, blank=True)

    class Meta:
        verbose_name = _("personal information request")
        verbose_name_plural = _("personal information requests")
        indexes = [
            # The officer's queue: open requests, the nearest deadline first.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=["received", "at_department"]),
                name="data_request_open_due",
            ),
            models.Index(fields=["case", "-received_at"], name="data_request_case"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in OPEN_REQUEST_STATUSES
