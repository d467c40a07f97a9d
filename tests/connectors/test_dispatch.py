"""Sending ready tasks to a department's system: retries, dead letters."""

import datetime

import pytest
from django.utils import timezone

from cases.connectors import service
from cases.constants import Scenario
from cases.models import Dispatch, DispatchStatus
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    UserFactory,
    resident_id,
    submitted_case,
)

from .conftest import run_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_jobs", "health_over_http")]


@pytest.fixture
def dispatch():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    return Dispatch.objects.get(task__case=case)


def later(time_machine, dispatch):
    dispatch.refresh_from_db()
    time_machine.move_to(dispatch.next_attempt_at + datetime.timedelta(seconds=1))


def test_a_ready_task_of_a_department_with_its_own_system_gets_one_dispatch(dispatch, simulator):
    assert dispatch.task.matter_code == "H01"  # C01 (civil affairs) stays on the workbench
    assert dispatch.status == DispatchStatus.PENDING
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DELIVERED
    assert dispatch.external_reference.startswith("SIM-")
    assert simulator.stats()["accepted"] == {str(dispatch.key): 1}


def test_the_department_receives_what_it_needs_signed(dispatch, simulator):
    run_jobs()
    assert simulator.stats()["bad_signatures"] == 0
    assert simulator.stats()["received"] == {str(dispatch.key): 1}


def test_a_department_that_is_down_is_tried_again_later(dispatch, simulator, time_machine):
    simulator.mode = "fail"
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.RETRYING
    assert dispatch.last_error == "HTTP 503 from the department"
    assert dispatch.next_attempt_at > timezone.now()

    run_jobs()  # not due yet: nothing is sent
    assert simulator.stats()["received"][str(dispatch.key)] == 1

    simulator.mode = "ok"
    later(time_machine, dispatch)
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DELIVERED
    assert dispatch.attempts == 2


def test_retries_back_off_exponentially_with_jitter(settings):
    settings.CONNECTOR_RETRY_BASE_SECONDS = 10
    settings.CONNECTOR_RETRY_CAP_SECONDS = 1000
    for attempt, full in ((1, 10), (2, 20), (3, 40), (10, 1000)):
        delays = {service.backoff(attempt).total_seconds() for _ in range(20)}
        assert all(full / 2 <= d <= full for d in delays)
        assert len(delays) > 1


def test_after_the_last_attempt_the_dispatch_is_dead(dispatch, simulator, settings, time_machine):
    settings.CONNECTOR_MAX_ATTEMPTS = 3
    simulator.mode = "fail"
    for _ in range(2):
        run_jobs()
        later(time_machine, dispatch)
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DEAD
    assert dispatch.attempts == 3
    assert simulator.stats()["received"][str(dispatch.key)] == 3


def test_an_administrator_retries_a_dead_dispatch(dispatch, simulator, settings):
    settings.CONNECTOR_MAX_ATTEMPTS = 1
    simulator.mode = "fail"
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DEAD

    simulator.mode = "ok"
    service.retry(dispatch, actor=UserFactory(superuser=True))
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DELIVERED
    assert simulator.stats()["accepted"] == {str(dispatch.key): 1}


def test_a_refusal_is_not_retried(dispatch, simulator):
    simulator.mode = "refuse"
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DEAD
    assert dispatch.attempts == 1
    assert dispatch.last_error == "HTTP 422 from the department"


def test_a_department_that_does_not_answer_in_time_is_tried_again(dispatch, simulator, settings):
    settings.CONNECTOR_TIMEOUT_SECONDS = 0.3
    simulator.mode = "timeout"
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.RETRYING
    assert dispatch.last_error.startswith("no answer")


def test_a_dispatch_whose_worker_died_is_sent_again_with_the_same_key(dispatch, simulator):
    run_jobs()
    # As if a worker had claimed it and died before recording the answer.
    Dispatch.objects.filter(pk=dispatch.pk).update(
        status=DispatchStatus.SENDING,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert service.recover_stalled() == 1
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DELIVERED
    stats = simulator.stats()
    assert stats["received"][str(dispatch.key)] == 2
    assert stats["accepted"][str(dispatch.key)] == 1


def test_a_claimed_dispatch_is_not_sent_by_a_second_worker(dispatch, simulator):
    Dispatch.objects.filter(pk=dispatch.pk).update(status=DispatchStatus.SENDING)
    assert service.deliver(dispatch.pk) == "not claimed"
    assert simulator.stats()["received"] == {}


def test_a_dispatch_that_keeps_killing_its_worker_is_given_up(dispatch, settings):
    settings.CONNECTOR_MAX_ATTEMPTS = 3
    Dispatch.objects.filter(pk=dispatch.pk).update(
        status=DispatchStatus.SENDING,
        attempts=3,
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    assert service.recover_stalled() == 0
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.DEAD


def test_a_connector_that_is_no_longer_installed_sends_to_the_dead_letters(dispatch):
    Dispatch.objects.filter(pk=dispatch.pk).update(connector="carrier_pigeon")
    assert service.deliver(dispatch.pk) == DispatchStatus.DEAD
    dispatch.refresh_from_db()
    assert "carrier_pigeon" in dispatch.last_error


def test_a_task_released_after_submission_is_dispatched_too(dispatch, simulator):
    from cases.models import Department
    from cases.services.tasks import complete_task

    from .conftest import SECRET

    Department.objects.filter(code="public_security").update(
        connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
    )
    case = dispatch.task.case
    assert not Dispatch.objects.filter(task__case=case, task__matter_code="P02").exists()
    complete_task(dispatch.task, actor=None)  # the death certificate releases P02
    assert Dispatch.objects.filter(task__case=case, task__matter_code="P02").count() == 1
