"""The shared registry over HTTP, against the simulator on loopback."""

import datetime

import pytest

from cases.connectors.simulator import DepartmentSimulator
from cases.constants import ProfileFlag, Scenario
from cases.registry.service import SUBMISSION, lookup_person
from tests.factories import NO_FLAGS, resident_id, submitted_case

pytestmark = pytest.mark.django_db

SECRET = "the-shared-registry-secret-0123456789abc"
KNOWN = resident_id(5)


@pytest.fixture
def registry(settings):
    simulator = DepartmentSimulator(
        secret=SECRET,
        people={
            KNOWN: {
                "name": "王五",
                "gender": "male",
                "birth_date": "1950-06-15",
                "flags": {"pension": True, "housing_fund": True},
                "died_at": "2026-12-05T08:30:00+08:00",
                "death_contact_phone": "13912345678",
            }
        },
    ).start()
    settings.SHARED_REGISTRY_SOURCE = "http"
    settings.SHARED_REGISTRY_URL = simulator.url + "/registry"
    settings.SHARED_REGISTRY_SECRET = SECRET
    yield simulator
    simulator.stop()


def test_a_known_person_comes_back_with_the_profile(registry):
    record = lookup_person(KNOWN.lower(), purpose=SUBMISSION)
    assert record.name == "王五"
    assert record.birth_date.isoformat() == "1950-06-15"
    assert record.flags[ProfileFlag.PENSION] is True
    assert record.flags[ProfileFlag.VETERAN_BENEFITS] is False


def test_the_death_record_and_its_contact_come_back_in_beijing_time(registry):
    record = lookup_person(KNOWN, purpose=SUBMISSION)
    assert record.died_at == datetime.datetime(2026, 12, 5, 0, 30, tzinfo=datetime.UTC)
    assert record.death_contact_phone == "13912345678"


def test_an_unknown_person_is_none(registry):
    assert lookup_person(resident_id(6), purpose=SUBMISSION) is None


def test_a_wrong_secret_makes_the_registry_unavailable_not_wrong(registry, settings):
    from cases.registry.base import RegistryUnavailable

    settings.SHARED_REGISTRY_SECRET = "another-secret-that-the-registry-does-not-know"
    with pytest.raises(RegistryUnavailable, match="HTTP 401"):
        lookup_person(KNOWN, purpose=SUBMISSION)


def test_submission_uses_the_http_registry(registry):
    from tests.factories import deceased_data

    case = submitted_case(Scenario.HOSPITAL, deceased=deceased_data(5), flags=None)
    assert case.identity_verified
    assert case.registry_profile[ProfileFlag.HOUSING_FUND] is True


def test_a_registry_that_is_down_lets_the_family_go_on(registry):
    registry.mode = "fail"
    case = submitted_case(Scenario.HOSPITAL, NO_FLAGS)
    assert not case.identity_verified
