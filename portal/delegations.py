"""The heir's side: the personal link from the SMS, and "my authorizations"."""

import time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.masking import mask_name, mask_phone
from cases.services import delegations as service
from cases.services.heirs import authorized_for
from web.network import client_ip

from .access import family_required
from .heir_forms import AnswerForm, HeirIdentityForm

# How long a proven identity lets the heir read and answer, in seconds.
VERIFIED_FOR = 15 * 60


def _session_key(delegation):
    return f"delegation-verified:{delegation.pk}"


def delegation(request, token):
    try:
        delegation = service.delegation_for_token(token)
    except service.DelegationRefused as refused:
        return render(request, "portal/delegations/closed.html", {"message": refused}, status=404)
    try:
        service.check_open(delegation)
    except service.DelegationRefused as refused:
        return render(request, "portal/delegations/closed.html", {"message": refused})
    user = _verified_user(request, delegation)
    if user is None:
        return _identify(request, delegation)
    return _answer(request, delegation, user)


def _verified_user(request, delegation):
    """The heir's account, while the proof given for this request holds.
    The proof is for this request only: it signs nobody in."""
    proof = request.session.get(_session_key(delegation))
    if not proof or proof["until"] < time.time():
        return None
    return get_user_model().objects.filter(pk=proof["user"]).first()


def _identify(request, delegation):
    form = HeirIdentityForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "send":
        try:
            result = service.send_code(delegation, client_ip=client_ip(request))
        except service.DelegationRefused as refused:
            messages.error(request, str(refused))
        else:
            if result.sent:
                messages.success(request, _("A code was sent. It works for 5 minutes."))
            else:
                messages.info(request, _("A code was sent a moment ago. Please use that one."))
        return redirect(request.path)
    if action == "verify":
        form = HeirIdentityForm(request.POST)
        if form.is_valid():
            try:
                user = service.verify_heir(
                    delegation,
                    id_suffix=form.cleaned_data["id_suffix"],
                    code=form.cleaned_data["code"].strip(),
                    client_ip=client_ip(request),
                )
            except service.DelegationRefused as refused:
                form.add_error(None, str(refused))
            else:
                request.session[_session_key(delegation)] = {
                    "user": user.pk,
                    "until": time.time() + VERIFIED_FOR,
                }
                return redirect(request.path)
    case = delegation.declaration.case
    return render(
        request,
        "portal/delegations/identify.html",
        {
            "form": form,
            "heir_name": mask_name(delegation.name),
            "applicant": mask_name(case.applicant.name),
            "deceased": mask_name(case.deceased.name),
            "masked_phone": mask_phone(delegation.phone),
        },
    )


def _answer(request, delegation, user):
    case = delegation.declaration.case
    authorized = authorized_for(case, delegation.declaration)
    form = AnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            answered = service.answer_delegation(
                delegation,
                decision=form.cleaned_data["decision"],
                heir_user=user,
                client_ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
                reason=form.cleaned_data["reason"],
            )
        except service.DelegationRefused as refused:
            form.add_error(None, str(refused))
        else:
            request.session.pop(_session_key(delegation), None)
            return render(request, "portal/delegations/answered.html", {"delegation": answered})
    return render(
        request,
        "portal/delegations/answer.html",
        {
            "form": form,
            "delegation": delegation,
            "authorized": authorized,
            "text": service.authorization_text(authorized),
        },
    )


@family_required
def my_delegations(request):
    return render(
        request,
        "portal/delegations/mine.html",
        {"delegations": service.delegations_given_by(request.user), "now": timezone.now()},
    )


@family_required
@require_POST
def revoke(request, pk):
    delegation = get_object_or_404(service.delegations_given_by(request.user), pk=pk)
    try:
        service.revoke_delegation(delegation, heir_user=request.user, client_ip=client_ip(request))
    except (service.DelegationRefused, PermissionDenied) as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Your authorization is withdrawn. The family will be offered the notary instead."),
        )
    return redirect("portal:my_delegations")
