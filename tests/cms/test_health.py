"""/healthz/ tells an operator what fails silently: a worker that drains no
queue, a scheduler that stopped, a year the calendar does not know
(issue 22). /healthz/web/ is the load balancer's probe: only what a web
process needs."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cases.models import Heartbeat
from cases.scheduling import run_due_jobs
from tests.factories import HeartbeatFactory, HolidayNoticeFactory

# The checks run in django-health-check's threads: they see committed rows only.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MIDSUMMER = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)
DECEMBER = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


def report(client, url="/healthz/"):
    response = client.get(url, HTTP_ACCEPT="application/json")
    return response.status_code, response.json()


def failing(body):
    return {name: outcome for name, outcome in body.items() if outcome != "OK"}


def both_beat(minutes_ago=0):
    at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    HeartbeatFactory(name="worker", beat_at=at)
    HeartbeatFactory(name="scheduler", beat_at=at)


@time_machine.travel(MIDSUMMER, tick=True)
def test_running_the_scheduler_makes_the_worker_and_scheduler_healthy(client):
    # The tests' task backend runs jobs at once: the worker's beat is the job run.
    run_due_jobs()
    assert Heartbeat.last("worker") is not None
    assert Heartbeat.last("scheduler") is not None
    status, body = report(client)
    assert failing(body) == {}
    assert status == 200
    assert len(body) == 5


@time_machine.travel(MIDSUMMER, tick=True)
def test_a_worker_silent_for_six_minutes_fails_the_health_check(client):
    both_beat()
    Heartbeat.objects.filter(name="worker").update(
        beat_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    status, body = report(client)
    assert status == 500
    (outcome,) = failing(body).values()
    assert "the worker has been silent for 36" in outcome


@time_machine.travel(MIDSUMMER, tick=True)
def test_a_scheduler_that_never_ran_fails_the_health_check(client):
    HeartbeatFactory(name="worker")
    status, body = report(client)
    assert status == 500
    (outcome,) = failing(body).values()
    assert "no heartbeat from the scheduler yet" in outcome


@time_machine.travel(DECEMBER, tick=True)
def test_a_year_unknown_within_a_month_fails_until_its_notice_is_entered(client):
    both_beat()
    status, body = report(client)
    assert status == 500
    (outcome,) = failing(body).values()
    assert "does not know 2027" in outcome
    HolidayNoticeFactory(year=2027)
    assert report(client)[0] == 200


@time_machine.travel(MIDSUMMER, tick=True)
def test_the_load_balancers_probe_ignores_background_processes(client):
    status, body = report(client, "/healthz/web/")
    assert status == 200
    assert len(body) == 2
    assert report(client)[0] == 500


def test_health_answers_are_never_cached(client):
    response = client.get("/healthz/web/", HTTP_ACCEPT="application/json")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@time_machine.travel(MIDSUMMER, tick=True)
def test_the_public_learns_only_up_or_down(client):
    HeartbeatFactory(name="scheduler")  # the worker never beat: one check fails
    response = client.get("/healthz/", HTTP_ACCEPT="application/json", REMOTE_ADDR="203.0.113.9")
    assert (response.status_code, response.json()) == (500, {"status": "down"})
    web = client.get("/healthz/web/", HTTP_ACCEPT="application/json", REMOTE_ADDR="203.0.113.9")
    assert (web.status_code, web.json()) == (200, {"status": "up"})


@time_machine.travel(MIDSUMMER, tick=True)
def test_the_metrics_token_sees_which_check_fails(client, settings):
    settings.METRICS_TOKEN = "a-monitoring-token"
    HeartbeatFactory(name="scheduler")
    response = client.get(
        "/healthz/",
        HTTP_ACCEPT="application/json",
        REMOTE_ADDR="203.0.113.9",
        HTTP_AUTHORIZATION="Bearer a-monitoring-token",
    )
    assert "HeartbeatRecent(process='worker')" in failing(response.json())
