"""Staff sign in with a password and then a TOTP code (django-otp).

Every page a staff account opens needs a verified second factor — the admin,
and the portal pages the funeral assistant files from, alike (django-otp's
middleware only *says* whether a user is verified; PITFALLS): the middleware
sends a signed-in but unverified staff user to enrolment (first time: scan
the QR code, enter a code, receive ten single-use backup codes) or to
verification, and answers 403 to their API calls. The
backup codes are django-otp static tokens, stored as a keyed hash (django-otp
stores and compares them in clear, PITFALLS), so the input is hashed before
it is compared.
"""

import hashlib
import hmac
import secrets
from io import BytesIO
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PREFIX = "/admin/"
# What an unverified staff session may still reach: signing in and out, the
# second factor itself, and files that carry nothing personal.
EXEMPT = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/2fa/",
    "/admin/jsi18n/",
    "/admin/password_reset/",
    "/account/logout/",
    "/static/",
    "/favicon.ico",
)
# Answered 403 rather than sent to a page: a program is calling.
API_PREFIXES = ("/graphql/",)
BACKUP_CODES = 10


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not path.startswith(EXEMPT)
            and needs_second_factor(user)
            and not verified_as_staff(user)
        ):
            if path.startswith(API_PREFIXES):
                return HttpResponseForbidden(
                    _("Staff accounts must confirm the second factor in the admin first.")
                )
            target = "staff_2fa_verify" if _totp(user) else "staff_2fa_setup"
            return _redirect_to(target, request.get_full_path())
        return self.get_response(request)


def verified_as_staff(user):
    """Verified by the staff's own factor (authenticator or backup code),
    never by a citizen's SMS device."""
    return user.is_verified() and isinstance(user.otp_device, TOTPDevice | StaticDevice)


def needs_second_factor(user):
    """Every staff account, whatever it opens. A citizen signed in by SMS
    code is verified by that code (``PhoneDevice``) and is not staff."""
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def hash_backup_code(code):
    digest = hmac.new(
        settings.BLIND_INDEX_KEY.encode(), code.strip().lower().encode(), hashlib.sha256
    )
    return digest.hexdigest()[:16]


def _totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a backup code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next(request):
    candidate = request.GET.get("next") or request.POST.get("next") or PREFIX
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return PREFIX


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def setup(request):
    """First sign-in: a new authenticator, confirmed by a first code."""
    if not needs_second_factor(request.user):
        raise Http404
    if _totp(request.user):
        return _redirect_to("staff_2fa_verify", _next(request))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="TOTP", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_backup_codes(request.user)
            otp_login(request, device)
            return render(
                request,
                "office/2fa_backup_codes.html",
                {"codes": codes, "next": _next(request)},
            )
        form.add_error("code", _("That code is not right; check the time on your phone."))
    return render(
        request,
        "office/2fa_setup.html",
        {"form": form, "qr_svg": _qr_svg(device.config_url), "secret": _secret(device)},
    )


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def verify(request):
    if not needs_second_factor(request.user):
        raise Http404
    device = _totp(request.user)
    if device is None:
        return _redirect_to("staff_2fa_setup", _next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        allowed, _details = device.verify_is_allowed()
        if device.throttling_failure_count >= settings.OTP_TOTP_LOCKOUT_FAILURES:
            # django-otp only slows guessing down; after this many wrong
            # codes the account stays shut until IT resets it.
            form.add_error(
                "code",
                _(
                    "Too many wrong codes: this account is locked. Ask IT to reset your "
                    "authenticator (manage.py reset_staff_2fa)."
                ),
            )
        elif not allowed:
            form.add_error(
                "code", _("Too many wrong codes. Wait a little and try again, or ask IT.")
            )
        elif device.verify_token(code):
            otp_login(request, device)
            return redirect(_next(request))
        elif (backup := _backup_device(request.user)) and backup.verify_token(
            hash_backup_code(code)
        ):
            otp_login(request, backup)
            messages.warning(
                request,
                _("You used a backup code; %(n)s are left.") % {"n": backup.token_set.count()},
            )
            return redirect(_next(request))
        else:
            form.add_error("code", _("That code is not right; check the time on your phone."))
    return render(request, "office/2fa_verify.html", {"form": form})


def _backup_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [f"{secrets.randbelow(10**10):010d}" for _ in range(BACKUP_CODES)]
    for code in codes:
        device.token_set.create(token=hash_backup_code(code))
    return codes


def _secret(device):
    import base64

    return base64.b32encode(device.bin_key).decode()


def _qr_svg(text):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _redirect_to(url_name, next_url):
    return redirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")
