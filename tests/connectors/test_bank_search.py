"""The cross-bank search over HTTP, against the simulator on loopback: where
the registry lists no bank for a deceased with deposits, the search's banks
each get a deposit task; a search that cannot answer leaves the finance
group's own task; every search is an access event."""

import pytest

from cases.checks import named_plugins_are_installed
from cases.connectors.simulator import DepartmentSimulator
from cases.models import AuditEvent, AuditEventKind
from cases.registry.registry import register as registry_sources
from tests.factories import (
    NO_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    deceased_data,
    resident_id,
    submitted_case,
)

pytestmark = pytest.mark.django_db

SECRET = "the-bank-search-secret-0123456789abcdefg"
DEPOSITS = NO_FLAGS | {"bank_accounts": True}


@pytest.fixture
def banks():
    return [DepartmentFactory(bank=True, code=code) for code in ("hzbank", "icbc-hz", "abc-hz")]


@pytest.fixture
def search(settings):
    simulator = DepartmentSimulator(
        secret=SECRET, accounts={resident_id(1): ["icbc-hz", "hzbank"]}
    ).start()
    settings.BANK_SEARCH_SOURCE = "http"
    settings.BANK_SEARCH_URL = simulator.url + "/bank-search"
    settings.BANK_SEARCH_SECRET = SECRET
    yield simulator
    simulator.stop()


def b01_departments(case):
    return [t.department.code for t in case.tasks.filter(matter_code="B01").order_by("pk")]


def test_the_search_finds_the_banks_the_registry_does_not_list(banks, search):
    assert "demo" in registry_sources  # the registry knows the person, not the banks
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五", flags=DEPOSITS)
    case = submitted_case(deceased=deceased_data(1), flags=DEPOSITS)
    assert b01_departments(case) == ["icbc-hz", "hzbank"]
    event = AuditEvent.objects.get(kind=AuditEventKind.BANK_SEARCH)
    assert event.details["outcome"] == "2 found"
    assert resident_id(1) not in str(event.subject)


def test_the_registrys_own_list_is_not_searched_again(banks, search):
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=DEPOSITS, banks=["abc-hz"]
    )
    case = submitted_case(deceased=deceased_data(1), flags=DEPOSITS)
    assert b01_departments(case) == ["abc-hz"]
    assert not AuditEvent.objects.filter(kind=AuditEventKind.BANK_SEARCH).exists()


def test_a_search_that_cannot_answer_leaves_the_finance_groups_task(banks, search):
    search.mode = "fail"
    case = submitted_case(deceased=deceased_data(1), flags=DEPOSITS)
    assert b01_departments(case) == ["finance"]
    event = AuditEvent.objects.get(kind=AuditEventKind.BANK_SEARCH)
    assert event.details["outcome"] == "unavailable"


def test_a_wrong_secret_is_no_answer(banks, search, settings):
    settings.BANK_SEARCH_SECRET = "x" * 40
    case = submitted_case(deceased=deceased_data(1), flags=DEPOSITS)
    assert b01_departments(case) == ["finance"]


def test_nobody_is_searched_without_deposits(banks, search):
    submitted_case(deceased=deceased_data(1), flags=NO_FLAGS)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.BANK_SEARCH).exists()


def test_a_search_no_installed_app_registers_stops_the_server(settings):
    settings.BANK_SEARCH_SOURCE = "unionpay"
    assert [e.id for e in named_plugins_are_installed(None)] == ["cases.E003"]
    settings.BANK_SEARCH_SOURCE = ""
    assert named_plugins_are_installed(None) == []
