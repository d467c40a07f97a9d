"""Hospitals start the case: a liaison certifies the death in the system
(《居民死亡医学证明》), the family is invited by text, and the case they file
starts with the certificate matter done and its clock running from the issue."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from cases.constants import Scenario, TaskStatus
from cases.models import (
    AuditEvent,
    AuditEventKind,
    Certificate,
    DispatchEvent,
    MedicalDeathCertificate,
    SmsMessage,
)
from cases.pki import trust_roots
from cases.services.certificates import status_of_serial
from cases.services.death_certificate_form import certificate_rows
from cases.services.medical_certificates import (
    correct,
    current_for,
    record_death,
    waiting_for,
)
from cases.services.withdrawal import withdraw_case
from tests.cases.helpers import complete, task
from tests.factories import (
    ALL_FLAGS,
    MedicalInstitutionFactory,
    UserFactory,
    certified_death,
    death_record,
    liaison_of,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db


def test_the_certificate_is_sealed_by_the_institution_and_validates_against_the_ca():
    medical = certified_death()
    data = medical.certificate.file.open().read()
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert medical.institution.code in signature.signer_cert.subject.human_friendly
    assert status_of_serial(medical.certificate.serial).status == "valid"


def test_its_number_is_the_deceased_id_number_and_it_states_the_cause_chain():
    medical = certified_death()
    rows = dict(certificate_rows(medical, medical.certificate.serial, medical.issued_at))
    assert rows["证明编号（公民身份号码）"] == resident_id(1)
    assert rows["（甲）直接死亡原因"] == "急性心肌梗死（ICD-10 I21.9），发病至死亡约2小时"
    assert rows["（乙）引起（甲）的疾病或情况"].startswith(
        "冠状动脉粥样硬化性心脏病（ICD-10 I25.1）"
    )
    assert rows["医师"] == "李医生"
    assert rows["出具机构"] == medical.institution.name_zh


def test_the_family_contact_is_invited_by_a_text_without_name_or_number(empty_sms_outbox):
    medical = certified_death()
    [message] = empty_sms_outbox
    assert message["to"] == "13912345678"
    assert medical.institution.name_zh in message["text"]
    assert "http://testserver/apply/hospital/" in message["text"]
    assert "王五" not in message["text"] and resident_id(1) not in message["text"]


def test_a_community_health_centre_invites_to_the_home_scenario(empty_sms_outbox):
    certified_death(institution=MedicalInstitutionFactory(community=True))
    assert "/apply/home/" in empty_sms_outbox[0]["text"]


def test_issuing_is_a_write_event_without_personal_data():
    medical = certified_death()
    event = AuditEvent.objects.get(kind=AuditEventKind.DEATH_CERTIFIED)
    assert event.subject == medical.certificate.serial
    assert resident_id(1) not in str(event.details)


def test_only_the_institutions_own_liaisons_certify_its_deaths():
    hospital, other = MedicalInstitutionFactory(), MedicalInstitutionFactory()
    for user in (liaison_of(other), department_member("health"), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            record_death(hospital, death_record(), by=user)
    assert current_for(resident_id(1)) is None


@pytest.mark.parametrize(
    "causes, field",
    [
        ([("急性心肌梗死", "I21.9.9.9", "")], "icd10_1"),
        ([("急性心肌梗死", "Z99.9", "")], "icd10_1"),  # not in the list of causes of death
        ([("急性心肌梗死", "", "")], "icd10_1"),
        ([("", "I21.9", "")], "cause_1"),
        ([], "cause_1"),
        (
            [
                ("甲", "I21", ""),
                ("乙", "I25", ""),
                ("丙", "I10", ""),
                ("丁", "E11", ""),
                ("戊", "N18", ""),
            ],
            "cause_1",
        ),
    ],
)
def test_a_cause_chain_the_national_form_cannot_hold_is_refused_at_its_line(causes, field):
    institution = MedicalInstitutionFactory()
    with pytest.raises(ValidationError) as refused:
        record_death(institution, death_record(causes=causes), by=liaison_of(institution))
    assert field in refused.value.message_dict


def test_a_code_is_taken_in_any_case_and_with_a_full_width_point():
    medical = certified_death(causes=[("急性心肌梗死", "i21．9", "")])
    assert medical.cause_chain[0]["icd10"] == "I21.9"


def test_a_death_in_the_future_is_refused():
    institution = MedicalInstitutionFactory()
    later = death_record(died_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as refused:
        record_death(institution, later, by=liaison_of(institution))
    assert "died_at" in refused.value.message_dict


def test_a_death_is_certified_once_and_the_second_liaison_is_told_by_whom():
    first = certified_death()
    other = MedicalInstitutionFactory()
    with pytest.raises(ValidationError) as refused:
        record_death(other, death_record(), by=liaison_of(other))
    assert first.institution.name_zh in refused.value.message_dict["id_number"][0]


def test_the_certificate_waits_for_its_family_contact():
    medical = certified_death()
    assert list(waiting_for("13912345678")) == [medical]
    assert not waiting_for("13800000000").exists()


def test_the_case_filed_afterwards_has_its_certificate_matter_done_by_it():
    medical = certified_death()
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    h01 = task(case, "H01")
    assert h01.status == TaskStatus.COMPLETED
    assert h01.result["medical_certificate"] == medical.certificate.serial
    assert h01.result["cause_chain"][0] == {"cause": "急性心肌梗死", "icd10": "I21.9"}
    assert Certificate.objects.get(task=h01) == medical.certificate  # not issued twice
    assert list(case.certificates.all()) == [medical.certificate]
    medical.refresh_from_db()
    assert medical.case == case
    assert not waiting_for("13912345678").exists()


def test_a_certificate_a_withdrawn_case_took_up_stays_that_cases():
    medical = certified_death()
    first = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    withdraw_case(first, actor=None, reason="填错了")
    again = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert task(again, "H01").status != TaskStatus.COMPLETED
    assert not again.certificates.exists()
    medical.refresh_from_db()
    assert medical.case == first


def test_the_case_clock_runs_from_the_moment_the_certificate_was_issued():
    medical = certified_death(
        died_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    )
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert case.clock_started_at == medical.issued_at
    assert case.deceased.died_at == medical.died_at
    assert case.deceased.place_of_death == "湖州市第一人民医院心内科"


def test_what_waited_for_the_certificate_goes_ahead_and_it_is_not_sent_to_the_health_department():
    certified_death()
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    complete(case, "BD01")  # the identity check: what else P02 waits for
    assert task(case, "P02").status == TaskStatus.READY
    assert not task(case, "H01").dispatches.filter(event=DispatchEvent.TASK).exists()


def test_a_case_already_open_has_its_certificate_matter_done_at_issue():
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    medical = certified_death()
    assert task(case, "H01").status == TaskStatus.COMPLETED
    assert medical.case == case


def test_an_unnatural_death_keeps_the_police_certificate_and_ignores_the_hospitals():
    certified_death()
    case = submitted_case(Scenario.ABNORMAL, ALL_FLAGS)
    assert not case.tasks.filter(matter_code="H01").exists()
    assert current_for(resident_id(1)).case is None


def health_supervisor():
    return department_member("health", supervisor=True)


def test_a_correction_needs_a_supervisor_of_the_health_department_and_a_reason():
    medical = certified_death()
    fixed = death_record(causes=[("急性心肌梗死", "I21.0", "2小时")])
    with pytest.raises(PermissionDenied):
        correct(medical, fixed, by=liaison_of(medical.institution), reason="编码有误")
    with pytest.raises(ValidationError) as refused:
        correct(medical, fixed, by=health_supervisor(), reason=" ")
    assert "reason" in refused.value.message_dict


def test_a_correction_seals_a_new_certificate_and_revokes_the_old(empty_sms_outbox):
    medical = certified_death()
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    new = correct(
        medical,
        death_record(causes=[("急性心肌梗死", "I21.0", "2小时")]),
        by=health_supervisor(),
        reason="心肌梗死部位编码有误",
    )
    assert status_of_serial(medical.certificate.serial).status == "revoked"
    assert status_of_serial(new.certificate.serial).status == "valid"
    assert new.replaces == medical and new.case == case
    assert current_for(resident_id(1)) == new
    h01 = task(case, "H01")
    assert h01.result["cause_chain"][0]["icd10"] == "I21.0"
    assert Certificate.objects.get(task=h01) == new.certificate
    assert SmsMessage.objects.filter(
        template_code="death_certificate_corrected", case=case
    ).exists()


def test_a_correction_cannot_change_whose_death_it_certifies():
    medical = certified_death()
    with pytest.raises(ValidationError) as refused:
        correct(medical, death_record(2), by=health_supervisor(), reason="错")
    assert "id_number" in refused.value.message_dict


def test_the_public_page_verifies_it_before_the_family_filed(client):
    medical = certified_death()
    page = client.get(f"/verify/{medical.certificate.serial}/").content.decode()
    assert "<h2>有效</h2>" in page
    assert "王*" in page and "王五" not in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_liaisons_certifying_one_death_at_once_make_one_certificate():
    from tests.concurrency import run_at_once

    first, second = MedicalInstitutionFactory(), MedicalInstitutionFactory()
    by_first, by_second = liaison_of(first), liaison_of(second)
    outcomes = run_at_once(
        lambda: record_death(first, death_record(), by=by_first),
        lambda: record_death(second, death_record(), by=by_second),
    )
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), outcomes
    assert MedicalDeathCertificate.objects.count() == 1
    assert Certificate.objects.count() == 1
