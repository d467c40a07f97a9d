"""The 《居民死亡医学证明》 as the national form states it (国卫规划发〔2026〕5号):
what a liaison enters, how each line is checked (ICD-10 codes from the
shipped list, ``cases.icd10``), and how the certificate is laid out and
sealed with the institution's key. The flow — who issues, the family's
invitation, the case that takes it up, corrections — is
``cases.services.medical_certificates``."""

import dataclasses
import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import icd10
from ..constants import MEDICAL_CERTIFICATE, Gender
from ..models import Certificate, Matter
from ..pdf import layouts
from ..validators import normalise_id_number, validate_mobile, validate_resident_id
from .certificates import CAUSE_LINES, new_serial, sign_pdf, verification_url

# How long before now a death may be certified here: older deaths go through
# the health department's own records, not a liaison's form.
OLDEST_DEATH = datetime.timedelta(days=90)


@dataclasses.dataclass
class DeathRecord:
    """What the liaison enters. ``causes`` are (cause, ICD-10 code,
    interval from onset to death), the direct cause first, at most four."""

    id_number: str
    name: str
    gender: str
    died_at: datetime.datetime
    place_of_death: str
    causes: list
    doctor: str
    contact_name: str
    contact_phone: str
    birth_date: datetime.date | None = None


def certificate_matter():
    """The certificate matter (H01): its department's supervisors correct a
    medical certificate, and the certificate bears its name."""
    return Matter.objects.select_related("department").get(code=MEDICAL_CERTIFICATE)


def check(record, now, issued_at=None):
    """The record's errors, by field; the chain comes back normalised.
    ``issued_at``: when a corrected certificate was first issued."""
    errors = {}
    try:
        validate_resident_id(record.id_number)
    except ValidationError as exc:
        errors["id_number"] = exc.messages[0]
    if not record.name.strip():
        errors["name"] = _("Write the deceased's name as on their ID card.")
    if record.gender not in Gender.values:
        errors["gender"] = _("Choose the deceased's gender.")
    if record.died_at > now:
        errors["died_at"] = _("The time of death cannot be later than now.")
    elif record.died_at < (issued_at or now) - OLDEST_DEATH:
        errors["died_at"] = _(
            "This death is more than 90 days ago: the health department certifies it "
            "from its own records."
        )
    if not record.place_of_death.strip():
        errors["place_of_death"] = _("Write where the death took place.")
    if not record.doctor.strip():
        errors["doctor"] = _("Write the name of the doctor who certifies the death.")
    if not record.contact_name.strip():
        errors["contact_name"] = _("Write the name of the family member to contact.")
    try:
        validate_mobile(record.contact_phone)
    except ValidationError as exc:
        errors["contact_phone"] = exc.messages[0]
    chain = []
    for number, (cause, code, interval) in enumerate(record.causes, 1):
        cause, code, interval = cause.strip(), icd10.normalise(code), interval.strip()
        if not (cause or code or interval):
            continue
        if not cause:
            errors[f"cause_{number}"] = _("Write the cause this ICD-10 code stands for.")
        if not code:
            errors[f"icd10_{number}"] = _("Give the ICD-10 code of this cause.")
        elif not icd10.CODE.match(code):
            errors[f"icd10_{number}"] = _(
                "An ICD-10 code is a letter and two digits, maybe a point and more: I21.9, C34."
            )
        elif not icd10.name_of(code):
            errors[f"icd10_{number}"] = _(
                "This code is not in the list of causes of death: look it up by name."
            )
        chain.append({"cause": cause, "icd10": code, "interval": interval})
    if not chain:
        errors["cause_1"] = _("Write at least the direct cause of death (line 甲).")
    elif len(chain) > len(CAUSE_LINES):
        errors["cause_1"] = _("The certificate has four lines of causes.")
    if errors:
        raise ValidationError(errors)
    return chain


def certificate_rows(medical, serial, issued_at):
    """What the sealed PDF states, as the national form lays it out."""
    local = timezone.localtime
    rows = [
        ["证明编号（公民身份号码）", medical.id_number],
        ["逝者姓名", medical.name],
        ["性别", medical.get_gender_display()],
    ]
    if medical.birth_date:
        rows.append(["出生日期", medical.birth_date.isoformat()])
    rows += [
        ["死亡时间", local(medical.died_at).strftime("%Y-%m-%d %H:%M")],
        ["死亡地点", medical.place_of_death],
    ]
    for label, line in zip(CAUSE_LINES, medical.cause_chain, strict=False):
        text = f"{line['cause']}（ICD-10 {line['icd10']}）"
        if line.get("interval"):
            text += f"，发病至死亡约{line['interval']}"
        rows.append([label, text])
    rows += [
        ["医师", medical.doctor],
        ["出具机构", medical.institution.name_zh],
        ["出具时间", local(issued_at).strftime("%Y-%m-%d %H:%M")],
        ["核验编号", serial],
    ]
    if medical.replaces_id:
        rows.append(["说明", f"本证明更正并取代核验编号 {medical.replaces.certificate.serial}"])
    return rows


def seal(medical, issued_at):
    """A new sealed Certificate for ``medical`` (unsaved facts are enough)."""
    matter = certificate_matter()
    name_zh = matter.certificate_name_zh or matter.name_zh
    serial = new_serial(timezone.localdate(issued_at))
    document = layouts.certificate(
        name_zh,
        certificate_rows(medical, serial, issued_at),
        url=verification_url(serial),
        seal=medical.institution.name_zh,
    )
    signed = sign_pdf(document, medical.institution.code, name_zh)
    return Certificate.objects.create(
        serial=serial,
        department=matter.department,
        name_zh=name_zh,
        name_en=matter.certificate_name_en or matter.name_en,
        file=ContentFile(signed, name=f"{serial}.pdf"),
        sha256=hashlib.sha256(signed).hexdigest(),
        issued_at=issued_at,
    )


def fill(medical, record, chain):
    medical.id_number = normalise_id_number(record.id_number)
    medical.name = record.name.strip()
    medical.gender = record.gender
    medical.birth_date = record.birth_date
    medical.died_at = record.died_at
    medical.place_of_death = record.place_of_death.strip()
    medical.cause_chain = chain
    medical.doctor = record.doctor.strip()
    medical.contact_name = record.contact_name.strip()
    medical.contact_phone = record.contact_phone
    return medical
