"""Tasks form a dependency graph: a task is ready once what it waits for is done."""

import pytest

from cases.constants import ProfileFlag, Scenario, TaskStatus
from tests.factories import ALL_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case

from .helpers import complete, cremate, declare_sole_heir, statuses, task

pytestmark = pytest.mark.django_db

S = TaskStatus


@pytest.fixture
def known_to_registry():
    """The registry knows the deceased, so the identity check (BD01) is done at once."""
    return DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")


def test_identity_check_completes_itself_when_the_registry_knows_the_deceased(known_to_registry):
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert case.identity_verified
    assert task(case, "BD01").status == S.COMPLETED
    assert {code for code, s in statuses(case).items() if s == S.READY} == {"H01", "C01"}


def test_identity_check_waits_for_a_clerk_when_the_registry_does_not_know_the_deceased():
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert not case.identity_verified
    assert task(case, "BD01").status == S.READY
    assert task(case, "H01").status == S.WAITING


def test_identity_is_not_confirmed_when_the_name_differs_from_the_registry():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="别人")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert not case.identity_verified
    assert task(case, "BD01").status == S.READY


def test_household_cancellation_waits_for_the_medical_death_certificate(known_to_registry):
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert task(case, "P02").status == S.WAITING
    complete(case, "H01")
    assert task(case, "P02").status == S.READY


def test_household_cancellation_waits_for_the_police_certificate_after_an_unnatural_death(
    known_to_registry,
):
    case = submitted_case(Scenario.ABNORMAL, ALL_FLAGS)
    complete(case, "C01")
    assert task(case, "P02").status == S.WAITING
    complete(case, "P01")
    assert task(case, "P02").status == S.READY


def test_funeral_subsidy_waits_for_the_cremation_certificate(known_to_registry):
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    declare_sole_heir(case)
    complete(case, "H01", "C01")
    assert task(case, "R02").status == S.WAITING
    complete(case, "C02")
    assert task(case, "R02").status == S.READY


def test_cremation_certificate_waits_for_both_death_certificate_and_funeral_booking(
    known_to_registry,
):
    case = submitted_case(Scenario.HOME, ALL_FLAGS)
    complete(case, "H01")
    assert task(case, "C02").status == S.WAITING
    assert task(case, "C02").pause_reason == ""
    complete(case, "C01")
    assert task(case, "C02").pause_reason == "cremation"  # both done: the cremation is next
    cremate(case)
    assert task(case, "C02").status == S.READY


def test_a_matter_waits_through_a_dependency_that_does_not_apply(known_to_registry):
    # Survivors' benefit comes after the pension stop; without a pension it
    # still may not start before there is a death certificate.
    case = submitted_case(Scenario.HOSPITAL, {ProfileFlag.EMPLOYEE_INSURED: True})
    assert "R01" not in statuses(case)
    assert task(case, "R03").status == S.WAITING
    complete(case, "H01")
    assert task(case, "R03").status == S.READY


def test_a_task_that_becomes_ready_gets_its_due_date(known_to_registry):
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert task(case, "P02").due_date is None
    complete(case, "H01")
    p02 = task(case, "P02")
    assert p02.ready_at is not None
    assert p02.due_date is not None


def test_not_applicable_releases_dependants_like_completion(known_to_registry):
    from cases.services.tasks import mark_not_applicable

    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    complete(case, "H01")
    mark_not_applicable(task(case, "C01"), actor=None, reason="家属自行安排殡仪服务")
    assert task(case, "C02").pause_reason == "cremation"


def test_tasks_keep_the_matter_as_it_was_at_submission(known_to_registry):
    from cases.models import Matter

    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    Matter.objects.filter(code="R02").update(name_zh="改名后的事项", time_limit=9)
    Matter.objects.get(code="R02").depends_on.clear()
    r02 = task(case, "R02")
    assert r02.matter_name_zh == "丧葬补助金申领"
    assert r02.time_limit == 2
    assert r02.status == S.WAITING
    assert [t.matter_code for t in r02.depends_on.all()] == ["C02"]
