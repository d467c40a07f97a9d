"""Close relatives' rights over the deceased's personal information (PIPL
Art. 49): the applicant or a listed heir who is the deceased's spouse, parent
or child proves who they are with a code texted for this purpose and the end
of their ID number; asks to see and copy, to correct or to delete; the
data-protection officer answers within 15 working days; a correction goes to
the department that holds the fact; the registry can say the deceased
arranged otherwise."""

import datetime
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import CaseStatus, Channel, Relationship
from cases.models import (
    AuditEvent,
    AuditEventKind,
    Case,
    Department,
    Refusal,
    RequesterRole,
    RequestKind,
    RequestStatus,
)
from cases.services import rights, rights_answers
from cases.services.rights_copy import copy_of
from cases.services.sign_in import request_sign_in_code
from cases.sms.contrib.memory import plugin as memory
from tests.cases.helpers import complete_everything
from tests.delegations.helpers import last_code
from tests.factories import (
    APPLICANT_ID,
    DataRequestFactory,
    DemoRegistryPersonFactory,
    applicant_data,
    data_protection_officer,
    deceased_data,
    declared_case,
    heir_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
TZ = timezone.get_current_timezone()


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(id_number=APPLICANT_ID))


def texts_to(phone):
    return [message["text"] for message in memory.outbox if message["to"] == phone]


def proven(case, phone=PHONE, suffix=APPLICANT_ID[-6:]):
    rights.ask_code(case.reference, phone)
    return rights.prove(case.reference, phone, code=last_code(phone), id_suffix=suffix)[1]


def test_the_applicant_who_is_a_child_gets_a_code_for_this_purpose_only(case):
    rights.ask_code(case.display_reference, PHONE)
    assert "只用于您本人申请查阅、复制、更正或删除逝者的个人信息" in texts_to(PHONE)[-1]


def test_a_number_the_case_does_not_list_gets_the_same_answer_and_no_text(case):
    assert rights.ask_code(case.reference, "13700009999") is None
    assert texts_to("13700009999") == []


def test_an_applicant_who_is_not_a_close_relative_gets_no_code():
    case = submitted_case(
        applicant=applicant_data(id_number=APPLICANT_ID, relationship=Relationship.SIBLING)
    )
    rights.ask_code(case.reference, PHONE)
    assert not any("验证码" in text for text in texts_to(PHONE))


def test_a_listed_heir_proves_who_they_are_with_their_own_number():
    case, _declaration = declared_case(heirs=1)
    heir = heir_data(1)
    person = proven(case, heir.phone, heir.id_number[-6:])
    assert (person.role, person.name) == (RequesterRole.HEIR, heir.name)


def test_the_wrong_end_of_the_id_number_is_refused_and_counts_against_the_code(case):
    rights.ask_code(case.reference, PHONE)
    with pytest.raises(rights.RequestRefused, match="身份证号后六位不符"):
        rights.prove(case.reference, PHONE, code=last_code(PHONE), id_suffix="000000")


def test_a_sign_in_code_does_not_prove_a_request(case):
    request_sign_in_code(PHONE)
    sign_in = re.search(r"(\d{6})", texts_to(PHONE)[-1]).group(1)
    with pytest.raises(rights.RequestRefused):
        rights.prove(case.reference, PHONE, code=sign_in, id_suffix=APPLICANT_ID[-6:])


def test_a_request_is_due_fifteen_working_days_after_it_came(case, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 30, 10, tzinfo=TZ))  # a Monday
    made = rights.submit(case, proven(case), kind=RequestKind.COPY, channel=Channel.WEB)
    assert made.due_date == datetime.date(2026, 12, 21)
    assert "2026-12-21前答复" in texts_to(PHONE)[-1]


def test_the_deadline_skips_the_national_day_holiday(case, time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 28, 10, tzinfo=TZ))
    made = rights.submit(case, proven(case), kind=RequestKind.COPY, channel=Channel.WEB)
    # 1-7 October off (three statutory days and the days moved around them).
    assert made.due_date > datetime.date(2026, 10, 19)


def test_a_request_is_refused_at_once_when_the_deceased_arranged_otherwise():
    deceased = deceased_data(id_number=resident_id(7))
    DemoRegistryPersonFactory(id_number=deceased.id_number, arranged_otherwise=True)
    case = submitted_case(deceased=deceased, applicant=applicant_data(id_number=APPLICANT_ID))
    made = rights.submit(case, proven(case), kind=RequestKind.COPY, channel=Channel.WEB)
    assert (made.status, made.refusal) == (RequestStatus.REFUSED, Refusal.ARRANGED_OTHERWISE)
    assert "未能办理" in texts_to(PHONE)[-1]


def test_a_correction_must_say_what_is_wrong_and_what_it_should_say(case):
    person = proven(case)
    with pytest.raises(ValidationError):
        rights.submit(case, person, kind=RequestKind.CORRECTION, channel=Channel.WEB)


# The copy ------------------------------------------------------------------


def test_the_officer_prepares_the_copy_and_the_relative_is_texted(case, private_files):
    made = DataRequestFactory(case=case)
    rights_answers.prepare_copy(made, by=data_protection_officer())
    made.refresh_from_db()
    assert made.status == RequestStatus.ANSWERED
    assert made.copy_pdf.open("rb").read().startswith(b"%PDF")
    on_disk = next(
        p for p in private_files.rglob("*") if p.name.startswith("copy") and "pdf" in p.name
    )
    assert not on_disk.read_bytes().startswith(b"%PDF")  # encrypted at rest
    data = json.loads(made.copy_json.open("rb").read())
    assert data["deceased"]["id_number"] == case.deceased.id_number
    assert "已答复" in texts_to(PHONE)[-1]


def test_the_copy_masks_other_living_people_and_not_the_requester():
    case, _declaration = declared_case(heirs=1)
    heir = heir_data(1)
    made = DataRequestFactory(
        case=case,
        requester_role=RequesterRole.HEIR,
        requester_phone=heir.phone,
        requester_name=heir.name,
    )
    data = copy_of(case, made)
    assert data["heirs"][0]["id_number"] == heir.id_number
    assert data["applicant"]["name"] != case.applicant.name
    assert data["applicant"]["phone"] != PHONE


def test_a_clerk_cannot_prepare_the_copy(case):
    made = DataRequestFactory(case=case)
    with pytest.raises(PermissionDenied):
        rights_answers.prepare_copy(made, by=department_member("health"))


def test_the_registry_is_asked_again_before_the_copy_is_given():
    deceased = deceased_data(id_number=resident_id(8))
    person = DemoRegistryPersonFactory(id_number=deceased.id_number)
    case = submitted_case(deceased=deceased, applicant=applicant_data(id_number=APPLICANT_ID))
    made = DataRequestFactory(case=case)
    person.arranged_otherwise = True
    person.save()
    rights_answers.prepare_copy(made, by=data_protection_officer())
    made.refresh_from_db()
    assert (made.status, made.copy_pdf.name) == (RequestStatus.REFUSED, "")


# Corrections -----------------------------------------------------------------


@pytest.fixture
def correction(case):
    return DataRequestFactory(
        case=case, kind=RequestKind.CORRECTION, fact="place_of_death", details="湖州市中心医院"
    )


def test_a_correction_goes_to_the_department_that_holds_the_fact(correction):
    assert rights_answers.holder_of("place_of_death").code == "health"
    health = Department.objects.get(code="health")
    rights_answers.route_correction(correction, department=health, by=data_protection_officer())
    correction.refresh_from_db()
    assert (correction.status, correction.department) == (RequestStatus.AT_DEPARTMENT, health)


def test_the_departments_supervisor_answers_then_the_officer(correction):
    officer = data_protection_officer()
    health = Department.objects.get(code="health")
    rights_answers.route_correction(correction, department=health, by=officer)
    with pytest.raises(PermissionDenied):
        rights_answers.department_answers(
            correction,
            by=department_member("civil_affairs", supervisor=True),
            corrected=True,
            note="已更正",
        )
    rights_answers.department_answers(
        correction, by=department_member("health", supervisor=True), corrected=True, note="已更正"
    )
    rights_answers.answer(correction, by=officer, text="卫生健康委已更正死亡地点。")
    correction.refresh_from_db()
    assert (correction.status, correction.department_corrected) == (RequestStatus.ANSWERED, True)


def test_the_officer_cannot_answer_a_correction_before_the_department(correction):
    with pytest.raises(ValidationError):
        rights_answers.answer(correction, by=data_protection_officer(), text="已处理")


# Deletion --------------------------------------------------------------------


def test_a_deletion_while_the_case_is_open_is_refused_in_words(case):
    made = DataRequestFactory(case=case, kind=RequestKind.DELETION)
    rights_answers.delete_on_request(made, by=data_protection_officer())
    made.refresh_from_db()
    assert (made.status, made.refusal) == (RequestStatus.REFUSED, Refusal.CASE_OPEN)
    assert Case.objects.get(pk=case.pk).erased_at is None


def test_a_deletion_of_a_closed_case_erases_it_and_says_what_stays(case):
    complete_everything(case)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.COMPLETED
    made = DataRequestFactory(case=case, kind=RequestKind.DELETION)
    rights_answers.delete_on_request(made, by=data_protection_officer())
    made.refresh_from_db()
    case.refresh_from_db()
    assert case.erased_at is not None
    assert case.deceased.name == ""
    assert "审计记录" in made.answer
    # The relative can still prove who they are and read the answer.
    assert made.requester_phone == PHONE
    assert "已答复" in texts_to(PHONE)[-1]


# Tracked and audited -----------------------------------------------------------


def test_the_officers_queue_puts_the_nearest_deadline_first(case):
    later = DataRequestFactory(case=case, due_date=timezone.localdate() + datetime.timedelta(9))
    sooner = DataRequestFactory(case=case, due_date=timezone.localdate() + datetime.timedelta(2))
    DataRequestFactory(case=case, status=RequestStatus.ANSWERED)
    assert list(rights_answers.officer_queue()) == [sooner, later]


def test_a_request_past_its_due_date_is_overdue(case):
    made = DataRequestFactory(case=case, due_date=timezone.localdate() - datetime.timedelta(1))
    assert rights_answers.overdue(made)


def test_receiving_and_answering_are_audit_events(case):
    made = rights.submit(case, proven(case), kind=RequestKind.COPY, channel=Channel.WEB)
    rights_answers.prepare_copy(made, by=data_protection_officer())
    kinds = set(AuditEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert {AuditEventKind.DATA_REQUEST_RECEIVED, AuditEventKind.DATA_REQUEST_ANSWERED} <= kinds


def test_the_copy_lists_the_documents_uploaded_with_the_day_in_beijing(case):
    from tests.factories import CaseDocumentFactory

    CaseDocumentFactory(case=case, label="病历资料")
    data = copy_of(case, DataRequestFactory(case=case))
    assert data["documents"] == [
        {"label": "病历资料", "uploaded_on": timezone.localdate().isoformat()}
    ]
