"""Citizens sign in with their mobile number and a code sent by SMS.

Asking for a code answers the same whether or not the number has been seen
before (every number gets an account on first use), so nobody can learn who
has a case here by trying numbers.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..fields import hash_for
from ..models import PhoneDevice
from ..notifications import notify, sent_today
from ..validators import normalise_phone, validate_mobile
from .codes import (
    CodeRefused,
    CodeRequest,
    forget_failures,
    locked_message,
    locked_until,
    network_within_limit,
    record_failure,
)


class SignInRefused(CodeRefused):
    """The sign-in code was not accepted; the message says what to do next."""


def request_sign_in_code(phone, *, client_ip=None):
    """Send a sign-in code to ``phone`` unless one was sent within the cool-down.

    ``client_ip`` caps how many codes one network may ask for in an hour, for
    any numbers. The code signs in and does nothing else: codes that confirm
    an application or an authorization are ``codes.send``'s, bound to it.
    """
    validate_mobile(phone)
    phone = normalise_phone(phone)
    if not network_within_limit(client_ip):
        raise SignInRefused(
            _(
                "Too many codes were asked for from this network. Please try again in an "
                "hour, or call 12345."
            )
        )
    if sent_today(phone, sign_in=True) >= settings.SIGN_IN_CODES_PER_PHONE_PER_DAY:
        raise SignInRefused(
            _(
                "This number has received as many sign-in codes as it may today. Please try "
                "again tomorrow, or call 12345."
            )
        )
    with transaction.atomic():
        device = _device_for(phone, create=True)
        allowed, details = device.generate_is_allowed()
        if not allowed:
            return CodeRequest(sent=False, next_code_at=details["next_generation_at"])
        code = device.generate_code()
        notify("login_code", phone=phone, context={"code": code}, secret=True)
    return CodeRequest(
        sent=True,
        next_code_at=timezone.now() + datetime.timedelta(seconds=settings.OTP_SMS_COOLDOWN_SECONDS),
    )


def verify_sign_in_code(phone, code, *, client_ip=None):
    """Return (user, device) for a right code, or raise SignInRefused.

    Wrong codes count only against a code that was sent and is still valid,
    and lock this number from ``client_ip``'s network only (``codes``)."""
    wrong = _("The code is wrong or has expired. Ask for a new one.")
    try:
        validate_mobile(phone)
    except ValidationError:
        raise SignInRefused(wrong) from None
    # Failures are counted in the database, so the refusal is raised only
    # after the transaction that records them has committed.
    with transaction.atomic():
        device = _device_for(normalise_phone(phone), create=False)
        if device is None:
            refused = SignInRefused(wrong)
        elif until := locked_until(device.phone_hash, client_ip):
            refused = _locked(until)
        elif not device.has_live_code():
            refused = SignInRefused(wrong)  # nothing to guess: not counted
        elif not device.verify_is_allowed()[0]:
            refused = SignInRefused(
                _("Too many wrong codes. Please wait a few seconds and try again.")
            )
        elif device.verify_token(code):
            forget_failures(device.phone_hash, client_ip)
            return device.user, device
        elif until := record_failure(device.phone_hash, client_ip):
            refused = _locked(until)
        else:
            refused = SignInRefused(wrong)
    raise refused


def _locked(until):
    return locked_message(
        until,
        _(
            "Too many wrong codes: signing in with this number is paused until %(time)s. "
            "If you need help now, call 12345."
        ),
        SignInRefused,
    )


def account_for(phone):
    """The account of a mobile number (made on first use, as signing in
    does), without signing anybody in."""
    with transaction.atomic():
        return _device_for(normalise_phone(phone), create=True).user


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
