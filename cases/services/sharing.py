"""Sharing with the bodies that handle what follows a death: the family
consents, per body and per purpose, on the case page, and may withdraw at
any moment — a withdrawal holds from the next call. A body reads only what
its purpose and the family's consent allow, and every read is an access
event the family sees ("不动产登记中心 查询了继承人信息 2026-12-03")."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit_events import record as record_event
from ..constants import CaseStatus
from ..masking import mask_bank_account
from ..models import (
    AuditEvent,
    AuditEventKind,
    Case,
    Certificate,
    ReceivingBody,
    SharingConsent,
    SharingScope,
)
from .certificates import verification_url


def bodies():
    return ReceivingBody.objects.filter(active=True)


def live_consents(case):
    return {
        consent.body_id: consent
        for consent in SharingConsent.objects.filter(case=case, withdrawn_at__isnull=True)
    }


def may_consent(case):
    """Whether the case can still be shared: not once its data is gone, nor
    for a death reported in error. (Who decides — the family, not staff who
    filed for them — is the case page's to hold.)"""
    return case.erased_at is None and case.status != CaseStatus.REVERSED


def grant(case, body, scopes, *, actor, now=None):
    """Let ``body`` read the case for ``scopes``; replaces an earlier
    consent to the same body."""
    now = now or timezone.now()
    scopes = sorted(set(scopes))
    if not scopes:
        raise ValidationError(_("Choose at least one thing the body may read."))
    if not set(scopes) <= set(body.scopes) or not body.active:
        raise ValidationError(_("This body may not ask for that."))
    if not may_consent(case):
        raise PermissionDenied(_("This case can no longer be shared."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        SharingConsent.objects.filter(case=case, body=body, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        consent = SharingConsent.objects.create(
            case=case,
            body=body,
            scopes=scopes,
            granted_at=now,
            granted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_event(
            AuditEventKind.SHARING_GRANTED,
            actor=actor,
            case=case,
            subject=f"body:{body.code}",
            department=body.name_zh,
            purpose=",".join(scopes),
        )
    return consent


def withdraw(case, body, *, actor, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        withdrawn = SharingConsent.objects.filter(
            case=case, body=body, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        if withdrawn:
            record_event(
                AuditEventKind.SHARING_WITHDRAWN,
                actor=actor,
                case=case,
                subject=f"body:{body.code}",
                department=body.name_zh,
            )
    return bool(withdrawn)


def case_for(body, reference, scope):
    """The case ``body`` may read for ``scope``, or None — the same answer
    for an unknown case, one without consent, and one whose consent does not
    cover the purpose, so that a body learns nothing it was not given."""
    consent = (
        SharingConsent.objects.select_related("case", "case__deceased", "case__applicant")
        .filter(
            body=body,
            body__active=True,
            case__reference=reference,
            case__erased_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if consent is None or scope not in consent.scopes:
        return None
    return consent.case


def record_read(case, body, scope, *, remote_addr=None):
    record_event(
        AuditEventKind.SHARED_DATA_READ,
        actor=None,
        case=case,
        subject=f"body:{body.code}",
        remote_addr=remote_addr,
        department=body.name_zh,
        purpose=scope,
    )


@dataclass(frozen=True)
class Read:
    body: str
    purpose: str
    at: object


def reads_for_family(case, limit=50):
    """Who read the case through sharing, newest first."""
    names = {body.name_zh: body.name for body in ReceivingBody.objects.all()}
    events = AuditEvent.objects.filter(case=case, kind=AuditEventKind.SHARED_DATA_READ)[:limit]
    return [
        Read(
            names.get(event.details.get("department", ""), event.details.get("department", "")),
            SharingScope(event.details["purpose"]).label
            if event.details.get("purpose") in SharingScope.values
            else "",
            event.at,
        )
        for event in events
    ]


# What each purpose gives ----------------------------------------------------


def _moment(value):
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


def death_facts(case):
    deceased = case.deceased
    certificate = (
        Certificate.objects.filter(case=case, task__matter_code__in=["H01", "P01"])
        .order_by("-issued_at")
        .first()
    )
    return {
        "reference": case.display_reference,
        "deceased": {
            "name": deceased.name,
            "id_number": deceased.id_number,
            "gender": deceased.gender or None,
            "died_at": _moment(deceased.died_at),
            "place_of_death": deceased.place_of_death or None,
        },
        "death_certificate": (
            {
                "serial": certificate.serial,
                "issued_by": certificate.department.name_zh,
                "issued_at": _moment(certificate.issued_at),
                "valid": certificate.revoked_at is None,
            }
            if certificate
            else None
        ),
    }


def heirs_and_consents(case):
    declaration = case.heir_declarations.current().first()
    heirs = list(declaration.delegations.all()) if declaration else []
    return {
        "reference": case.display_reference,
        "applicant": {
            "name": case.applicant.name,
            "relationship": case.applicant.relationship,
        },
        "heirs": [
            {
                "name": heir.name,
                "relationship": heir.relationship,
                "id_number": heir.id_number,
                "consent": heir.status,
                "decided_at": _moment(heir.decided_at),
            }
            for heir in heirs
        ],
        "payee": (
            {
                "name": declaration.payee_name,
                "account": mask_bank_account(declaration.payee_account),
            }
            if declaration
            else None
        ),
    }


def certificates(case):
    return {
        "reference": case.display_reference,
        "certificates": [
            {
                "serial": certificate.serial,
                "name": certificate.name_zh,
                "issued_by": certificate.department.name_zh,
                "issued_at": _moment(certificate.issued_at),
                "valid": certificate.revoked_at is None,
                "verify_url": verification_url(certificate.serial),
            }
            for certificate in Certificate.objects.filter(case=case)
            .select_related("department")
            .order_by("issued_at")
        ],
    }


GIVES = {
    SharingScope.DEATH_FACTS: death_facts,
    SharingScope.HEIRS_AND_CONSENTS: heirs_and_consents,
    SharingScope.CERTIFICATES: certificates,
}
