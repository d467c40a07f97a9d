"""Codes texted for one purpose about one thing.

A code that confirms an application filed for the family, or that proves an
heir is who an authorization request is for, is read aloud to somebody else
or typed on somebody else's screen. It must do that one thing and nothing
else: it never signs anyone in (that is ``PhoneDevice``'s, for sign-in codes
only), it confirms only the application or authorization it was sent for,
and it dies after a few wrong guesses.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import BlindIndexField, EncryptedTextField
from ..validators import normalise_phone


class CodePurpose(models.TextChoices):
    FAMILY_CONFIRMATION = "family_confirmation", _("Confirm an application filed for the family")
    HEIR_VERIFICATION = "heir_verification", _("Prove who an heir is for one authorization")
    DATA_REQUEST = (
        "data_request",
        _("Prove a close relative's request about the deceased's personal information"),
    )


class PurposeCode(models.Model):
    purpose = models.CharField(max_length=30, choices=CodePurpose.choices)
    # What the code is about: an application's draft id, an authorization's id.
    subject = models.CharField(max_length=64)
    phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    phone_hash = BlindIndexField(source="phone")
    # A keyed hash over purpose, subject, number and code: never the code.
    digest = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField()
    valid_until = models.DateTimeField()
    failures = models.PositiveSmallIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("purpose-bound code")
        verbose_name_plural = _("purpose-bound codes")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "subject", "phone_hash"], name="one_code_per_purpose"
            )
        ]

    def __str__(self):
        return f"{self.purpose} code #{self.pk}"

    def digest_of(self, code):
        message = f"code:{self.purpose}:{self.subject}:{self.phone_hash}:{code}".encode()
        return hmac.new(settings.BLIND_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()
