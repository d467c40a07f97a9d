"""Close relatives' rights over the deceased's personal information (PIPL
Art. 49): to see and copy it, to have it corrected, to have it deleted —
for their own lawful interests, unless the deceased arranged otherwise.

Who may ask: the applicant or a listed heir who is the deceased's spouse,
parent or child, proven by a code texted, for this purpose only, to the
number the case holds for them, and the last six characters of their own ID
number. The platform answers within ``DATA_REQUEST_WORKING_DAYS`` working
days (15 by default); the data-protection officer handles each request, a
correction goes to the department that holds the fact, and every answer is
texted. Whether the deceased arranged otherwise is the shared registry's
word, asked when the request comes and again before it is answered."""

import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..audit_events import record as record_event
from ..constants import FIRST_ORDER_HEIRS, StaffRole
from ..models import (
    AuditEventKind,
    Case,
    CodePurpose,
    DataRequest,
    Refusal,
    RequesterRole,
    RequestKind,
    RequestStatus,
)
from ..notifications import notify
from ..references import parse_reference
from ..registry import service as registry
from ..registry.base import RegistryUnavailable
from ..roles import has_role
from ..validators import normalise_id_number, normalise_phone, validate_mobile
from ..workdays import add_working_days
from . import codes

# The facts a relative may ask to correct, and the department that holds each.
FACTS = {
    "name": ("public_security", gettext_lazy("The deceased's name")),
    "id_number": ("public_security", gettext_lazy("The deceased's ID number")),
    "birth_date": ("public_security", gettext_lazy("The date of birth")),
    "died_at": ("health", gettext_lazy("The time of death")),
    "place_of_death": ("health", gettext_lazy("The place of death")),
    "cause_of_death": ("health", gettext_lazy("The cause of death")),
    "bank_account": ("finance", gettext_lazy("A bank account")),
    "other": ("", gettext_lazy("Something else (say what)")),
}
FACT_LABELS = [(key, label) for key, (_code, label) in FACTS.items()]


class RequestRefused(Exception):
    def __init__(self, message, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until


@dataclass(frozen=True)
class Requester:
    role: str
    name: str
    relationship: str
    phone: str
    id_number: str


def is_officer(user):
    return has_role(user, StaffRole.DATA_PROTECTION_OFFICER, StaffRole.SYSTEM_ADMINISTRATOR)


def find_case(reference):
    """The case a reference names, or None: a mistyped reference, one that
    names nothing, and a case whose data is gone look alike."""
    try:
        reference = parse_reference(reference)
    except ValidationError:
        return None
    return (
        Case.objects.select_related("applicant", "deceased")
        .filter(reference=reference, erased_at__isnull=True)
        .first()
    )


def close_relatives(case):
    """The people the case lists who may ask: the applicant and the heirs of
    the current declaration who are the deceased's spouse, parent or child."""
    people = []
    applicant = case.applicant
    if applicant.relationship in FIRST_ORDER_HEIRS:
        people.append(
            Requester(
                RequesterRole.APPLICANT,
                applicant.name,
                applicant.relationship,
                applicant.phone,
                applicant.id_number,
            )
        )
    declaration = case.heir_declarations.current().first()
    if declaration is not None:
        for heir in declaration.delegations.all():
            if heir.relationship in FIRST_ORDER_HEIRS and heir.phone:
                people.append(
                    Requester(
                        RequesterRole.HEIR, heir.name, heir.relationship, heir.phone, heir.id_number
                    )
                )
    return people


def _listed(case, phone):
    """The close relatives the case lists with this number; only those whose
    ID number it holds can prove who they are."""
    return [
        person for person in close_relatives(case) if person.phone == phone and person.id_number
    ]


def _phone(phone):
    try:
        validate_mobile(phone)
    except ValidationError as error:
        raise RequestRefused(error.messages[0]) from None
    return normalise_phone(phone)


def ask_code(reference, phone, *, client_ip=None):
    """Text a code for a request about the case to ``phone`` when the case
    lists that number for a close relative. The answer is the same either
    way, so that nobody learns whose number a case holds."""
    phone = _phone(phone)
    case = find_case(reference)
    if case is None or not _listed(case, phone):
        return None
    try:
        return codes.send(
            CodePurpose.DATA_REQUEST,
            case.reference,
            phone,
            template="data_request_code",
            client_ip=client_ip,
        )
    except codes.CodeRefused as error:
        raise RequestRefused(str(error), locked_until=error.locked_until) from None


def prove(reference, phone, *, code, id_suffix, client_ip=None):
    """The case and the relative, once the code and the last six
    characters of their ID number match; a wrong answer of either kind
    counts against the code."""
    phone = _phone(phone)
    case = find_case(reference)
    wrong = _("The code is wrong or has expired. Ask for a new one.")
    if case is None:
        raise RequestRefused(wrong)
    suffix = normalise_id_number(str(id_suffix or ""))
    try:
        people = [
            person
            for person in _listed(case, phone)
            if len(suffix) == 6
            and hmac.compare_digest(suffix, normalise_id_number(person.id_number)[-6:])
        ]
        if not people:
            codes.refuse_wrong_suffix(
                CodePurpose.DATA_REQUEST, case.reference, phone, client_ip=client_ip
            )
        codes.confirm(CodePurpose.DATA_REQUEST, case.reference, phone, code, client_ip=client_ip)
    except codes.CodeRefused as error:
        raise RequestRefused(str(error), locked_until=error.locked_until) from None
    return case, people[0]


def suffix_digest(id_number):
    """A keyed hash of the last six characters of an ID number: what proves
    the relative again on the request's page, even after the case's data
    is erased."""
    suffix = normalise_id_number(str(id_number or ""))[-6:]
    message = f"data-request:{suffix}".encode()
    return hmac.new(settings.BLIND_INDEX_KEY.encode(), message, "sha256").hexdigest()


def ask_request_code(request, *, client_ip=None):
    """A code to the number that made the request, to read its answer."""
    try:
        return codes.send(
            CodePurpose.DATA_REQUEST,
            request.reference,
            request.requester_phone,
            template="data_request_code",
            client_ip=client_ip,
        )
    except codes.CodeRefused as error:
        raise RequestRefused(str(error), locked_until=error.locked_until) from None


def prove_request(request, *, code, id_suffix, client_ip=None):
    """The relative who made the request, again: the code sent for it and
    the end of the same ID number."""
    suffix = normalise_id_number(str(id_suffix or ""))
    try:
        if len(suffix) != 6 or not hmac.compare_digest(
            suffix_digest(suffix), request.requester_suffix_digest
        ):
            codes.refuse_wrong_suffix(
                CodePurpose.DATA_REQUEST,
                request.reference,
                request.requester_phone,
                client_ip=client_ip,
            )
        codes.confirm(
            CodePurpose.DATA_REQUEST,
            request.reference,
            request.requester_phone,
            code,
            client_ip=client_ip,
        )
    except codes.CodeRefused as error:
        raise RequestRefused(str(error), locked_until=error.locked_until) from None


def arranged_otherwise(case):
    """The registry's word: True, False, or None when it cannot be asked."""
    try:
        found = registry.lookup_person(
            case.deceased.id_number, purpose=registry.DATA_REQUEST, case=case
        )
    except RegistryUnavailable:
        return None
    return bool(found and found.arranged_otherwise)


def link(request):
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/rights/{request.reference}/"


def text(template, request, **context):
    # Not tied to the case: a deletion blanks the case's texts, and this one
    # must still go out.
    notify(
        template,
        phone=request.requester_phone,
        context={"reference": request.reference, **context},
        language=request.case.language,
        dedupe_key=f"{template}:{request.reference}",
    )


def new_reference():
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "QX" + "".join(secrets.choice(alphabet) for _ in range(8))


def submit(case, requester, *, kind, details="", fact="", channel, now=None):
    """Record the request and text the relative when it will be answered;
    refused at once when the registry says the deceased arranged
    otherwise."""
    if kind not in RequestKind.values:
        raise ValidationError(_("Choose what you ask for."))
    details = details.strip()
    if kind == RequestKind.CORRECTION:
        if fact not in FACTS:
            raise ValidationError({"fact": _("Choose what is wrong.")})
        if not details:
            raise ValidationError({"details": _("Write what it should say.")})
    if len(details) > 1000:
        raise ValidationError({"details": _("Write at most 1000 characters.")})
    now = now or timezone.now()
    refused = arranged_otherwise(case) is True
    with transaction.atomic():
        request = DataRequest.objects.create(
            reference=new_reference(),
            case=case,
            kind=kind,
            channel=channel,
            requester_role=requester.role,
            requester_name=requester.name,
            relationship=requester.relationship,
            requester_phone=requester.phone,
            requester_suffix_digest=suffix_digest(requester.id_number),
            fact=fact if kind == RequestKind.CORRECTION else "",
            details=details,
            received_at=now,
            due_date=add_working_days(timezone.localdate(now), settings.DATA_REQUEST_WORKING_DAYS),
        )
        record_event(
            AuditEventKind.DATA_REQUEST_RECEIVED,
            actor=None,
            case=case,
            subject=f"request:{request.reference}",
            outcome=kind,
        )
        if refused:
            close(
                request,
                RequestStatus.REFUSED,
                by=None,
                refusal=Refusal.ARRANGED_OTHERWISE,
                answer=_(
                    "The deceased arranged that their personal information is not given to "
                    "relatives (PIPL Art. 49), so we cannot do what you asked."
                ),
                now=now,
            )
        else:
            text("data_request_received", request, due=request.due_date.strftime("%Y-%m-%d"))
    return request


def close(request, status, *, by, answer, now, refusal=""):
    """The request is answered or refused: kept, recorded, texted."""
    request.status = status
    request.refusal = refusal
    request.answer = answer
    request.answered_at = now
    request.answered_by = by if getattr(by, "is_authenticated", False) else None
    request.save(update_fields=["status", "refusal", "answer", "answered_at", "answered_by"])
    record_event(
        AuditEventKind.DATA_REQUEST_ANSWERED,
        actor=by,
        case=request.case,
        subject=f"request:{request.reference}",
        outcome=refusal or status,
    )
    template = (
        "data_request_refused" if status == RequestStatus.REFUSED else "data_request_answered"
    )
    text(template, request, link=link(request))
