"""What one task's department receives from its case: exactly what the
matter needs (``task.needs``, see cases.needs), in one place, built once here
and shown by the workbench and sent by the connectors alike.

An item the matter needs but the family did not give is still listed, empty,
so the clerk sees what is missing instead of not knowing it exists. What the
matter does not need is not in the contract at all.
"""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..masking import mask_id_number, mask_phone
from ..models import BurialBooking, CaseDocument, Certificate, FuneralBill
from ..models.burial import LIVE_BOOKING
from ..needs import (
    CERTIFICATE_MATTERS,
    FACT_KEYS,
    NEEDS,
    DocumentKind,
    Section,
    document_kinds,
)
from .consent import all_consented, current_declaration

SCHEMA_VERSION = "task-v1"
# The funeral home records the cremation in the system (events.record_cremation).
CREMATION_RECORD = f"doc.{DocumentKind.CREMATION_RECORD.value}"


@dataclasses.dataclass
class Part:
    name: str  # stable, for the payload
    label: str  # for the clerk
    value: str


@dataclasses.dataclass
class Item:
    need: str
    section: str
    label: str
    parts: list


@dataclasses.dataclass
class Contract:
    task: object
    items: list
    documents: list  # CaseDocuments of the kinds needed
    certificates: list  # sealed certificates of other matters that are needed
    replies: list  # CaseDocuments the family sent in answer to this task
    answers: list  # answers to the editor's questions that name this matter
    # For the header: who the case is about, masked unless identity is needed.
    deceased_name: str
    deceased_id_shown: str
    # The current heirs' declaration, read once when the matter needs the
    # heirs or the payee account (both come from it).
    declaration: object = None

    def section(self, section):
        return [item for item in self.items if item.section == section]

    @property
    def facts(self):
        return self.section(Section.FACTS)

    @property
    def people(self):
        return self.section(Section.PEOPLE)

    @property
    def account(self):
        return self.section(Section.ACCOUNT)

    def document(self, document_id):
        """A document this task's department may open (needed, or a reply to
        this task), or None."""
        return next(
            (d for d in (*self.documents, *self.replies) if str(d.pk) == str(document_id)), None
        )

    def certificate(self, serial):
        """A needed certificate of another matter, or None."""
        return next((c for c in self.certificates if c.serial == serial), None)

    @property
    def cremation_recorded_at(self):
        """When the funeral home recorded the cremation in the system, where
        the matter needs the cremation record: that record is it."""
        if CREMATION_RECORD not in self.task.needs:
            return None
        return self.task.case.cremated_at

    @property
    def missing_documents(self):
        """The documents and certificates the matter needs that are not there
        (yet): their labels."""
        given = {f"doc.{d.kind}" for d in self.documents}
        if self.cremation_recorded_at is not None:
            given.add(CREMATION_RECORD)
        for certificate in self.certificates:
            given.update(
                need
                for need, codes in CERTIFICATE_MATTERS.items()
                if certificate.task.matter_code in codes
            )
        return [
            str(label)
            for need, (section, label) in NEEDS.items()
            if section == Section.DOCUMENTS and need in self.task.needs and need not in given
        ]

    def sections(self):
        """(title, items) in the order a clerk works."""
        return [
            (Section(section).label, self.section(section))
            for section in (Section.FACTS, Section.PEOPLE, Section.ACCOUNT)
        ]


def contract_for(task):
    """The contract of ``task`` (its case, deceased and applicant loaded)."""
    case = task.case
    needs = list(task.needs)
    answers = case.extra_answers
    facts = {answer["key"]: answer.get("value", "") for answer in answers if answer.get("key")}
    declaration = current_declaration(case) if {"heirs", "payee.account"} & set(needs) else None
    items = [
        Item(need, section, str(label), _parts(need, case, facts, declaration))
        for need, (section, label) in NEEDS.items()
        if need in needs and section != Section.DOCUMENTS
    ]
    kinds = document_kinds(needs)
    case_documents = list(CaseDocument.objects.filter(case=case).order_by("created_at", "pk"))
    certificate_matters = [code for need in needs for code in CERTIFICATE_MATTERS.get(need, ())]
    certificates = (
        list(
            Certificate.objects.filter(
                case=case, task__matter_code__in=certificate_matters, revoked_at__isnull=True
            ).select_related("department", "task")
        )
        if certificate_matters
        else []
    )
    return Contract(
        task=task,
        items=items,
        documents=[
            d
            for d in case_documents
            if d.task_id is None and (d.kind in kinds or task.matter_code in d.needed_by)
        ],
        certificates=certificates,
        replies=[d for d in case_documents if d.task_id == task.pk],
        answers=[a for a in answers if task.matter_code in a.get("needed_by", ())],
        deceased_name=case.deceased.name,
        deceased_id_shown=(
            case.deceased.id_number
            if "deceased.identity" in needs
            else mask_id_number(case.deceased.id_number)
        ),
        declaration=declaration,
    )


def _parts(need, case, facts, declaration):
    deceased, applicant = case.deceased, case.applicant
    if need == "deceased.identity":
        return [
            Part("name", _("Name"), deceased.name),
            Part("gender", _("Sex"), deceased.get_gender_display() if deceased.gender else ""),
            Part("birth_date", _("Date of birth"), _date(deceased.birth_date)),
            Part("id_number", _("Resident ID number"), deceased.id_number or ""),
        ]
    if need == "death.time_place":
        died = timezone.localtime(deceased.died_at) if deceased.died_at else None
        return [
            Part("died_at", _("Time of death"), died.strftime("%Y-%m-%d %H:%M") if died else ""),
            Part("place", _("Place of death"), deceased.place_of_death),
        ]
    if need == "death.cause":
        return [Part("cause", _("Cause of death"), deceased.cause_of_death or "")]
    if need == "funeral.pickup":
        return [
            Part("address", _("Pickup address"), facts.get("funeral.pickup_address", "")),
            Part("time", _("Pickup time"), facts.get("funeral.pickup_time", "")),
        ]
    if need == "applicant":
        return [
            Part("name", _("Name"), applicant.name),
            Part(
                "relationship",
                _("Relationship to the deceased"),
                applicant.get_relationship_display() if applicant.relationship else "",
            ),
            Part("phone", _("Mobile number"), mask_phone(applicant.phone or "")),
            Part("id_number", _("Resident ID number"), mask_id_number(applicant.id_number or "")),
        ]
    if need == "applicant.contact":
        return [Part("phone", _("Mobile number"), applicant.phone or "")]
    if need == "heirs":
        # The heirs' panel (consent status, signed authorizations) shows them.
        return [Part("see", _("Heirs"), _("see the heirs' authorization below"))]
    if need == "payee.account":
        return [Part("account", _("Bank account"), _payee_account(case, declaration))]
    if need == "burial.booking":
        return _booking_parts(case)
    if need == "funeral.services":
        return _bill_parts(case)
    fact_keys = [key for key, served in FACT_KEYS.items() if served == need]
    return [Part(key.split(".")[-1], str(NEEDS[need][1]), facts.get(key, "")) for key in fact_keys]


def _booking_parts(case):
    booking = (
        BurialBooking.objects.filter(LIVE_BOOKING, case=case)
        .select_related("site", "niche", "day")
        .first()
    )
    site, niche, day = (booking.site, booking.niche, booking.day) if booking else (None,) * 3
    return [
        Part("kind", _("Kind"), site.get_kind_display() if site else ""),
        Part("site", _("Place"), site.name_zh if site else ""),
        Part("niche", _("Niche"), niche.label if niche else ""),
        Part("date", _("Burial day"), _date(day.date) if day else ""),
        Part("status", _("Booking"), booking.get_status_display() if booking else ""),
    ]


def _bill_parts(case):
    """The services the family chose and the bill: one part a service, then
    the totals (what the county waives is claimed from civil affairs)."""
    bill = FuneralBill.objects.filter(case=case).select_related("home").first()
    if bill is None:
        return [Part("bill", _("Services"), _("not chosen yet"))]
    parts = [
        Part(
            f"service_{n}",
            line.name_zh,
            _("%(quantity)s × ¥%(price)s = ¥%(amount)s, waived ¥%(waived)s")
            % {
                "quantity": line.quantity,
                "price": line.unit_price,
                "amount": line.amount,
                "waived": line.waived,
            },
        )
        for n, line in enumerate(bill.lines.all(), 1)
    ]
    return [
        *parts,
        Part("total", _("Total"), f"¥{bill.total}"),
        Part("waived", _("Waived (claimed from civil affairs)"), f"¥{bill.waived}"),
        Part("family_pays", _("The family pays"), f"¥{bill.family_pays}"),
    ]


def payee_account(case):
    """The account the family gave for payments: the heirs' declaration's,
    else the one given when applying."""
    return _payee_account(case, current_declaration(case))


def _payee_account(case, declaration):
    if declaration is not None and declaration.payee_account:
        return declaration.payee_account
    return case.applicant.bank_account or ""


def _date(value):
    return value.isoformat() if value else ""


def as_payload(contract, link):
    """The contract as the connector payload carries it (schema task-v1):
    ``link(kind, ident)`` gives a file's signed URL and its expiry."""

    def files(documents):
        return [_document_entry(document, link) for document in documents]

    payload = {
        "needs": list(contract.task.needs),
        "facts": _by_need(contract.facts),
        "people": _by_need(contract.people),
        "account": _by_need(contract.account),
        "documents": files(contract.documents),
        "certificates": [
            {
                "name": certificate.name_zh,
                "serial": certificate.serial,
                "matter": certificate.task.matter_code,
                **_link(link, "certificate", certificate.serial),
            }
            for certificate in contract.certificates
        ],
        "missing_documents": contract.missing_documents,
        "replies": {"text": contract.task.family_reply, "documents": files(contract.replies)},
        "answers": [
            {"name": a["name"], "label": a["label"], "value": a.get("value")}
            for a in contract.answers
        ],
    }
    if "heirs" in contract.task.needs:
        payload["heirs"] = _heirs(contract.declaration)
    payload["history"] = [
        {"from": change.from_status, "to": change.to_status, "at": change.at.isoformat()}
        for change in contract.task.status_changes.order_by("at", "pk")
    ]
    return payload


def _by_need(items):
    return {item.need: {part.name: part.value for part in item.parts} for item in items}


def _link(link, kind, ident):
    url, expires = link(kind, ident)
    return {
        "url": url,
        "expires_at": datetime.datetime.fromtimestamp(expires, tz=datetime.UTC).isoformat(),
    }


def _document_entry(document, link):
    return {
        "id": document.pk,
        "kind": document.kind,
        "label": document.label,
        "content_type": document.content_type,
        "size": document.size,
        **_link(link, "document", str(document.pk)),
    }


def _heirs(declaration):
    if declaration is None:
        return {"declared": False, "consented": False, "heirs": []}
    delegations = list(declaration.delegations.all())
    return {
        "declared": True,
        "consented": all_consented(delegations),
        "payee_name": declaration.payee_name,
        "heirs": [
            {
                "name": d.name,
                "relationship": d.relationship,
                "status": d.status,
                "notarised": d.notarised_at is not None,
            }
            for d in delegations
        ],
    }
