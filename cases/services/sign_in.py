"""Citizens sign in with their mobile number and a code sent by SMS.

Asking for a code answers the same whether or not the number has been seen
before (every number gets an account on first use), so nobody can learn who
has a case here by trying numbers.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..fields import hash_for
from ..models import PhoneDevice
from ..notifications import notify
from ..validators import normalise_phone, validate_mobile


class SignInRefused(Exception):
    """The code was not accepted; the message says what to do next."""

    def __init__(self, message, *, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class CodeRequest:
    sent: bool
    # When the next code may be asked for.
    next_code_at: datetime.datetime


def request_sign_in_code(phone, *, client_ip=None, template="login_code", context=None):
    """Send a code to ``phone`` unless one was sent within the cool-down.

    ``client_ip`` caps how many codes one network may ask for in an hour, for
    any numbers: the per-number limits alone let one machine send SMS to
    thousands of numbers (cost, and annoyance to their owners).
    """
    validate_mobile(phone)
    phone = normalise_phone(phone)
    if client_ip and not _network_within_limit(client_ip):
        raise SignInRefused(
            _(
                "Too many codes were asked for from this network. Please try again in an "
                "hour, or call 12345."
            )
        )
    with transaction.atomic():
        device = _device_for(phone, create=True)
        allowed, details = device.generate_is_allowed()
        if not allowed:
            return CodeRequest(sent=False, next_code_at=details["next_generation_at"])
        code = device.generate_code()
        notify(template, phone=phone, context={**(context or {}), "code": code}, secret=True)
    return CodeRequest(
        sent=True,
        next_code_at=timezone.now() + datetime.timedelta(seconds=settings.OTP_SMS_COOLDOWN_SECONDS),
    )


def _network_within_limit(client_ip):
    hour = timezone.now().strftime("%Y%m%d%H")
    # The address is hashed: cache keys end up in monitoring tools.
    digest = hashlib.sha256(client_ip.encode()).hexdigest()[:32]
    key = f"sign-in-codes:{digest}:{hour}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= settings.SIGN_IN_CODES_PER_NETWORK_PER_HOUR


def verify_sign_in_code(phone, code):
    """Return (user, device) for a right code, or raise SignInRefused."""
    try:
        validate_mobile(phone)
    except ValidationError:
        raise SignInRefused(_("The code is wrong or has expired. Ask for a new one.")) from None
    # Failures are counted in the database, so the refusal is raised only
    # after the transaction that records them has committed.
    with transaction.atomic():
        device = _device_for(normalise_phone(phone), create=False)
        if device is None:
            refused = SignInRefused(_("The code is wrong or has expired. Ask for a new one."))
        elif device.locked_until():
            refused = _locked(device.locked_until())
        elif not (allowed := device.verify_is_allowed())[0]:
            refused = SignInRefused(
                _("Too many wrong codes. Please wait a few seconds and try again."),
                locked_until=allowed[1].get("locked_until"),
            )
        elif device.verify_token(code):
            return device.user, device
        elif device.locked_until():
            refused = _locked(device.locked_until())
        else:
            refused = SignInRefused(_("The code is wrong or has expired. Ask for a new one."))
    raise refused


def _locked(until):
    local = timezone.localtime(until)
    return SignInRefused(
        _(
            "Too many wrong codes: signing in with this number is paused until %(time)s. "
            "If you need help now, call 12345."
        )
        % {"time": f"{local:%H:%M}"},
        locked_until=until,
    )


def _device_for(phone, *, create):
    device = (
        PhoneDevice.objects.select_for_update()
        .select_related("user")
        .filter(phone_hash=hash_for(PhoneDevice, "phone", phone))
        .first()
    )
    if device is None and create:
        try:
            with transaction.atomic():
                # The username carries no personal data: it shows in logs and the admin.
                user = get_user_model().objects.create_user(
                    username=f"citizen-{secrets.token_hex(8)}"
                )
                device = PhoneDevice.objects.create(
                    user=user, phone=phone, name="SMS", confirmed=True
                )
        except IntegrityError:  # the same number, first used twice at once
            return _device_for(phone, create=False)
    return device
