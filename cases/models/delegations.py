"""The heirs of a case and their delegated authorizations (亲属间委托授权).

Money paid to one heir (funeral subsidy, housing fund…) needs every other
first-order heir's consent. The applicant declares who the heirs are and
where the money goes (a :class:`HeirDeclaration`, versioned: a change makes a
new version and voids what was given for the old one); each other heir gets
one :class:`Delegation` to confirm or decline.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Relationship
from ..fields import BlindIndexField, EncryptedTextField
from ..storage import document_storage
from ..validators import normalise_bank_account, normalise_id_number, normalise_phone


class DelegationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the heir to answer")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    OFFLINE = "offline", _("Cannot confirm online: goes to the notary")
    EXPIRED = "expired", _("Not answered within 7 days")
    REVOKED = "revoked", _("Withdrawn by the heir")
    VOID = "void", _("No longer valid: the heirs or the payee changed")


# Answers that leave a consent missing: the notary must cover them.
MISSING_CONSENT_STATUSES = frozenset(
    {
        DelegationStatus.DECLINED,
        DelegationStatus.OFFLINE,
        DelegationStatus.EXPIRED,
        DelegationStatus.REVOKED,
    }
)


class HeirDeclarationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


class HeirDeclaration(models.Model):
    """Who the first-order heirs are and who receives the money, as the
    applicant declared it complete."""

    wagtail_reference_index_ignore = True

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="heir_declarations"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    payee_name = models.CharField(_("who receives the money"), max_length=100)
    payee_account = EncryptedTextField(_("payee's bank account"), normaliser=normalise_bank_account)
    # Which text of the "this list is complete" declaration the applicant agreed to.
    consent_version = models.CharField(_("declaration text version"), max_length=40)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared at"))
    declared_from = models.GenericIPAddressField(_("declared from"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    # Shown to the family when a change voided confirmations already given.
    voided_confirmations = models.PositiveSmallIntegerField(
        _("confirmations voided by this version"), default=0
    )

    objects = HeirDeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["case", "version"]
        verbose_name = _("heirs declaration")
        verbose_name_plural = _("heirs declarations")
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="one_declaration_version"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_declaration",
            ),
        ]

    def __str__(self):
        return f"heirs declaration {self.case_id} v{self.version}"


def _delegation_path(instance, filename):
    return f"delegations/{instance.declaration.case_id}/{instance.pk}.pdf"


class Delegation(models.Model):
    """One other heir of one declaration, and their answer."""

    wagtail_reference_index_ignore = True

    declaration = models.ForeignKey(
        HeirDeclaration, on_delete=models.CASCADE, related_name="delegations"
    )
    name = models.CharField(_("name"), max_length=100)
    relationship = models.CharField(
        _("relationship to the deceased"), max_length=20, choices=Relationship.choices
    )
    id_number = EncryptedTextField(_("resident ID number"), normaliser=normalise_id_number)
    id_number_hash = BlindIndexField(source="id_number")
    phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    phone_hash = BlindIndexField(source="phone")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DelegationStatus.choices,
        default=DelegationStatus.PENDING,
    )
    # The personal link's token, encrypted (the reminder sends the same link),
    # and its SHA-256, by which an opened link finds its row.
    token = EncryptedTextField(_("link token"))
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    link_used_at = models.DateTimeField(_("link used at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # What the heir was shown and answered: matters, payee, masked account, amounts.
    authorized = models.JSONField(_("what is authorized"), default=dict, blank=True)
    consent_version = models.CharField(_("authorization text version"), max_length=40, blank=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_from = models.GenericIPAddressField(_("answered from"), null=True, blank=True)
    decided_with = models.CharField(_("answered with"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("heir's account"),
    )
    decline_reason = models.TextField(_("reason given"), blank=True)
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    # Set when the notary's certification stands in for this heir's consent.
    notarised_at = models.DateTimeField(_("covered by the notary at"), null=True, blank=True)
    document = models.FileField(
        _("signed authorization"), storage=document_storage, upload_to=_delegation_path, blank=True
    )
    document_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["declaration", "id"]
        verbose_name = _("delegated authorization")
        verbose_name_plural = _("delegated authorizations")
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self):
        return f"delegation #{self.pk}"

    @property
    def consent_counts(self):
        return self.status == DelegationStatus.CONFIRMED or self.notarised_at is not None
