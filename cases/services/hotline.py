"""Hotline agents look a case up for a caller (电话办).

An answer is given only when the caller's number is the applicant's or that
of an heir on the case's current heirs list, and only masked. Every lookup is
written to the access log, answered or refused; an agent refused more than
HOTLINE_MAX_REFUSALS_PER_HOUR times in an hour is locked out until a
supervisor releases them. The GraphQL API and the hotline console both call
``look_up``.
"""

import dataclasses
import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record
from ..constants import RESOLVED_TASK_STATUSES
from ..fields import hash_for
from ..masking import mask_id_number, mask_name, mask_phone
from ..models import (
    AuditEventKind,
    Case,
    Delegation,
    DepartmentTask,
    HotlineAccess,
    HotlineLock,
    Person,
)
from ..references import format_reference, parse_reference
from ..roles import is_hotline_agent, is_hotline_supervisor
from ..validators import normalise_id_number, normalise_phone, validate_mobile, validate_resident_id

logger = logging.getLogger(__name__)
Reason = HotlineAccess.Reason


@dataclasses.dataclass(frozen=True)
class HotlineAnswer:
    """What an agent may read out to a caller whose number is on the case:
    built once here, masked, and rendered as it is by the console and the API."""

    case: Case
    reference: str
    status: str
    scenario: str
    submitted_at: datetime.datetime
    due_date: datetime.date
    deceased_name: str
    applicant_phone: str
    caller_phone: str
    tasks: tuple

    @property
    def open_matters(self):
        return sum(1 for task in self.tasks if task.status not in RESOLVED_TASK_STATUSES)

    def get_status_display(self):
        return self.case.get_status_display()


def answer_for(case, caller_phone):
    tasks = tuple(
        DepartmentTask.objects.filter(case=case)
        .select_related("department")
        .order_by("matter_code")
    )
    return HotlineAnswer(
        case=case,
        reference=case.display_reference,
        status=case.status,
        scenario=case.scenario,
        submitted_at=case.submitted_at,
        due_date=case.due_date,
        deceased_name=mask_name(case.deceased.name),
        applicant_phone=mask_phone(case.applicant.phone),
        caller_phone=mask_phone(caller_phone),
        tasks=tasks,
    )


class LookupRefused(Exception):
    """``reason`` is for the access log; ``code`` is what the caller of the
    service may be told: an unknown case and a caller not on it are the same
    "not_found", so a hotline account cannot learn who has a case."""

    def __init__(self, message, reason):
        super().__init__(message)
        self.reason = reason

    @property
    def code(self):
        return (
            "not_found" if self.reason in (Reason.NOT_FOUND, Reason.WRONG_CALLER) else self.reason
        )


def is_locked(agent):
    return HotlineLock.objects.filter(agent=agent, released_at__isnull=True).exists()


# Longer than any well-formed value, spaces and dashes included.
LONGEST = {"reference": 20, "id_number": 30, "phone": 20}


def look_up(agent, *, caller_phone, reference="", deceased_id_number="", via):
    """Return the masked HotlineAnswer, or raise LookupRefused (after logging
    the refusal).

    An unknown case and a case the caller is not on are refused with the
    same words, so the hotline cannot be used to learn who has a case.
    """
    too_long = (
        len(reference or "") > LONGEST["reference"]
        or len(deceased_id_number or "") > LONGEST["id_number"]
        or len(caller_phone or "") > LONGEST["phone"]
    )
    if too_long:
        # Refused as any malformed input, and still logged: masked, a
        # thousand characters did not fit the log (PostgreSQL refused the row).
        reference, deceased_id_number, caller_phone = (
            (reference or "")[: LONGEST["reference"]],
            (deceased_id_number or "")[: LONGEST["id_number"]],
            (caller_phone or "")[: LONGEST["phone"]],
        )
    asked_for = _masked_query(reference, deceased_id_number)[:40]
    caller_masked = mask_phone(caller_phone or "")[:20]
    if not is_hotline_agent(agent):
        raise LookupRefused(_("Only hotline agents can look cases up."), "not_agent")
    if is_locked(agent):
        _log(agent, via, asked_for, caller_masked, None, Reason.LOCKED)
        raise LookupRefused(
            _("You are locked out after too many refused lookups; ask your supervisor."),
            Reason.LOCKED,
        )
    try:
        if too_long:
            raise ValidationError("longer than any reference, ID number or phone number")
        case, reason = _find(caller_phone, reference, deceased_id_number)
    except ValidationError:
        case, reason = None, Reason.BAD_INPUT
    _log(agent, via, asked_for, caller_masked, case if reason == Reason.ANSWERED else None, reason)
    if reason == Reason.ANSWERED:
        return answer_for(case, caller_phone)
    _lock_if_too_many_refusals(agent)
    if reason == Reason.BAD_INPUT:
        raise LookupRefused(
            _("Check the case reference or ID number and the caller's number."), reason
        )
    raise LookupRefused(
        _("No case can be shown for this caller. Ask for the reference from the SMS."), reason
    )


def release(lock, *, by, reason):
    """A hotline supervisor (or an administrator) lets a locked-out agent look
    cases up again, saying why; audited. Their refusal count starts again."""
    if not is_hotline_supervisor(by):
        raise PermissionDenied(_("Only a hotline supervisor can release a lock-out."))
    if not (reason or "").strip():
        raise ValidationError(_("Say why the agent may look cases up again."))
    with transaction.atomic(), acting_as(by):
        lock = HotlineLock.objects.select_for_update().get(pk=lock.pk)
        if lock.released_at is not None:
            return lock
        lock.released_at = timezone.now()
        lock.released_by = by
        lock.release_reason = reason.strip()
        lock.save(update_fields=["released_at", "released_by", "release_reason"])
    return lock


def _find(caller_phone, reference, deceased_id_number):
    validate_mobile(caller_phone)
    cases = Case.objects.select_related("deceased", "applicant")
    if reference:
        candidates = cases.filter(reference=parse_reference(reference))
    elif deceased_id_number:
        validate_resident_id(deceased_id_number)
        id_hash = hash_for(Person, "id_number", normalise_id_number(deceased_id_number))
        candidates = cases.filter(deceased__id_number_hash=id_hash)
    else:
        raise ValidationError("nothing to look up")
    phone_hash = hash_for(Person, "phone", normalise_phone(caller_phone))
    found = list(candidates.order_by("-submitted_at")[:5])
    if not found:
        return None, Reason.NOT_FOUND
    for case in found:
        if case.applicant.phone_hash == phone_hash:
            return case, Reason.ANSWERED
    heir_hash = hash_for(Delegation, "phone", normalise_phone(caller_phone))
    listed = set(
        Delegation.objects.filter(
            declaration__case__in=found,
            declaration__superseded_at__isnull=True,
            phone_hash=heir_hash,
        ).values_list("declaration__case_id", flat=True)
    )
    for case in found:
        if case.pk in listed:
            return case, Reason.ANSWERED
    return None, Reason.WRONG_CALLER


def _masked_query(reference, deceased_id_number):
    if reference:
        shown = "".join(ch for ch in reference.upper() if ch.isalnum())
        return format_reference(shown[:4] + "*" * max(0, len(shown) - 4))[:20]
    if deceased_id_number:
        return mask_id_number(deceased_id_number)
    return ""


def _log(agent, via, asked_for, caller_masked, case, reason):
    record(
        AuditEventKind.HOTLINE_LOOKUP,
        actor=agent,
        case=case,
        subject=f"case:{case.reference}" if case else "",
        outcome=reason,
        via=via,
    )
    HotlineAccess.objects.create(
        agent=agent,
        via=via,
        asked_for=asked_for,
        caller_phone=caller_masked,
        case=case,
        answered=reason == Reason.ANSWERED,
        reason=reason,
    )


def _lock_if_too_many_refusals(agent):
    since = timezone.now() - datetime.timedelta(hours=1)
    released = (
        HotlineLock.objects.filter(agent=agent, released_at__isnull=False)
        .order_by("-released_at")
        .values_list("released_at", flat=True)
        .first()
    )
    # A supervisor's release starts the count again: refusals before it were
    # judged already, and counting them would lock the agent at once.
    if released is not None and released > since:
        since = released
    with transaction.atomic():
        refused = HotlineAccess.objects.filter(agent=agent, answered=False, at__gte=since).count()
        if refused > settings.HOTLINE_MAX_REFUSALS_PER_HOUR and not is_locked(agent):
            HotlineLock.objects.create(agent=agent, refused_lookups=refused)
            # The alert: supervisors see open lock-outs on their admin home page.
            logger.warning("Hotline agent #%s locked after %s refused lookups", agent.pk, refused)
