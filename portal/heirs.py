"""The applicant lists the other first-order heirs and the payee."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.services import heirs as heir_services
from web.network import client_ip

from .access import family_required
from .cases import _case_for
from .heir_forms import HeirFormSet, PayeeForm


@family_required
def heirs(request, reference):
    case = _case_for(request, reference)
    if not heir_services.pays_heirs(case):
        messages.info(request, _("No matter of this case pays money to the heirs."))
        return redirect("portal:case_detail", reference=case.reference)
    text = heir_services.declaration_text()
    if request.method == "POST":
        if request.POST.get("action") == "add":
            # Not submitted yet: keep what was typed, complain about nothing.
            formset = HeirFormSet(_with_row_added(request.POST), prefix="heirs")
            payee = PayeeForm(
                initial={key: request.POST.get(key, "") for key in ("payee_name", "payee_account")},
                declaration_text=text,
            )
        else:
            formset = HeirFormSet(request.POST, prefix="heirs")
            payee = PayeeForm(request.POST, declaration_text=text)
            if formset.is_valid() & payee.is_valid() and _declare(request, case, formset, payee):
                return redirect("portal:case_detail", reference=case.reference)
    else:
        prefill = heir_services.declaration_prefill(case)
        rows = [
            {
                "name": heir.name,
                "relationship": heir.relationship,
                "id_number": heir.id_number,
                "phone": heir.phone,
                "offline": not heir.online,
            }
            for heir in prefill.heirs
        ]
        # A declaration may list no other heir; a first one starts with a row.
        initial = rows if prefill.declared else rows or [{}]
        formset = HeirFormSet(initial=initial, prefix="heirs")
        payee = PayeeForm(
            initial={"payee_name": prefill.payee_name, "payee_account": prefill.payee_account},
            declaration_text=text,
        )
    return render(
        request, "portal/cases/heirs.html", {"case": case, "formset": formset, "payee": payee}
    )


def _declare(request, case, formset, payee):
    rows = formset.heirs()
    data = [
        heir_services.HeirData(
            name=form.cleaned_data["name"],
            relationship=form.cleaned_data["relationship"],
            id_number=form.cleaned_data["id_number"],
            phone=form.cleaned_data["phone"],
            online=not form.cleaned_data["offline"],
        )
        for form in rows
    ]
    try:
        declaration = heir_services.declare_heirs(
            case,
            heirs=data,
            payee_name=payee.cleaned_data["payee_name"],
            payee_account=payee.cleaned_data["payee_account"],
            consent_version=heir_services.DECLARATION_VERSION,
            actor=request.user,
            client_ip=client_ip(request),
        )
    except ValidationError as exc:
        problems = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        for key, texts in problems.items():
            form, field = _field_for(key, rows, payee)
            for text in texts:
                form.add_error(field, text)
        return False
    if declaration.voided_confirmations:
        messages.warning(
            request,
            _(
                "Because the list or the account changed, the %(count)s authorizations given "
                "before no longer count. Each heir has been asked again."
            )
            % {"count": declaration.voided_confirmations},
        )
    messages.success(
        request,
        _("Saved. Each heir who can confirm online has been sent a text message with a link."),
    )
    return True


def _field_for(key, rows, payee):
    """The form and field a service error key (``heirs.2.phone``) belongs to."""
    parts = (key or "").split(".")
    if parts[0] == "heirs" and len(parts) == 3 and int(parts[1]) < len(rows):
        return rows[int(parts[1])], parts[2]
    if key in ("payee_name", "payee_account", "consent"):
        return payee, key
    return payee, None


def _with_row_added(data):
    """The POST data with one more empty row; what was typed stays."""
    data = data.copy()
    try:
        total = int(data.get("heirs-TOTAL_FORMS", 0))
    except ValueError:
        total = 0
    data["heirs-TOTAL_FORMS"] = str(min(total + 1, 10))
    return data
