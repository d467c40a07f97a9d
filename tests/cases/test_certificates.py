"""The six sealed certificates: issued signed when their task is done,
verifiable by anyone, revocable by the issuing department's supervisor."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from cases.models import Certificate, Department, SmsMessage
from cases.pki import trust_roots
from cases.services.certificates import revoke_certificate, verify_document
from tests.cases.helpers import complete
from tests.factories import UserFactory, applicant_data, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete(case, "BD01", "H01")
    return Certificate.objects.get(task__matter_code="H01")


def pdf_of(certificate):
    return certificate.file.open().read()


def test_completing_a_certificate_task_issues_a_signed_pdf(certificate):
    data = pdf_of(certificate)
    assert data.startswith(b"%PDF")
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert certificate.name_zh == "居民死亡医学证明(推断)书"
    assert certificate.department.code == "health"
    assert certificate.serial.startswith("SH20")


def test_the_pdf_embeds_its_chinese_font(certificate):
    assert b"/FontFile2" in pdf_of(certificate)


def test_the_qr_code_and_the_printed_address_lead_to_the_verification_page(certificate):
    from cases.services.certificates import verification_url

    assert verification_url(certificate.serial) == f"http://testserver/verify/{certificate.serial}/"


def test_the_family_is_told_once_by_sms(certificate):
    sent = SmsMessage.objects.filter(template_code="certificate_issued", case=certificate.case)
    assert sent.count() == 1
    assert "居民死亡医学证明(推断)书" in sent.get().text


def test_a_task_without_a_certificate_issues_none():
    case = submitted_case()
    complete(case, "BD01")
    assert not Certificate.objects.exists()


def test_issuing_twice_gives_the_same_certificate(certificate):
    from cases.services.certificates import issue_certificate

    assert issue_certificate(certificate.task_id) == certificate
    assert Certificate.objects.count() == 1


def test_the_original_file_verifies_as_valid(certificate):
    assert verify_document(pdf_of(certificate)).status == "valid"


def test_a_changed_file_is_detected(certificate):
    data = bytearray(pdf_of(certificate))
    index = data.index(b"/Title")
    data[index + 8 : index + 10] = b"XX"
    assert verify_document(bytes(data)).status == "tampered"


def test_a_file_with_something_appended_is_not_valid(certificate):
    data = pdf_of(certificate) + b"\n% appended after signing\n"
    assert verify_document(data).status in ("tampered", "unknown")


def test_a_pdf_not_issued_here_is_unknown():
    from tests.factories import PDF_BYTES

    assert verify_document(PDF_BYTES).status == "unknown"


def test_the_issuing_supervisor_revokes_with_a_reason(certificate):
    supervisor = UserFactory(is_staff=True)
    supervisor.groups.add(Department.objects.get(code="health").supervisor_group)
    revoke_certificate(certificate, by=supervisor, reason="出具信息有误")
    certificate.refresh_from_db()
    assert certificate.revoked_by == supervisor
    assert verify_document(pdf_of(certificate)).status == "revoked"


def test_a_clerk_or_another_departments_supervisor_cannot_revoke(certificate):
    clerk = UserFactory(is_staff=True)
    clerk.groups.add(Department.objects.get(code="health").clerk_group)
    other = UserFactory(is_staff=True)
    other.groups.add(Department.objects.get(code="housing_fund").supervisor_group)
    for user in (clerk, other):
        with pytest.raises(PermissionDenied):
            revoke_certificate(certificate, by=user, reason="x")


def test_revoking_needs_a_reason(certificate):
    with pytest.raises(ValidationError):
        revoke_certificate(certificate, by=UserFactory(is_superuser=True), reason=" ")


def _rows(task):
    from django.utils import timezone

    from cases.services.certificates import certificate_rows

    return dict(certificate_rows(task, "SH2026TEST0001", timezone.now()))


def test_the_death_certificate_states_the_place_and_cause_of_death():
    from tests.factories import deceased_data

    case = submitted_case(
        deceased=deceased_data(place_of_death="湖州市第一人民医院", cause_of_death="急性心肌梗死")
    )
    complete(case, "BD01", "H01")
    rows = _rows(case.tasks.get(matter_code="H01"))
    assert rows["死亡地点"] == "湖州市第一人民医院"
    assert rows["死亡原因"] == "急性心肌梗死"
    assert rows["出具机构"]


def test_the_death_certificate_states_the_cause_chain_with_its_icd10_codes():

    case = submitted_case()
    complete(case, "BD01")
    h01 = case.tasks.get(matter_code="H01")
    h01.result = {
        "outcome": "issued",
        "doctor": "李医生",
        "cause_chain": [
            {"cause": "心源性休克", "icd10": "R57.0"},
            {"cause": "急性心肌梗死", "icd10": "I21.9"},
        ],
    }
    rows = _rows(h01)
    assert rows["（甲）直接死亡原因"] == "心源性休克（ICD-10 R57.0）"
    assert rows["（乙）引起（甲）的疾病或情况"] == "急性心肌梗死（ICD-10 I21.9）"
    assert rows["医师（经办人）"] == "李医生"


def test_other_certificates_state_no_cause_of_death():
    from tests.factories import deceased_data

    case = submitted_case(deceased=deceased_data(cause_of_death="急性心肌梗死"))
    complete(case, "BD01", "H01")
    rows = _rows(case.tasks.get(matter_code="P02"))
    assert "死亡原因" not in rows and "急性心肌梗死" not in rows.values()
