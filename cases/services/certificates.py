"""The six sealed certificates (电子证照): issued as a PDF signed by the
department (PAdES, pyHanko) when the task that produces one is completed;
checked by anyone on the public verification page; revoked by a supervisor."""

import dataclasses
import hashlib
import io
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import TaskStatus
from ..models import AuditEventKind, Certificate, DepartmentTask, SealedResultList
from ..notifications import notify
from ..pdf import layouts
from ..pki import signer_for, trust_roots
from ..roles import is_supervisor
from .results import issues_death_certificate

SERIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_serial(today):
    body = "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(10))
    return f"SH{today:%Y}{body}"


def issue_certificate(task_id):
    """Issue the certificate of a completed task, once; return it (or None
    when the task produces none)."""
    task = DepartmentTask.objects.select_related(
        "case__deceased", "case__applicant", "department", "matter"
    ).get(pk=task_id)
    if not task.issues_certificate or task.status != TaskStatus.COMPLETED:
        return None
    existing = Certificate.objects.filter(task=task).first()
    if existing is not None:
        return existing
    now = timezone.now()
    serial = new_serial(timezone.localdate(now))
    name_zh = task.matter.certificate_name_zh or task.matter_name_zh
    name_en = task.matter.certificate_name_en or task.matter_name_en
    signed = sign_pdf(_render(task, serial, name_zh, now), task.department.code, name_zh)
    with transaction.atomic():
        certificate = Certificate.objects.create(
            serial=serial,
            case=task.case,
            task=task,
            department=task.department,
            name_zh=name_zh,
            name_en=name_en,
            file=ContentFile(signed, name=f"{serial}.pdf"),
            sha256=hashlib.sha256(signed).hexdigest(),
            issued_at=now,
        )
        notify(
            "certificate_issued",
            phone=task.case.applicant.phone,
            case=task.case,
            context={"reference": task.case.display_reference, "certificate": name_zh},
            dedupe_key=f"certificate:{serial}",
        )
    return certificate


def verification_url(serial):
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/verify/{serial}/"


# The national form's lines of the cause of death, (a) the direct cause to
# (d) the underlying one (居民死亡医学证明, 国卫规划发〔2026〕5号).
CAUSE_LINES = [
    "（甲）直接死亡原因",
    "（乙）引起（甲）的疾病或情况",
    "（丙）引起（乙）的疾病或情况",
    "（丁）根本死亡原因",
]


def certificate_rows(task, serial, now):
    """What a certificate states, as (label, value) rows. A death
    certificate also states the place and the cause of death — the cause
    chain with its ICD-10 codes when the issuer recorded one
    (``result["cause_chain"]``: [{"cause", "icd10"}], direct cause first),
    else the cause as given — and the issuing institution and doctor."""
    case, deceased = task.case, task.case.deceased
    died = (
        timezone.localtime(deceased.died_at).strftime("%Y-%m-%d %H:%M") if deceased.died_at else "—"
    )
    rows = [
        ["逝者姓名", deceased.name],
        ["性别", deceased.get_gender_display() or "—"],
        ["公民身份号码", deceased.id_number or "—"],
        ["死亡时间", died],
    ]
    if issues_death_certificate(task):
        result = task.result or {}
        chain = [line for line in result.get("cause_chain") or [] if line.get("cause")]
        rows.append(["死亡地点", deceased.place_of_death or "—"])
        if chain:
            rows += [
                [
                    label,
                    f"{line['cause']}（ICD-10 {line['icd10']}）"
                    if line.get("icd10")
                    else line["cause"],
                ]
                for label, line in zip(CAUSE_LINES, chain, strict=False)
            ]
        else:
            rows.append(["死亡原因", deceased.cause_of_death or "—"])
        rows.append(["出具机构", result.get("institution") or task.department.name_zh])
        rows.append(["医师（经办人）", result.get("doctor") or "—"])
    rows += [
        ["办件编号", case.display_reference],
        ["出具部门", task.department.name_zh],
        ["出具日期", timezone.localtime(now).strftime("%Y-%m-%d")],
        ["证明编号", serial],
    ]
    return rows


def _render(task, serial, name, now):
    return layouts.certificate(
        name,
        certificate_rows(task, serial, now),
        url=verification_url(serial),
        seal=task.department.name_zh,
    )


def sign_pdf(document, department_code, name):
    """Seal ``document`` (PDF bytes) with the department's key (PAdES)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    writer = IncrementalPdfFileWriter(io.BytesIO(document))
    metadata = signers.PdfSignatureMetadata(
        field_name="Seal",
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=name,
        location="湖州",
    )
    output = signers.sign_pdf(writer, metadata, signer=signer_for(department_code))
    return output.getvalue()


@dataclasses.dataclass
class Verification:
    status: str  # valid, revoked, unknown, tampered
    certificate: Certificate | None = None


def verify_document(data):
    """Check an uploaded PDF: its signature against the trusted CA, and its
    hash against the register."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    certificate = _registered(sha256=hashlib.sha256(data).hexdigest())
    try:
        reader = PdfFileReader(io.BytesIO(data))
        signatures = reader.embedded_signatures
        if not signatures:
            return Verification("unknown" if certificate is None else "tampered", certificate)
        context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
        status = validate_pdf_signature(signatures[-1], context)
        intact = status.intact and status.valid and status.trusted
        covers_everything = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    except Exception:  # noqa: BLE001 - any unreadable upload is simply not valid
        return Verification("tampered" if certificate else "unknown", certificate)
    if not (intact and covers_everything):
        return Verification("tampered", certificate)
    if certificate is None:
        return Verification("unknown")
    if certificate.revoked_at is not None:
        return Verification("revoked", certificate)
    return Verification("valid", certificate)


def _registered(**lookup):
    """The certificate, or else the sealed result list, that ``lookup``
    (serial or sha256) finds: both are checked on the one public page."""
    for register in (Certificate, SealedResultList):
        found = (
            register.objects.filter(**lookup).select_related("department", "case__deceased").first()
        )
        if found is not None:
            return found
    return None


def deceased_name(certificate):
    """Whose death the certificate (or result list) concerns: its case's
    deceased, or, before the family filed, the medical record's."""
    if certificate.case_id is not None:
        return certificate.case.deceased.name
    return certificate.medical_record.name


def status_of_serial(serial):
    certificate = _registered(serial=serial.strip().upper())
    if certificate is None:
        return Verification("unknown")
    if certificate.revoked_at is not None:
        return Verification("revoked", certificate)
    return Verification("valid", certificate)


def revoke_certificate(certificate, *, by, reason):
    """Only a supervisor of the issuing department (or an administrator)."""
    if not is_supervisor(by, certificate.department):
        raise PermissionDenied(_("Only a supervisor of the issuing department can revoke it."))
    if not reason.strip():
        raise ValidationError(_("Say why the certificate is revoked."))
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate was revoked already."))
    with transaction.atomic(), acting_as(by):
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        record_event(
            AuditEventKind.CERTIFICATE_REVOKED,
            actor=by,
            case=certificate.case,
            subject=certificate.serial,
        )
    return certificate
