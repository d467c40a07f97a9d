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
