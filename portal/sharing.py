"""Sharing on the case page: the family lets each body that handles what
follows (property registration, a notary, a bank) read the case for the
purposes it chooses, withdraws it at any moment, and sees every read
(``cases.services.sharing``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cases.models import SharingScope
from cases.roles import files_for_families
from cases.services import sharing

from .access import family_required
from .cases import _case_for


@family_required
def sharing_page(request, reference):
    case = _case_for(request, reference)
    # The family's choice: staff who filed for them cannot make it.
    if files_for_families(request.user):
        raise Http404
    if request.method == "POST":
        body = get_object_or_404(sharing.bodies(), pk=request.POST.get("body") or 0)
        try:
            if request.POST.get("action") == "withdraw":
                sharing.withdraw(case, body, actor=request.user)
                messages.success(
                    request,
                    _("Withdrawn: %(body)s can no longer read this case.") % {"body": body.name},
                )
            else:
                sharing.grant(case, body, request.POST.getlist("scopes"), actor=request.user)
                messages.success(
                    request, _("%(body)s may now read what you chose.") % {"body": body.name}
                )
        except (ValidationError, PermissionDenied) as refused:
            messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
        return redirect("portal:sharing", reference=case.reference)
    consents = sharing.live_consents(case)
    labels = dict(SharingScope.choices)
    rows = [
        {
            "body": body,
            "consent": consents.get(body.pk),
            "scopes": [(scope, labels[scope]) for scope in body.scopes if scope in labels],
        }
        for body in sharing.bodies()
    ]
    return render(
        request,
        "portal/cases/sharing.html",
        {"case": case, "rows": rows, "reads": sharing.reads_for_family(case)},
    )
