from django.contrib import messages
from django.contrib.auth import login, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from cases.masking import mask_phone
from cases.roles import is_citizen
from cases.services.sign_in import SignInRefused, request_sign_in_code, verify_sign_in_code
from web.network import client_ip

from .forms import CodeForm, PhoneForm

SESSION_PHONE = "sign_in_phone"


def sign_in(request):
    """Step 1 asks for the number, step 2 for the code sent to it."""
    next_url = _safe_next(request)
    phone = request.session.get(SESSION_PHONE)
    if request.method == "POST" and request.POST.get("action") == "verify" and phone:
        return _verify(request, phone, next_url)
    if request.method == "POST" and request.POST.get("action") == "resend" and phone:
        _send(request, phone)
        return redirect(_with_next(request.path + "?step=code", next_url))
    if request.method == "POST":
        form = PhoneForm(request.POST)
        if form.is_valid():
            request.session[SESSION_PHONE] = form.cleaned_data["phone"]
            _send(request, form.cleaned_data["phone"])
            return redirect(_with_next(request.path + "?step=code", next_url))
        return render(request, "portal/sign_in_phone.html", {"form": form, "next": next_url})
    if request.GET.get("step") == "code" and phone:
        return _code_page(request, phone, CodeForm(), next_url)
    return render(request, "portal/sign_in_phone.html", {"form": PhoneForm(), "next": next_url})


@require_POST
def sign_out(request):
    logout(request)
    return redirect("/")


def _send(request, phone):
    try:
        result = request_sign_in_code(phone, client_ip=client_ip(request))
    except SignInRefused as refused:
        messages.error(request, str(refused))
        return
    if result.sent:
        messages.success(
            request,
            _("A code was sent to %(phone)s. It works for 5 minutes.")
            % {"phone": mask_phone(phone)},
        )
    else:
        seconds = max(1, int((result.next_code_at - timezone.now()).total_seconds()))
        messages.info(
            request,
            _("A code was sent a moment ago. You can ask for another in %(seconds)s seconds.")
            % {"seconds": seconds},
        )


def _verify(request, phone, next_url):
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, phone, form, next_url)
    try:
        user, device = verify_sign_in_code(
            phone, form.cleaned_data["code"].strip(), client_ip=client_ip(request)
        )
    except SignInRefused as refused:
        form.add_error("code", str(refused))
        return _code_page(request, phone, form, next_url)
    sign_in_citizen(request, user, device)
    request.session.pop(SESSION_PHONE, None)
    return redirect(next_url)


def sign_in_citizen(request, user, device):
    """Start the session of a citizen who proved their phone with a code.
    A staff account never signs in this way: its second factor is its own."""
    if not is_citizen(user):
        raise PermissionDenied
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)


def _code_page(request, phone, form, next_url):
    context = {"form": form, "masked_phone": mask_phone(phone), "next": next_url}
    return render(request, "portal/sign_in_code.html", context)


def _safe_next(request):
    candidate = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


def _with_next(url, next_url):
    from urllib.parse import urlencode

    return f"{url}&{urlencode({'next': next_url})}" if next_url != "/" else url
