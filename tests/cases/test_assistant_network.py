"""村村都有: an assistant in every village, measured; a new case goes to the
trained assistant of the deceased's village; the family sees who, and a
supervisor of civil affairs may hand the case to another, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import Channel
from cases.models import Area, AuditEvent, AuditEventKind
from cases.services.network import coverage, reassign, uncovered_villages
from tests.factories import (
    AreaFactory,
    DemoRegistryPersonFactory,
    FuneralAssistantFactory,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_network():
    """吴兴区: four villages — two served by a trained assistant, one whose
    only assistant's training has lapsed, one whose trained assistant is no
    longer active; 南浔区: one town with one village and nobody."""
    villages = [AreaFactory(code=f"330502001{n:03d}", name=f"村{n}") for n in range(1, 5)]
    FuneralAssistantFactory(villages=villages[:2])
    FuneralAssistantFactory(villages=[villages[2]], trained="lapsed")
    FuneralAssistantFactory(villages=[villages[3]], active=False)
    lonely = AreaFactory(code="330503100001", name="荻港村", parent=AreaFactory(town=True))
    return villages, lonely


def test_coverage_counts_villages_with_an_active_trained_assistant_per_county(known_network):
    rows = {row.county.name: row for row in coverage(timezone.localdate())}
    assert (rows["吴兴区"].villages, rows["吴兴区"].covered, rows["吴兴区"].percent) == (4, 2, 50.0)
    assert (rows["南浔区"].villages, rows["南浔区"].covered, rows["南浔区"].percent) == (1, 0, 0.0)


def test_the_uncovered_villages_are_those_without_one(known_network):
    villages, lonely = known_network
    found = [village.code for village in uncovered_villages(timezone.localdate())]
    assert found == [villages[2].code, villages[3].code, lonely.code]


def test_a_training_whose_refresher_falls_due_uncovers_its_villages_that_day(known_network):
    from datetime import timedelta

    later = timezone.localdate() + timedelta(days=336)
    rows = {row.county.name: row for row in coverage(later)}
    assert rows["吴兴区"].covered == 0


def case_in(village, **kwargs):
    DemoRegistryPersonFactory(id_number=resident_id(1), hukou_area_code=village.code)
    return submitted_case(deceased=deceased_data(1), **kwargs)


def test_a_new_case_goes_to_the_trained_assistant_of_the_deceaseds_village():
    village = AreaFactory()
    assistant = FuneralAssistantFactory(villages=[village])
    case = case_in(village)
    assert case.village == village and case.assistant == assistant
    event = AuditEvent.objects.get(kind=AuditEventKind.ASSISTANT_ASSIGNED, case=case)
    assert event.details["outcome"] == "village"


def test_of_two_trained_assistants_the_one_with_fewer_open_cases_takes_it():
    village = AreaFactory()
    busy = FuneralAssistantFactory(villages=[village])
    free = FuneralAssistantFactory(villages=[village])
    earlier = submitted_case(deceased=deceased_data(2))
    reassign(earlier, busy, by=department_member("civil_affairs", supervisor=True), reason="x")
    assert case_in(village).assistant == free


def test_a_village_without_a_trained_assistant_leaves_the_case_unassigned():
    village = AreaFactory()
    FuneralAssistantFactory(villages=[village], trained="lapsed")
    case = case_in(village)
    assert case.village == village and case.assistant is None


def test_a_case_an_assistant_filed_stays_with_them_where_the_village_has_none():
    filer = FuneralAssistantFactory()
    case = submitted_case(channel=Channel.ASSISTED, submitted_by=filer.user)
    assert case.assistant == filer


def village_answer(village):
    return {
        "name": "deceased__village",
        "label": "村",
        "value": village.name,
        "key": "deceased.village",
        "code": village.code,
    }


def test_the_familys_village_answer_assigns_where_the_registry_knows_no_address():
    village = AreaFactory()
    assistant = FuneralAssistantFactory(villages=[village])
    case = submitted_case(answers=[village_answer(village)])
    assert case.village == village and case.assistant == assistant


def test_the_familys_answer_corrects_the_registrys_address():
    registered, answered = AreaFactory(), AreaFactory()
    FuneralAssistantFactory(villages=[registered])
    theirs = FuneralAssistantFactory(villages=[answered])
    case = case_in(registered, answers=[village_answer(answered)])
    assert (case.village, case.assistant) == (answered, theirs)


def test_an_unknown_household_code_assigns_nobody():
    DemoRegistryPersonFactory(id_number=resident_id(1), hukou_area_code="330599999999")
    case = submitted_case()
    assert case.village is None and case.assistant is None
    assert not Area.objects.filter(code="330599999999").exists()


def test_a_civil_affairs_supervisor_hands_a_case_over_with_a_reason_audited():
    case = submitted_case()
    other = FuneralAssistantFactory()
    supervisor = department_member("civil_affairs", supervisor=True)
    reassign(case, other, by=supervisor, reason="原协理员休假")
    case.refresh_from_db()
    assert case.assistant == other
    event = AuditEvent.objects.get(kind=AuditEventKind.ASSISTANT_ASSIGNED, case=case)
    assert event.actor == supervisor and event.details["outcome"] == "reassigned"


def test_only_a_civil_affairs_supervisor_reassigns_and_only_with_a_reason():
    case = submitted_case()
    other = FuneralAssistantFactory()
    with pytest.raises(PermissionDenied):
        reassign(case, other, by=department_member("civil_affairs"), reason="x")
    with pytest.raises(ValidationError):
        reassign(case, other, by=department_member("civil_affairs", supervisor=True), reason=" ")


def test_trainings_falling_due_within_thirty_days_are_listed_soonest_first():
    from datetime import timedelta

    from cases.services.network import refreshers_due
    from tests.factories import AssistantTrainingFactory

    today = timezone.localdate()
    soon = FuneralAssistantFactory(name="吴协理", trained=False)
    AssistantTrainingFactory(assistant=soon, refresher_due=today + timedelta(days=10))
    sooner = FuneralAssistantFactory(name="郑协理", trained=False)
    AssistantTrainingFactory(assistant=sooner, refresher_due=today + timedelta(days=3))
    FuneralAssistantFactory(name="周协理")  # due in 335 days
    renewed = FuneralAssistantFactory(name="孙协理", trained=False)
    AssistantTrainingFactory(assistant=renewed, refresher_due=today + timedelta(days=5))
    AssistantTrainingFactory(assistant=renewed, refresher_due=today + timedelta(days=400))
    FuneralAssistantFactory(name="王协理", trained="lapsed")  # lapsed: uncovered already
    assert [(a.name, a.refresher_due) for a in refreshers_due(today)] == [
        ("郑协理", today + timedelta(days=3)),
        ("吴协理", today + timedelta(days=10)),
    ]
