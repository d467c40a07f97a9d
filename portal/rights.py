"""A close relative's requests about the deceased's personal information
(PIPL Art. 49), one question a page: which case and your number; the code
and your ID number's end; what you ask; the details; done. The request's
page shows its answer and the copy, once the relative proves again who they
are (a code for that request, the same ID number's end)."""

import time

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.constants import Channel
from cases.masking import mask_phone
from cases.models import DataRequest, RequestKind
from cases.services import rights as service
from cases.services.rights_answers import overdue
from cases.services.rights_copy import record_download, token_allows
from web.network import client_ip

from .rights_forms import (
    CaseAndPhoneForm,
    CorrectionForm,
    DeletionForm,
    KindForm,
    ProofForm,
)

# How long a proof lets the relative go on, in seconds.
PROVEN_FOR = 15 * 60
ASKING = "rights-asking"
PROVEN = "rights-proven"


def _proof(request):
    """The case and the relative's number, while the proof holds."""
    proof = request.session.get(PROVEN)
    if not proof or proof["until"] < time.time():
        return None
    case = service.find_case(proof["reference"])
    people = [p for p in service.close_relatives(case) if p.phone == proof["phone"]] if case else []
    if not people:
        return None
    return case, people[0]


def start(request):
    """Step 1: the case's reference and your mobile number."""
    form = CaseAndPhoneForm(request.POST or None, initial=request.session.get(ASKING))
    if request.method == "POST" and form.is_valid():
        reference, phone = form.cleaned_data["reference"], form.cleaned_data["phone"]
        try:
            service.ask_code(reference, phone, client_ip=client_ip(request))
        except service.RequestRefused as refused:
            form.add_error(None, str(refused))
        else:
            request.session[ASKING] = {"reference": reference, "phone": phone}
            return redirect("portal:rights_prove")
    return render(request, "portal/rights/start.html", {"form": form, "step": 1})


def prove(request):
    """Step 2: the code and the end of your ID number."""
    asking = request.session.get(ASKING)
    if not asking:
        return redirect("portal:rights")
    form = ProofForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case, _person = service.prove(
                asking["reference"],
                asking["phone"],
                code=form.cleaned_data["code"],
                id_suffix=form.cleaned_data["id_suffix"],
                client_ip=client_ip(request),
            )
        except service.RequestRefused as refused:
            form.add_error(None, str(refused))
        else:
            request.session[PROVEN] = {
                "reference": case.reference,
                "phone": asking["phone"],
                "until": time.time() + PROVEN_FOR,
            }
            return redirect("portal:rights_kind")
    return render(
        request,
        "portal/rights/prove.html",
        {"form": form, "step": 2, "masked_phone": mask_phone(asking["phone"])},
    )


def kind(request):
    """Step 3: what you ask for."""
    if _proof(request) is None:
        return redirect("portal:rights")
    form = KindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request.session["rights-kind"] = form.cleaned_data["kind"]
        return redirect("portal:rights_details")
    return render(request, "portal/rights/kind.html", {"form": form, "step": 3})


def details(request):
    """Step 4: what exactly (for a correction, which fact and what it should
    say), then the request is sent."""
    proven = _proof(request)
    asked = request.session.get("rights-kind")
    if proven is None or asked not in RequestKind.values:
        return redirect("portal:rights")
    case, person = proven
    form_class = {RequestKind.CORRECTION: CorrectionForm, RequestKind.DELETION: DeletionForm}.get(
        asked
    )
    form = form_class(request.POST or None) if form_class else None
    if request.method == "POST" and (form is None or form.is_valid()):
        data = form.cleaned_data if form else {}
        try:
            made = service.submit(
                case,
                person,
                kind=asked,
                fact=data.get("fact", ""),
                details=data.get("details", ""),
                channel=Channel.WEB,
            )
        except service.ValidationError as error:
            if form is None:
                raise
            form.add_error(None, error)
        else:
            for key in (ASKING, PROVEN, "rights-kind"):
                request.session.pop(key, None)
            # The relative may read the answer in this browser without
            # another code while the proof would have held.
            request.session[_request_key(made)] = time.time() + PROVEN_FOR
            return redirect("portal:rights_request", reference=made.reference)
    return render(
        request,
        "portal/rights/details.html",
        {"form": form, "step": 4, "kind": RequestKind(asked), "case": case},
    )


def _request_key(made):
    return f"rights-request:{made.reference}"


def _may_read(request, made):
    return request.session.get(_request_key(made), 0) > time.time()


def request_page(request, reference):
    """A request's status and answer, and its copy once ready."""
    made = get_object_or_404(DataRequest.objects.select_related("case"), reference=reference)
    if not _may_read(request, made):
        return _identify(request, made)
    return render(
        request,
        "portal/rights/request.html",
        {
            "made": made,
            "overdue": overdue(made),
            "fact_label": dict(service.FACT_LABELS).get(made.fact, ""),
        },
    )


def _identify(request, made):
    if not made.requester_phone:
        raise Http404  # kept no longer: its retention is over
    form = ProofForm()
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "send":
        try:
            sent = service.ask_request_code(made, client_ip=client_ip(request))
        except service.RequestRefused as refused:
            messages.error(request, str(refused))
        else:
            if sent.sent:
                messages.success(request, _("A code was sent. It works for 5 minutes."))
            else:
                messages.info(request, _("A code was sent a moment ago. Please use that one."))
        return redirect(request.path)
    if action == "verify":
        form = ProofForm(request.POST)
        if form.is_valid():
            try:
                service.prove_request(
                    made,
                    code=form.cleaned_data["code"],
                    id_suffix=form.cleaned_data["id_suffix"],
                    client_ip=client_ip(request),
                )
            except service.RequestRefused as refused:
                form.add_error(None, str(refused))
            else:
                request.session[_request_key(made)] = time.time() + PROVEN_FOR
                return redirect(request.path)
    return render(
        request,
        "portal/rights/identify.html",
        {"form": form, "made": made, "masked_phone": mask_phone(made.requester_phone)},
    )


@require_GET
def copy_file(request, reference, what):
    """The copy, to the relative who proved who they are (in this browser, or
    in the app, whose link is signed for 15 minutes); each download an access
    event."""
    made = get_object_or_404(DataRequest.objects.select_related("case"), reference=reference)
    stored = {"pdf": made.copy_pdf, "json": made.copy_json}.get(what)
    proven = _may_read(request, made) or token_allows(request.GET.get("t"), made, what)
    if not stored or not proven:
        raise Http404
    record_download(made, what=what, remote_addr=client_ip(request))
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"personal-information-{made.reference}.{what}",
        content_type="application/pdf" if what == "pdf" else "application/json",
    )
