"""The registry tells only those entitled: nothing about the living, the
deceased's record only to someone the registry or the death record links to
them, and every look-up an access event with its purpose."""

import json

import pytest

from cases.constants import CaseStatus
from cases.models import AuditEvent, AuditEventKind
from cases.services.heirs import registry_heirs
from cases.services.registry_check import (
    ALIVE,
    FOUND,
    NOT_LINKED,
    UNKNOWN,
    check_deceased,
)
from tests.factories import (
    DemoRegistryPersonFactory,
    HeirDeclarationFactory,
    applicant_data,
    citizen,
    deceased_data,
    resident_id,
    submitted_case,
)

pytestmark = pytest.mark.django_db

DECEASED = resident_id(41)
CONTACT = "13912345678"


def check(phone, for_staff=False, id_number=DECEASED):
    return check_deceased(id_number, actor=citizen(phone), for_staff=for_staff)


def test_the_contact_recorded_with_the_death_sees_the_record():
    DemoRegistryPersonFactory(id_number=DECEASED, death_contact_phone=CONTACT)
    answer = check(CONTACT)
    assert answer.status == FOUND
    assert answer.record.name == "王五"


def test_a_household_member_the_register_has_a_phone_for_sees_the_record():
    relatives = [
        {
            "name": "王小红",
            "relationship": "child",
            "id_number": resident_id(5),
            "phone": "13700000005",
        }
    ]
    DemoRegistryPersonFactory(
        id_number=DECEASED, death_contact_phone="", relatives=json.dumps(relatives)
    )
    assert check("13700000005").status == FOUND


def test_someone_the_records_do_not_link_sees_nothing():
    DemoRegistryPersonFactory(id_number=DECEASED, death_contact_phone=CONTACT)
    answer = check("13800000000")
    assert answer.status == NOT_LINKED
    assert answer.record is None


def test_a_living_persons_id_number_reveals_nothing():
    DemoRegistryPersonFactory(id_number=DECEASED, alive=True)
    answer = check(CONTACT)
    assert answer.status == ALIVE
    assert answer.record is None


def test_staff_filing_for_a_family_see_nothing_before_the_familys_code():
    DemoRegistryPersonFactory(id_number=DECEASED, death_contact_phone=CONTACT)
    assert check(CONTACT, for_staff=True).status == NOT_LINKED


def test_the_applicant_of_a_withdrawn_case_of_that_death_sees_the_record():
    DemoRegistryPersonFactory(id_number=DECEASED, death_contact_phone="")
    earlier = submitted_case(
        deceased=deceased_data(41, id_number=DECEASED),
        applicant=applicant_data(phone="13600000001"),
    )
    earlier.status = CaseStatus.WITHDRAWN
    earlier.save()
    assert check("13600000001").status == FOUND


def test_an_heir_listed_in_a_withdrawn_case_of_that_death_sees_the_record():
    DemoRegistryPersonFactory(id_number=DECEASED, death_contact_phone="")
    earlier = submitted_case(deceased=deceased_data(41, id_number=DECEASED))
    declaration = HeirDeclarationFactory(case=earlier)
    declaration.delegations.create(
        name="王小红", relationship="child", id_number=resident_id(5), phone="13600000002"
    )
    earlier.status = CaseStatus.WITHDRAWN
    earlier.save()
    assert check("13600000002").status == FOUND


def test_an_id_number_the_registry_does_not_know_is_unknown():
    assert check(CONTACT).status == UNKNOWN


def test_every_look_up_is_an_access_event_with_its_purpose_and_no_personal_data():
    DemoRegistryPersonFactory(id_number=DECEASED, alive=True)
    user = citizen("13800000000")
    check_deceased(DECEASED, actor=user, for_staff=False)
    event = AuditEvent.objects.get(kind=AuditEventKind.REGISTRY_LOOKUP)
    assert event.actor == user
    assert event.details == {"purpose": "registry_check", "outcome": "alive"}
    assert DECEASED not in event.subject and DECEASED[-4:] in event.subject


def test_submission_looks_up_for_its_own_purpose():
    submitted_case()
    purposes = AuditEvent.objects.filter(kind=AuditEventKind.REGISTRY_LOOKUP).values_list(
        "details__purpose", flat=True
    )
    assert list(purposes) == ["submission"]


def test_the_heirs_list_is_prefilled_only_for_an_applicant_the_records_link():
    relatives = [{"name": "王小红", "relationship": "child", "id_number": resident_id(5)}]
    DemoRegistryPersonFactory(
        id_number=DECEASED, death_contact_phone=CONTACT, relatives=json.dumps(relatives)
    )
    linked = submitted_case(
        deceased=deceased_data(41, id_number=DECEASED), applicant=applicant_data(phone=CONTACT)
    )
    assert [heir.name for heir in registry_heirs(linked)] == ["王小红"]
    linked.status = CaseStatus.WITHDRAWN
    linked.save()
    stranger = submitted_case(
        deceased=deceased_data(41, id_number=DECEASED),
        applicant=applicant_data(phone="13800000000"),
    )
    assert registry_heirs(stranger) == []
