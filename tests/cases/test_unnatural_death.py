"""An unnatural death: body transport waits for the police to release the
body; a death the police rule natural goes on as a death at home."""

import pytest
from django.core.exceptions import ValidationError

from cases.constants import PauseReason, Scenario, TaskStatus
from cases.limits import LimitUnit
from cases.services.events import release_body, rule_natural
from tests.factories import ALL_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case
from tests.staff import department_member, staff_login

from .helpers import complete, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return submitted_case(Scenario.ABNORMAL, ALL_FLAGS)


def test_body_transport_waits_for_the_police_to_release_the_body(case):
    c01 = task(case, "C01")
    assert (c01.status, c01.pause_reason) == (TaskStatus.WAITING, PauseReason.BODY_RELEASE)
    case.refresh_from_db()
    assert case.pause_reason == PauseReason.BODY_RELEASE


def test_the_police_release_the_body_before_their_certificate(case):
    release_body(case, actor=None)
    assert task(case, "C01").status == TaskStatus.READY
    assert task(case, "P01").status in (TaskStatus.READY, TaskStatus.IN_PROGRESS)


def test_the_police_certificate_releases_the_body_if_not_said_before(case):
    complete(case, "P01")
    assert task(case, "C01").status == TaskStatus.READY


@pytest.fixture
def ruled_natural(case):
    rule_natural(case, actor=None, note="涉尸调查表 湖公（吴）调字〔2026〕118号")
    case.refresh_from_db()
    return case


def test_a_death_ruled_natural_goes_on_as_a_death_at_home(ruled_natural):
    assert ruled_natural.scenario == Scenario.HOME
    p01 = task(ruled_natural, "P01")
    assert p01.status == TaskStatus.NOT_APPLICABLE
    assert "118号" in p01.reason


def test_the_community_health_centre_issues_the_certificate_within_its_home_limit(ruled_natural):
    h01 = task(ruled_natural, "H01")
    assert h01.status == TaskStatus.READY
    assert (h01.time_limit, h01.time_limit_unit) == (1, LimitUnit.WORKING_DAYS)


def test_what_waited_for_the_police_certificate_now_waits_for_the_medical_one(ruled_natural):
    assert task(ruled_natural, "P02").status == TaskStatus.WAITING
    assert task(ruled_natural, "C01").status == TaskStatus.READY  # the body is released
    complete(ruled_natural, "H01")
    assert task(ruled_natural, "P02").status == TaskStatus.READY
    ruled_natural.refresh_from_db()
    assert ruled_natural.clock_started_at is not None


def test_only_an_open_police_certificate_can_be_ruled_natural(case):
    complete(case, "P01")
    with pytest.raises(ValidationError):
        rule_natural(case, actor=None, note="涉尸调查表")


def test_a_ruling_says_what_the_police_found(case):
    with pytest.raises(ValidationError):
        rule_natural(case, actor=None, note="  ")


def test_the_police_release_the_body_from_the_workbench(case, client):
    staff_login(client, department_member("public_security"))
    p01 = task(case, "P01")
    page = client.get(f"/admin/workbench/{p01.pk}/").content.decode()
    assert 'value="release_body"' in page and 'value="rule_natural"' in page
    response = client.post(f"/admin/workbench/{p01.pk}/", {"action": "release_body"})
    assert response.status_code == 302
    assert task(case, "C01").status == TaskStatus.READY


def test_another_department_cannot_release_the_body(case, client):
    staff_login(client, department_member("civil_affairs"))
    response = client.post(f"/admin/workbench/{task(case, 'P01').pk}/", {"action": "release_body"})
    assert response.status_code in (302, 404)
    assert task(case, "C01").status == TaskStatus.WAITING
