"""The SMS sign-in device of a citizen, on django-otp.

django-otp's side-channel devices keep the code in clear text and compare it
with ``==``, and its throttling never locks out (PITFALLS.md). This device
stores a keyed hash of the code, compares in constant time, and after
``OTP_SMS_LOCKOUT_FAILURES`` wrong codes refuses every code for
``OTP_SMS_LOCKOUT_MINUTES``, on top of django-otp's doubling delay.
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

    def locked_until(self):
        """When a lockout after too many wrong codes ends, or None."""
        if self.throttling_failure_count < settings.OTP_SMS_LOCKOUT_FAILURES:
            return None
        until = self.throttling_failure_timestamp + datetime.timedelta(
            minutes=settings.OTP_SMS_LOCKOUT_MINUTES
        )
        return until if until > timezone.now() else None

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
        self.save()
        return code

    def verify_token(self, token):
        if self.locked_until():
            return False
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        if (
            self.token
            and timezone.now() < self.valid_until
            and hmac.compare_digest(self._digest(str(token).strip()), self.token)
        ):
            self.token = None
            self.valid_until = timezone.now()
            self.throttle_reset(commit=False)
            self.cooldown_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment()
        return False
