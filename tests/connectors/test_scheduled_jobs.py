import datetime

import pytest
from django.utils import timezone

from cases.models import ScheduledJobRun
from cases.scheduling import PeriodicJob, run_due_jobs

pytestmark = pytest.mark.django_db

calls = []


def count_call(now):
    calls.append(now)
    return "counted"


JOB = PeriodicJob("test_job", datetime.timedelta(minutes=5), count_call)


@pytest.fixture(autouse=True)
def reset_calls():
    calls.clear()


def test_a_due_job_runs_and_records_its_outcome():
    assert run_due_jobs([JOB]) == {"test_job": "counted"}
    run = ScheduledJobRun.objects.get(name="test_job")
    assert run.last_outcome == "counted"
    assert run.last_finished_at is not None


def test_a_job_runs_once_per_interval_however_often_cron_calls():
    now = timezone.now()
    run_due_jobs([JOB], now=now)
    assert run_due_jobs([JOB], now=now + datetime.timedelta(minutes=4)) == {"test_job": "not due"}
    run_due_jobs([JOB], now=now + datetime.timedelta(minutes=5))
    assert len(calls) == 2


def test_the_built_in_jobs_run_from_the_command():
    from django.core.management import call_command

    call_command("run_scheduled", verbosity=0)
    names = set(ScheduledJobRun.objects.values_list("name", flat=True))
    assert {"recover_stalled_dispatches", "prune_callback_nonces"} <= names


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_machines_calling_at_once_run_the_job_once():
    import time

    from tests.concurrency import run_at_once

    def slow(now):
        calls.append(now)
        time.sleep(0.5)
        return "slow"

    job = PeriodicJob("slow_job", datetime.timedelta(minutes=5), slow)
    ScheduledJobRun.objects.create(name="slow_job")
    outcomes = run_at_once(lambda: run_due_jobs([job]), lambda: run_due_jobs([job]))
    assert len(calls) == 1, outcomes
    assert sorted(o["slow_job"] for o in outcomes) in (
        ["not due", "slow"],  # SQLite: the second waits for the first, then finds it done
        ["running elsewhere", "slow"],  # PostgreSQL: the second skips the locked row
    )


def test_a_minute_where_no_job_did_anything_prints_nothing(capsys):
    from django.core.management import call_command

    call_command("run_scheduled")  # an empty database: every job finds nothing
    assert capsys.readouterr().out == ""
    call_command("run_scheduled", verbosity=2)
    assert "recover_stalled_dispatches: not due" in capsys.readouterr().out


def test_a_job_that_did_something_says_so():
    from cases.management.commands.run_scheduled import did_something

    assert did_something("3 tasks became overdue")
    assert did_something("0 heirs reminded, 2 requests expired")
    assert not did_something("0 heirs reminded, 0 requests expired")
    assert not did_something("heartbeat asked of the worker")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_looping_scheduler_outlives_a_database_restart():
    """Every connection to the database is cut (what a PostgreSQL restart
    does to its clients) while the scheduler loops: it says so and goes on."""
    import io
    import threading
    import time

    from django.core.management import call_command
    from django.db import connection

    from cases.models import Heartbeat

    if connection.vendor != "postgresql":
        pytest.skip("cutting a server's connections needs a database server (PostgreSQL)")
    errors, outcome = io.StringIO(), {}

    def scheduler():
        try:
            call_command("run_scheduled", loop=0.3, passes=8, stderr=errors)
        except Exception as exc:  # noqa: BLE001 - what the test looks at
            outcome["raised"] = exc
        finally:
            from django.db import connections

            connections.close_all()

    thread = threading.Thread(target=scheduler)
    thread.start()
    deadline = time.monotonic() + 20
    while not Heartbeat.objects.filter(name="scheduler").exists():
        assert time.monotonic() < deadline, "the scheduler never made a pass"
        time.sleep(0.1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    cut_at = timezone.now()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert "raised" not in outcome, outcome
    assert "could not be reached" in errors.getvalue()
    assert Heartbeat.objects.get(name="scheduler").beat_at > cut_at  # passes after the cut
