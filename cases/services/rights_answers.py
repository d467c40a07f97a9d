"""Answering a close relative's request (``cases.services.rights``): the
data-protection officer prepares the copy, sends a correction to the
department that holds the fact (whose supervisor says what it did), deletes
what may be deleted, answers or refuses; the registry is asked again before
anything is given. Each answer is texted to the relative."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import CaseStatus
from ..models import (
    AuditEventKind,
    DataRequest,
    Department,
    Refusal,
    RequestKind,
    RequestStatus,
)
from ..roles import is_supervisor, supervised_departments
from . import retention
from .rights import FACTS, arranged_otherwise, close, is_officer
from .rights_copy import copy_of, copy_pdf


def _open_for_officer(request, by):
    if not is_officer(by):
        raise PermissionDenied(_("Only the data-protection officer answers these requests."))
    request = (
        DataRequest.objects.select_for_update(of=("self",))
        .select_related("case")
        .get(pk=request.pk)
    )
    if not request.is_open:
        raise ValidationError(_("This request was answered already."))
    return request


def _still_allowed(request, by, now):
    """Ask the registry again before giving anything: an arrangement may have
    been recorded since the request came. Returns False when refused."""
    arranged = arranged_otherwise(request.case)
    if arranged is None:
        raise ValidationError(
            _("The shared registry cannot be asked now; answer the request when it is back.")
        )
    if arranged:
        close(
            request,
            RequestStatus.REFUSED,
            by=by,
            refusal=Refusal.ARRANGED_OTHERWISE,
            answer=_(
                "The deceased arranged that their personal information is not given to "
                "relatives (PIPL Art. 49), so we cannot do what you asked."
            ),
            now=now,
        )
        return False
    return True


def prepare_copy(request, *, by, now=None):
    """Give the relative a copy: a PDF and a JSON file of what the platform
    holds about the deceased and the case, other living people masked."""
    now = now or timezone.now()
    with transaction.atomic(), acting_as(by):
        request = _open_for_officer(request, by)
        if request.kind != RequestKind.COPY:
            raise ValidationError(_("This request does not ask for a copy."))
        if not _still_allowed(request, by, now):
            return request
        data = copy_of(request.case, request)
        request.copy_json.save(
            "copy.json",
            ContentFile(
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
            ),
            save=False,
        )
        request.copy_pdf.save("copy.pdf", ContentFile(copy_pdf(data)), save=False)
        request.save(update_fields=["copy_json", "copy_pdf"])
        close(
            request,
            RequestStatus.ANSWERED,
            by=by,
            answer=_(
                "Your copy is ready: download it from the request's page (a PDF to read and "
                "a JSON file for other systems). Other living people's details are masked."
            ),
            now=now,
        )
    return request


def route_correction(request, *, department, by, now=None):
    """Send a correction to the department that holds the fact."""
    now = now or timezone.now()
    with transaction.atomic(), acting_as(by):
        request = _open_for_officer(request, by)
        if request.kind != RequestKind.CORRECTION:
            raise ValidationError(_("This request does not ask for a correction."))
        if request.status != RequestStatus.RECEIVED:
            raise ValidationError(_("This correction is with a department already."))
        if not _still_allowed(request, by, now):
            return request
        request.department = department
        request.status = RequestStatus.AT_DEPARTMENT
        request.save(update_fields=["department", "status"])
        record_event(
            AuditEventKind.DATA_REQUEST_ROUTED,
            actor=by,
            case=request.case,
            subject=f"request:{request.reference}",
            department=department.code,
        )
    return request


def department_answers(request, *, by, corrected, note, now=None):
    """The department that holds the fact says whether it corrected it."""
    now = now or timezone.now()
    if not note.strip():
        raise ValidationError({"note": _("Say what was done, or why not.")})
    with transaction.atomic(), acting_as(by):
        request = (
            DataRequest.objects.select_for_update(of=("self",))
            .select_related("department")
            .get(pk=request.pk)
        )
        if request.status != RequestStatus.AT_DEPARTMENT:
            raise ValidationError(_("This correction is not waiting for a department."))
        if not is_supervisor(by, request.department):
            raise PermissionDenied(_("Only a supervisor of the department answers it."))
        request.department_corrected = bool(corrected)
        request.department_note = note.strip()
        request.department_answered_at = now
        request.status = RequestStatus.RECEIVED
        request.save(
            update_fields=[
                "department_corrected",
                "department_note",
                "department_answered_at",
                "status",
            ]
        )
    return request


def answer(request, *, by, text, now=None):
    """The officer's answer in words (a correction the department answered,
    say): the request is done and the relative texted."""
    now = now or timezone.now()
    if not text.strip():
        raise ValidationError({"text": _("Write the answer the relative will read.")})
    with transaction.atomic(), acting_as(by):
        request = _open_for_officer(request, by)
        if request.kind == RequestKind.CORRECTION and request.department_answered_at is None:
            raise ValidationError(_("The department that holds the fact has not answered yet."))
        close(request, RequestStatus.ANSWERED, by=by, answer=text.strip(), now=now)
    return request


def refuse(request, *, by, refusal, text, now=None):
    now = now or timezone.now()
    if refusal not in Refusal.values:
        raise ValidationError({"refusal": _("Choose why.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the answer the relative will read.")})
    with transaction.atomic(), acting_as(by):
        request = _open_for_officer(request, by)
        close(request, RequestStatus.REFUSED, by=by, refusal=refusal, answer=text.strip(), now=now)
    return request


def kept_after_deletion():
    """What stays when a relative's deletion is done: said in the answer."""
    return _(
        "Deleted: the names, ID numbers, phone numbers, bank accounts, the causes of death, "
        "the form's answers, the uploaded files and the certificates' files held by this "
        "platform. Kept: each department's own records, which the law makes them keep; the "
        "audit trail of who did and read what, for at least six months; the certificates' "
        "numbers, so that they can still be checked as valid or revoked; and anonymous "
        "figures (dates, matters, times) for the statistics."
    )


def delete_on_request(request, *, by, now=None):
    """Erase the case's personal data now rather than at the end of its
    retention: only once the case is closed."""
    now = now or timezone.now()
    with transaction.atomic(), acting_as(by):
        request = _open_for_officer(request, by)
        if request.kind != RequestKind.DELETION:
            raise ValidationError(_("This request does not ask for a deletion."))
        if request.case.status not in (CaseStatus.COMPLETED, CaseStatus.WITHDRAWN):
            close(
                request,
                RequestStatus.REFUSED,
                by=by,
                refusal=Refusal.CASE_OPEN,
                answer=_(
                    "The case is still being handled: the departments need its data. Ask "
                    "again once it is completed or withdrawn."
                ),
                now=now,
            )
            return request
        if not _still_allowed(request, by, now):
            return request
        # The answer is queued first: the erasure blanks the case's texts
        # (and the request's own number, which the retention keeps with it).
        close(request, RequestStatus.ANSWERED, by=by, answer=kept_after_deletion(), now=now)
        retention.erase([request.case_id], now=now, early=True)
    return request


def officer_queue(*, status=""):
    """The officer's list: open requests, nearest deadline first (served by
    the partial index on open requests)."""
    rows = DataRequest.objects.select_related("case", "department")
    if status in RequestStatus.values:
        return rows.filter(status=status).order_by("-received_at", "-pk")
    return rows.filter(status__in=[RequestStatus.RECEIVED, RequestStatus.AT_DEPARTMENT]).order_by(
        "due_date", "pk"
    )


def department_queue(user):
    """Corrections waiting for a department the user supervises."""
    return (
        DataRequest.objects.select_related("case", "department")
        .filter(status=RequestStatus.AT_DEPARTMENT, department__in=supervised_departments(user))
        .order_by("due_date", "pk")
    )


def holder_of(fact):
    """The department that holds a fact, as the routing form suggests it."""
    code = FACTS.get(fact, ("", ""))[0]
    return Department.objects.filter(code=code).first() if code else None


def overdue(request, today=None):
    today = today or timezone.localdate()
    return request.is_open and request.due_date < today
