"""The 《居民死亡医学证明》 issued in the system by a medical institution's
liaison (医疗卫生机构专人管理), which starts the family's case.

A hospital — or, after a death at home, the community health centre after
its visit — records the death: who died, when and where, the cause chain as
on the national form (ICD-10 codes from the shipped list, ``cases.icd10``),
the doctor, and the family contact. The certificate is sealed with the
institution's key like the other certificates; its number is the deceased's
ID number. The contact is texted a link to continue: the application starts
with the deceased's data filled in, and when it is filed the certificate
matter (H01) is done by this certificate and the case clock runs from the
moment it was issued. A correction goes through a supervisor of the health
department, with a reason, and seals a new certificate that replaces the old.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import (
    FINISHED_TASK_STATUSES,
    MEDICAL_CERTIFICATE,
    CaseStatus,
    TaskStatus,
)
from ..fields import hash_for
from ..models import (
    AuditEventKind,
    Case,
    Certificate,
    MedicalDeathCertificate,
    MedicalInstitution,
)
from ..notifications import notify
from ..roles import is_supervisor, liaison_institutions
from ..validators import normalise_id_number
from . import clock, release, tasks
from . import death_certificate_form as form
from .open_cases import deceased_key


def _replaced_already():
    return _("This certificate was replaced already: correct the newer one.")


def health_department():
    return form.certificate_matter().department


def may_correct(user):
    return is_supervisor(user, health_department())


def certificates_for(user):
    """The medical certificates ``user`` may see: their institutions' as a
    liaison, every one as a supervisor of the health department."""
    found = MedicalDeathCertificate.objects.select_related("institution", "certificate")
    if may_correct(user):
        return found
    return found.filter(institution__in=liaison_institutions(user))


def certificate_of(user, pk, *, remote_addr=None, download=False):
    """One medical certificate ``user`` may see (``certificates_for``), or
    ``DoesNotExist``. Opening it shows personal data, and downloading the
    sealed PDF shows all of it: each is an access event."""
    medical = certificates_for(user).select_related("replaces__certificate").get(pk=pk)
    record_event(
        AuditEventKind.CERTIFICATE_DOWNLOADED
        if download
        else AuditEventKind.DEATH_CERTIFICATE_OPENED,
        actor=user,
        case=medical.case,
        subject=f"medical-certificate:{medical.certificate.serial}",
        remote_addr=remote_addr,
    )
    return medical


def _in_force_for(id_number):
    return MedicalDeathCertificate.objects.current().filter(
        id_number_hash=hash_for(MedicalDeathCertificate, "id_number", id_number)
    )


def current_for(id_number):
    """The certificate in force for the deceased with ``id_number``, or None."""
    return (
        _in_force_for(id_number).select_related("institution", "certificate", "issued_by").first()
    )


def untaken_for(id_number):
    """The certificate in force for this death that no case has taken up yet,
    or None. Without the related rows: a filing asks this every time and
    nearly always hears no, and take_up needs none of them (issue 36)."""
    return _in_force_for(id_number).filter(case__isnull=True).first()


def waiting_for(phone):
    """The certificates in force whose family contact is ``phone`` and that
    no case has taken up yet: what that family is invited to continue."""
    return (
        MedicalDeathCertificate.objects.current()
        .filter(
            contact_phone_hash=hash_for(MedicalDeathCertificate, "contact_phone", phone),
            case__isnull=True,
        )
        .select_related("institution")
    )


def record_death(institution: MedicalInstitution, record: form.DeathRecord, *, by):
    """The liaison of ``institution`` certifies a death: the sealed
    certificate, the invitation texted to the family contact, and, if the
    family filed already, the certificate matter of their case done."""
    if not liaison_institutions(by).filter(pk=institution.pk).exists():
        raise PermissionDenied(_("Only this institution's liaisons certify its deaths."))
    now = timezone.now()
    chain = form.check(record, now)
    existing = current_for(record.id_number)
    if existing is not None:
        raise ValidationError(
            {
                "id_number": _(
                    "%(institution)s certified this death on %(day)s already. A mistake in it "
                    "is corrected by a supervisor of the health department."
                )
                % {
                    "institution": existing.institution.name_zh,
                    "day": timezone.localdate(existing.issued_at).isoformat(),
                }
            }
        )
    medical = form.fill(MedicalDeathCertificate(institution=institution), record, chain)
    sealed = None
    try:
        with transaction.atomic(), acting_as(by):
            sealed = medical.certificate = form.seal(medical, now)
            medical.issued_at, medical.issued_by = now, by
            medical.save()
            record_event(
                AuditEventKind.DEATH_CERTIFIED,
                actor=by,
                subject=medical.certificate.serial,
                department=institution.code,
            )
            case = _open_case_of(medical)
            if case is not None:
                take_up(medical, case)
            else:
                _invite(medical)
    except IntegrityError:
        # Two liaisons certifying the same death at once: the unique index
        # let one through. The other's sealed file went with nothing.
        if sealed is not None:
            sealed.file.delete(save=False)
        raise ValidationError(
            {"id_number": _("This death was certified a moment ago by someone else.")}
        ) from None
    return medical


def _invite(medical):
    """The family contact is texted where to continue (no name and no number
    in the text: it may be read by anyone holding the phone)."""
    link = f"{settings.PUBLIC_BASE_URL.rstrip('/')}/apply/{medical.scenario}/"
    notify(
        "death_certified",
        phone=medical.contact_phone,
        context={"institution": medical.institution.name_zh, "link": link},
        dedupe_key=f"medical-certificate:{medical.certificate.serial}",
    )


def _open_case_of(medical):
    return (
        Case.objects.filter(
            deceased_id_hash=deceased_key(medical.id_number), status=CaseStatus.IN_PROGRESS
        )
        .select_related("deceased")
        .first()
    )


def medical_result(medical):
    """The certificate matter's result, as a clerk completing H01 records it."""
    return {
        "outcome": "done",
        "cause_chain": [
            {"cause": line["cause"], "icd10": line["icd10"]} for line in medical.cause_chain
        ],
        "institution": medical.institution.name_zh,
        "doctor": medical.doctor,
        "medical_certificate": medical.certificate.serial,
    }


def take_up(medical, case):
    """``case`` of the same death takes up ``medical``: the deceased's facts
    are the certificate's, its H01 is done by it (as its liaison), and the
    case clock runs from the moment it was issued. Call inside the
    transaction that files the case (or issues the certificate)."""
    task = case.tasks.filter(matter_code=MEDICAL_CERTIFICATE).first()
    if task is None or task.status in FINISHED_TASK_STATUSES:
        return None  # no certificate matter left to do (e.g. an unnatural death)
    medical.case = case
    medical.save(update_fields=["case"])
    Certificate.objects.filter(pk=medical.certificate_id).update(case=case, task=task)
    _deceased_as_certified(case, medical)
    clock.start_case_clock(case, medical.issued_at)
    if task.status == TaskStatus.WAITING:
        # Issued before the identity check the matter waits for: nothing is
        # left to wait for.
        release.start_now(task, case, timezone.now())
    return tasks.complete_task(task, actor=medical.issued_by, result=medical_result(medical))


def correct(medical, record: form.DeathRecord, *, by, reason):
    """A supervisor of the health department corrects a certificate: a new
    one, sealed again, replaces it; the old is revoked with ``reason``. The
    case that took it up keeps the new one, and the family is texted."""
    if not may_correct(by):
        raise PermissionDenied(
            _("Only a supervisor of the health department corrects a medical certificate.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say what was wrong and why it is corrected.")})
    if medical.revoked_at is not None:
        raise ValidationError(_replaced_already())
    now = timezone.now()
    if normalise_id_number(record.id_number) != medical.id_number:
        raise ValidationError(
            {"id_number": _("A correction cannot change whose death it certifies.")}
        )
    chain = form.check(record, now, issued_at=medical.issued_at)
    with transaction.atomic(), acting_as(by):
        medical = MedicalDeathCertificate.objects.select_for_update().get(pk=medical.pk)
        if medical.revoked_at is not None:
            raise ValidationError(
                _("This certificate was replaced already: correct the newer one.")
            )
        old_certificate = medical.certificate
        medical.revoked_at = now
        medical.save(update_fields=["revoked_at"])
        old_certificate.revoked_at, old_certificate.revoked_by = now, by
        old_certificate.revoked_reason = reason.strip()
        task_id = old_certificate.task_id
        old_certificate.task = None  # the replacement takes the task
        old_certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason", "task"])
        new = form.fill(
            MedicalDeathCertificate(
                institution=medical.institution,
                replaces=medical,
                correction_reason=reason.strip(),
                case=medical.case,
                issued_at=now,
                issued_by=by,
            ),
            record,
            chain,
        )
        new.certificate = form.seal(new, now)
        Certificate.objects.filter(pk=new.certificate_id).update(case=medical.case, task_id=task_id)
        new.save()
        record_event(
            AuditEventKind.DEATH_CERTIFICATE_CORRECTED,
            actor=by,
            case=medical.case,
            subject=new.certificate.serial,
            department=medical.institution.code,
        )
        if medical.case is not None:
            _carry_to_case(new, medical.case, task_id)
        notify(
            "death_certificate_corrected",
            phone=medical.case.applicant.phone if medical.case else new.contact_phone,
            case=medical.case,
            context={"institution": new.institution.name_zh},
            dedupe_key=f"medical-certificate:{new.certificate.serial}",
        )
    return new


def _deceased_as_certified(case, medical):
    """The doctor's record is the case's: time, place and cause of death."""
    deceased = case.deceased
    deceased.died_at = medical.died_at
    deceased.place_of_death = medical.place_of_death
    deceased.cause_of_death = "；".join(line["cause"] for line in medical.cause_chain)
    deceased.save(update_fields=["died_at", "place_of_death", "cause_of_death"])


def _carry_to_case(new, case, task_id):
    _deceased_as_certified(case, new)
    if task_id is not None:
        task = case.tasks.get(pk=task_id)
        task.result = {**(task.result or {}), **medical_result(new)}
        task.save(update_fields=["result", "updated_at"])
