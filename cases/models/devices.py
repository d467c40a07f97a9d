"""The SMS sign-in device of a citizen, on django-otp. It serves signing in
and nothing else: codes that confirm something are ``PurposeCode``s.

django-otp's side-channel devices keep the code in clear text and compare it
with ``==``, and its throttling never locks out (PITFALLS.md). This device
stores a keyed hash of the code and compares in constant time; wrong guesses
count only while a code is live, and after ``OTP_SMS_LOCKOUT_FAILURES`` of
them the code dies. Locking a number is per network (``services.codes``), so
guessing from one place never locks the owner out everywhere.
"""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import CooldownMixin, SideChannelDevice, ThrottlingMixin, TimestampMixin
from django_otp.util import random_number_token

from ..fields import BlindIndexField, EncryptedTextField
from ..validators import normalise_phone


class PhoneDevice(TimestampMixin, CooldownMixin, ThrottlingMixin, SideChannelDevice):
    phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    phone_hash = BlindIndexField(source="phone", unique=True)
    # A keyed hash of the code, never the code.
    token = models.CharField(max_length=64, blank=True, null=True)  # noqa: DJ001 - as django-otp

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("SMS sign-in device")
        verbose_name_plural = _("SMS sign-in devices")

    def __str__(self):
        return f"SMS device #{self.pk}"

    def get_throttle_factor(self):
        return settings.OTP_SMS_THROTTLE_FACTOR

    def get_cooldown_duration(self):
        return settings.OTP_SMS_COOLDOWN_SECONDS

    def has_live_code(self):
        return (
            bool(self.token) and self.valid_until is not None and timezone.now() < self.valid_until
        )

    def _digest(self, code):
        message = f"sms-otp:{self.pk}:{code}".encode()
        return hmac.new(settings.BLIND_INDEX_KEY.encode(), message, hashlib.sha256).hexdigest()

    def generate_code(self):
        """A new 6-digit code (returned once, to be sent); the old one stops working."""
        code = random_number_token(6)
        self.token = self._digest(code)
        self.valid_until = timezone.now() + datetime.timedelta(
            seconds=settings.OTP_SMS_TOKEN_VALIDITY
        )
        self.cooldown_set(commit=False)
        # Guesses at the old code say nothing about this one.
        self.throttle_reset(commit=False)
        self.save()
        return code

    def verify_token(self, token):
        if not self.has_live_code():
            return False  # nothing was sent: nothing to guess, nothing counted
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        if hmac.compare_digest(self._digest(str(token).strip()), self.token):
            self.token = None
            self.valid_until = timezone.now()
            self.throttle_reset(commit=False)
            self.cooldown_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment(commit=False)
        if self.throttling_failure_count >= settings.OTP_SMS_LOCKOUT_FAILURES:
            self.token = None  # this code is dead; the owner asks for a new one
        self.save()
        return False
