"""Departments report back to /connectors/<department>/callback/, signed."""

import json
import time

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from cases.connectors import signing
from cases.constants import Scenario, TaskStatus
from cases.models import CallbackNonce, Dispatch
from tests.factories import ALL_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case

from .conftest import SECRET, run_jobs, wait_for


@pytest.fixture
def dispatch(database_jobs, health_over_http):
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    return Dispatch.objects.get(task__case=case)


def post_callback(client, body, headers, department="health"):
    return client.post(
        reverse("connector_callback", args=[department]),
        data=body,
        content_type="application/json",
        headers={k: v for k, v in headers.items() if k != "Content-Type"},
    )


def signed(dispatch, outcome="completed", secret=SECRET, **kwargs):
    body = json.dumps(
        {"key": str(dispatch.key), "outcome": outcome, "result": {"no": "1"}}
    ).encode()
    return body, signing.signed_headers(secret, body, **kwargs)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_round_trip_through_the_department_simulator(dispatch, simulator, live_server, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    run_jobs()  # sends H01 to the simulator, which reports it completed
    wait_for(lambda: CallbackNonce.objects.exists())
    run_jobs()  # applies the result
    task = dispatch.task
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED
    assert task.result == {"outcome": "done", "date": time.strftime("%Y-%m-%d")}
    assert task.case.tasks.get(matter_code="P02").status == TaskStatus.READY


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_result_sent_twice_is_applied_once(dispatch, simulator, live_server, settings):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    simulator.mode = "duplicate"
    run_jobs()
    wait_for(lambda: CallbackNonce.objects.count() == 2)
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.applied_outcomes == ["completed"]
    completions = [
        entry
        for entry in LogEntry.objects.get_for_object(dispatch.task)
        if (entry.changes or {}).get("status", [None, None])[1] == TaskStatus.COMPLETED
    ]
    assert len(completions) == 1


@pytest.mark.django_db
def test_a_bad_signature_is_refused(client, dispatch):
    body, headers = signed(dispatch, secret="not-the-department-secret-0123456789")
    response = post_callback(client, body, headers)
    assert response.status_code == 401
    assert response.json() == {"error": "bad signature"}
    assert not CallbackNonce.objects.exists()


@pytest.mark.django_db
def test_a_stale_timestamp_is_refused(client, dispatch):
    body, headers = signed(dispatch, now=time.time() - signing.MAX_SKEW - 60)
    response = post_callback(client, body, headers)
    assert response.status_code == 401
    assert response.json() == {"error": "stale timestamp"}


@pytest.mark.django_db
def test_a_replayed_request_is_refused(client, dispatch):
    body, headers = signed(dispatch)
    assert post_callback(client, body, headers).status_code == 202
    replay = post_callback(client, body, headers)
    assert replay.status_code == 409
    run_jobs()
    dispatch.task.refresh_from_db()
    assert dispatch.task.status == TaskStatus.COMPLETED


@pytest.mark.django_db
def test_a_key_of_another_department_is_refused(client, dispatch, simulator):
    from cases.models import Department

    Department.objects.filter(code="civil_affairs").update(
        connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
    )
    body, headers = signed(dispatch)
    response = post_callback(client, body, headers, department="civil_affairs")
    assert response.status_code == 400


@pytest.mark.django_db
def test_an_unknown_department_gets_404(client, dispatch):
    body, headers = signed(dispatch)
    assert post_callback(client, body, headers, department="nowhere").status_code == 404


@pytest.mark.django_db
def test_an_outcome_that_no_longer_fits_the_task_is_recorded_not_applied(client, dispatch):
    from cases.services.tasks import complete_task

    complete_task(dispatch.task, actor=None)  # a clerk was faster
    body, headers = signed(dispatch, outcome="rejected")
    assert post_callback(client, body, headers).status_code == 202
    run_jobs()
    dispatch.refresh_from_db()
    assert dispatch.applied_outcomes == []
    assert "rejected" in dispatch.last_error


@pytest.mark.django_db
def test_a_late_duplicate_request_for_materials_is_not_applied_again(dispatch):
    """The department asked once; the family answered; the same request
    arriving again (its own request id, so not a replay) must not stop the
    task and the clocks a second time."""
    from cases.connectors.service import apply_result
    from cases.services.tasks import materials_supplied

    payload = {"key": str(dispatch.key), "outcome": "awaiting_materials", "message": "请补充病历"}
    assert apply_result(dispatch.key, payload) == "applied"
    materials_supplied(dispatch.task.__class__.objects.get(pk=dispatch.task_id), reply="已上传")
    assert apply_result(dispatch.key, payload) == "duplicate"
    task = dispatch.task.__class__.objects.get(pk=dispatch.task_id)
    assert (task.status, task.paused_since) == (TaskStatus.IN_PROGRESS, None)
