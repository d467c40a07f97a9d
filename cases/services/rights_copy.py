"""A relative's copy of what the platform holds about the deceased and the
case (PIPL Art. 49): the deceased in full, the relative's own details in
full, every other living person masked; as data (JSON) and as a PDF."""

import json

from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit_events import READ_KINDS
from ..audit_events import record as record_event
from ..constants import Relationship
from ..masking import LONG_NUMBER, mask_id_number, mask_name, mask_phone
from ..models import AuditEvent, AuditEventKind
from ..pdf import layouts
from .results import shown_lines


def _masked(text):
    return LONG_NUMBER.sub(lambda match: mask_id_number(match.group()), str(text))


def copy_of(case, request):
    """What the platform holds about the deceased and the case, as data:
    the deceased in full, the requester's own details in full, every other
    living person masked."""
    deceased = case.deceased
    english = case.language == "en"

    def person(who, *, own):
        return {
            "name": who.name if own else mask_name(who.name),
            "relationship": Relationship(who.relationship).label
            if who.relationship in Relationship.values
            else "",
            "id_number": who.id_number if own else mask_id_number(who.id_number),
            "phone": who.phone if own else mask_phone(who.phone),
        }

    own_phone = request.requester_phone
    applicant = case.applicant
    declaration = case.heir_declarations.current().first()
    heirs = list(declaration.delegations.all()) if declaration else []
    answers = json.loads(case.answers or "[]") if case.answers else []
    reads = (
        AuditEvent.objects.filter(case=case, kind__in=READ_KINDS)
        .order_by("at")
        .values_list("kind", "at")[:500]
    )
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "request": request.reference,
        "deceased": {
            "name": deceased.name,
            "id_number": deceased.id_number,
            "gender": deceased.get_gender_display() if deceased.gender else "",
            "birth_date": deceased.birth_date.isoformat() if deceased.birth_date else "",
            "died_at": timezone.localtime(deceased.died_at).isoformat(timespec="minutes")
            if deceased.died_at
            else "",
            "place_of_death": deceased.place_of_death,
            "cause_of_death": deceased.cause_of_death,
        },
        "case": {
            "reference": case.display_reference,
            "scenario": case.get_scenario_display(),
            "status": case.get_status_display(),
            "submitted_at": timezone.localtime(case.submitted_at).isoformat(timespec="minutes"),
            "completed_at": timezone.localtime(case.completed_at).isoformat(timespec="minutes")
            if case.completed_at
            else "",
            "profile": {flag: bool(value) for flag, value in (case.profile or {}).items()},
        },
        "applicant": person(applicant, own=applicant.phone == own_phone),
        "heirs": [person(heir, own=heir.phone == own_phone) for heir in heirs],
        "answers": [
            {"question": str(item.get("label", "")), "answer": _masked(item.get("value", ""))}
            for item in answers
            if isinstance(item, dict)
        ],
        "matters": [
            {
                "matter": task.matter_name_en
                if english and task.matter_name_en
                else task.matter_name_zh,
                "department": task.department.name,
                "status": task.get_status_display(),
                "completed_at": timezone.localtime(task.completed_at).isoformat(timespec="minutes")
                if task.completed_at
                else "",
            }
            for task in case.tasks.select_related("department").order_by("pk")
        ],
        "results": [
            {"matter": line["matter"], "department": line["department"], "text": line["text"]}
            for line in shown_lines(case.result_list or [], english)
        ],
        "certificates": [
            {
                "serial": certificate.serial,
                "certificate": certificate.name,
                "issued_at": timezone.localtime(certificate.issued_at).isoformat(
                    timespec="minutes"
                ),
                "revoked": certificate.revoked_at is not None,
            }
            for certificate in case.certificates.order_by("issued_at")
        ],
        "documents": [
            {
                "label": document.label,
                "uploaded_on": timezone.localdate(document.created_at).isoformat(),
            }
            for document in case.documents.order_by("pk")
        ],
        "reads": [
            {
                "what": AuditEventKind(kind).label,
                "at": timezone.localtime(at).isoformat(timespec="minutes"),
            }
            for kind, at in reads
        ],
    }


def copy_pdf(data):
    deceased, case = data["deceased"], data["case"]
    facts = [
        [_("Deceased"), deceased["name"]],
        [_("ID number"), deceased["id_number"]],
        [_("Date of birth"), deceased["birth_date"]],
        [_("Time of death"), deceased["died_at"]],
        [_("Place of death"), deceased["place_of_death"]],
        [_("Cause of death"), deceased["cause_of_death"]],
        [_("Case"), case["reference"]],
        [_("Status"), case["status"]],
        [_("Submitted at"), case["submitted_at"]],
    ]
    people = [
        [
            _("Applicant"),
            data["applicant"]["name"],
            data["applicant"]["relationship"],
            data["applicant"]["phone"],
        ],
        *[[_("Heir"), heir["name"], heir["relationship"], heir["phone"]] for heir in data["heirs"]],
    ]
    matters = [[m["matter"], m["department"], m["status"]] for m in data["matters"]]
    results = [[r["matter"], r["department"], r["text"]] for r in data["results"]]
    reads = [[r["at"], r["what"]] for r in data["reads"]]
    return layouts.personal_information_copy(
        request=data["request"],
        generated=data["generated_at"],
        facts=facts,
        people=people,
        matters=matters,
        results=results,
        certificates=[
            [c["serial"], c["certificate"], c["issued_at"]] for c in data["certificates"]
        ],
        reads=reads,
    )


def record_download(request, *, what, actor=None, remote_addr=None):
    record_event(
        AuditEventKind.DATA_COPY_DOWNLOADED,
        actor=actor,
        case=request.case,
        subject=f"request:{request.reference}:{what}",
        remote_addr=remote_addr,
    )


# A link to the copy handed to the app after the relative proved who they
# are: signed, for one request and one file, for 15 minutes.
DOWNLOAD_SALT = "cases.rights.copy"
DOWNLOAD_SECONDS = 15 * 60


def download_token(request, what):
    return signing.dumps([request.reference, what], salt=DOWNLOAD_SALT, compress=True)


def token_allows(token, request, what):
    try:
        reference, allowed = signing.loads(
            token or "", salt=DOWNLOAD_SALT, max_age=DOWNLOAD_SECONDS
        )
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return reference == request.reference and allowed == what
