"""Codes sent by SMS: how many a network may ask for, when guessing locks,
and the codes bound to one purpose (``PurposeCode``).

Wrong guesses count only against a code that was really sent and is still
valid: with no live code there is nothing to guess, and counting anyway let
anybody lock any number out with a few requests an hour. A lock holds one
number *from one network* for ``OTP_SMS_LOCKOUT_MINUTES``, so the attacker's
network is shut while the rightful owner, elsewhere, asks for a new code and
gets in. A code that has taken ``OTP_SMS_LOCKOUT_FAILURES`` wrong guesses,
from anywhere, is dead: the owner asks for a new one.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..fields import hash_for
from ..models import PurposeCode
from ..notifications import notify
from ..rate import count_in_window
from ..validators import normalise_phone, validate_mobile


class CodeRefused(Exception):
    """The code was not accepted; the message says what to do next."""

    def __init__(self, message, *, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class CodeRequest:
    sent: bool
    # When the next code may be asked for.
    next_code_at: datetime.datetime


def _digest(text):
    # Cache keys end up in monitoring tools: no number or address in clear.
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def network_within_limit(client_ip):
    """Count one more code asked for from ``client_ip`` this hour; False past
    ``SIGN_IN_CODES_PER_NETWORK_PER_HOUR``. The per-number limits alone let
    one machine text thousands of numbers (cost, and annoyance)."""
    if not client_ip:
        return True
    hour = timezone.now().strftime("%Y%m%d%H")
    count = count_in_window(f"sign-in-codes:{_digest(client_ip)}:{hour}", 3600)
    return count <= settings.SIGN_IN_CODES_PER_NETWORK_PER_HOUR


def _lock_key(phone_hash, client_ip):
    return f"code-failures:{_digest(phone_hash)}:{_digest(client_ip or 'unknown')}"


def locked_until(phone_hash, client_ip):
    """When the lock of this number from this network ends, or None."""
    state = cache.get(_lock_key(phone_hash, client_ip)) or {}
    until = state.get("locked_until")
    return until if until and until > timezone.now() else None


def record_failure(phone_hash, client_ip):
    """Count a wrong guess at a live code; return the lock's end if this
    one locked the number for this network."""
    key = _lock_key(phone_hash, client_ip)
    window = settings.OTP_SMS_LOCKOUT_MINUTES * 60
    state = cache.get(key) or {"failures": 0}
    state["failures"] += 1
    if state["failures"] >= settings.OTP_SMS_LOCKOUT_FAILURES:
        state["locked_until"] = timezone.now() + datetime.timedelta(seconds=window)
    cache.set(key, state, timeout=window)
    return state.get("locked_until")


def forget_failures(phone_hash, client_ip):
    cache.delete(_lock_key(phone_hash, client_ip))


def locked_message(until, text, refused=CodeRefused):
    """The refusal while locked: ``text`` says what is paused until %(time)s."""
    local = timezone.localtime(until)
    return refused(text % {"time": f"{local:%H:%M}"}, locked_until=until)


def wait_seconds(failures):
    """django-otp's doubling delay after each wrong guess."""
    if failures == 0:
        return 0
    return settings.OTP_SMS_THROTTLE_FACTOR * (2 ** (failures - 1))


# --- Codes for one purpose ------------------------------------------------------


def send(purpose, subject, phone, *, template, context=None, client_ip=None):
    """Text a code for ``purpose`` about ``subject`` to ``phone``, unless one
    was sent within the cool-down. The previous code for the same purpose and
    subject stops working."""
    validate_mobile(phone)
    phone = normalise_phone(phone)
    if not network_within_limit(client_ip):
        raise CodeRefused(
            _(
                "Too many codes were asked for from this network. Please try again in an "
                "hour, or call 12345."
            )
        )
    now = timezone.now()
    with transaction.atomic():
        row = _row(purpose, subject, phone, lock=True)
        cooldown = datetime.timedelta(seconds=settings.OTP_SMS_COOLDOWN_SECONDS)
        if row is not None and row.sent_at + cooldown > now:
            return CodeRequest(sent=False, next_code_at=row.sent_at + cooldown)
        if row is None:
            row = PurposeCode(purpose=purpose, subject=str(subject), phone=phone)
            row.phone_hash = hash_for(PurposeCode, "phone", phone)
        code = f"{secrets.randbelow(10**6):06d}"
        row.digest = row.digest_of(code)
        row.sent_at = now
        row.valid_until = now + datetime.timedelta(seconds=settings.OTP_SMS_TOKEN_VALIDITY)
        row.failures, row.last_failure_at, row.used_at = 0, None, None
        row.save()
        notify(template, phone=phone, context={**(context or {}), "code": code}, secret=True)
    return CodeRequest(sent=True, next_code_at=now + cooldown)


def confirm(purpose, subject, phone, code, *, client_ip=None):
    """Accept ``code`` once, for this purpose and subject only; raise
    CodeRefused otherwise. Failures are written before the refusal is raised."""
    refused = _check(purpose, subject, phone, code, client_ip=client_ip)
    if refused is not None:
        raise refused


def refuse_attempt(purpose, subject, phone, message, *, client_ip=None):
    """A wrong answer given with the code (an heir's ID suffix) counts as a
    wrong guess at it. Always raises CodeRefused."""
    raise _check(purpose, subject, phone, None, client_ip=client_ip, wrong=message)


def refuse_wrong_suffix(purpose, subject, phone, *, client_ip=None):
    """The end of the ID number given with the code is not the person's: a
    wrong guess at the code, said in words. Always raises CodeRefused."""
    refuse_attempt(
        purpose,
        subject,
        phone,
        _(
            "The last six characters of the ID number do not match. Enter the last "
            "six characters of your own resident ID card."
        ),
        client_ip=client_ip,
    )


def _check(purpose, subject, phone, code, *, client_ip, wrong=None):
    now = timezone.now()
    expired = CodeRefused(_("The code is wrong or has expired. Ask for a new one."))
    try:
        validate_mobile(phone)
    except ValidationError:  # a malformed number: the same answer as a wrong code
        return expired
    with transaction.atomic():
        row = _row(purpose, subject, normalise_phone(phone), lock=True)
        if row is None:
            return expired
        if until := locked_until(row.phone_hash, client_ip):
            return locked_message(until, _locked_text())
        if row.used_at is not None or row.valid_until <= now or not row.digest:
            return expired  # no live code: nothing to guess, nothing counted
        wait = wait_seconds(row.failures)
        if row.last_failure_at and row.last_failure_at + datetime.timedelta(seconds=wait) > now:
            return CodeRefused(
                _("Too many wrong answers. Please wait a few seconds and try again.")
            )
        if wrong is None and secrets.compare_digest(row.digest_of(str(code).strip()), row.digest):
            row.used_at = now
            row.digest = ""
            row.save(update_fields=["used_at", "digest"])
            forget_failures(row.phone_hash, client_ip)
            return None
        row.failures += 1
        row.last_failure_at = now
        if row.failures >= settings.OTP_SMS_LOCKOUT_FAILURES:
            row.digest = ""  # this code is dead; a new one must be asked for
        row.save(update_fields=["failures", "last_failure_at", "digest"])
        until = record_failure(row.phone_hash, client_ip)
    if until:
        return locked_message(until, _locked_text())
    return CodeRefused(wrong or _("The code is wrong or has expired. Ask for a new one."))


def _locked_text():
    return _(
        "Too many wrong answers: this request is paused until %(time)s. If you need "
        "help now, call 12345."
    )


def _row(purpose, subject, phone, *, lock):
    rows = PurposeCode.objects.filter(
        purpose=purpose, subject=str(subject), phone_hash=hash_for(PurposeCode, "phone", phone)
    )
    return (rows.select_for_update() if lock else rows).first()
