"""A worker killed in the middle of a batch loses nothing and sends nothing
twice: the dispatch it held is sent again with the same key, and the
department recognises the key. On PostgreSQL two workers share the queue."""

import signal
import time

import pytest

from cases.connectors.simulator import DepartmentSimulator
from cases.constants import Scenario
from cases.models import Department, Dispatch, DispatchStatus
from cases.scheduling import run_due_jobs
from tests.factories import (
    NO_FLAGS,
    DemoRegistryPersonFactory,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.workers import start_worker

from .conftest import SECRET, wait_for

CASES = 10


@pytest.fixture
def slow_department(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.CONNECTOR_LEASE_SECONDS = 2
    # Each task takes the department 0.2 s to accept; nobody reports back.
    simulator = DepartmentSimulator(secret=SECRET, delay=3600, accept_delay=0.2).start()
    Department.objects.filter(code__in=["health", "civil_affairs"]).update(
        connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
    )
    yield simulator
    simulator.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_killing_a_worker_mid_batch_loses_and_duplicates_nothing(slow_department):
    for n in range(1, CASES + 1):
        DemoRegistryPersonFactory(id_number=resident_id(n), name="王五")
        submitted_case(Scenario.HOSPITAL, NO_FLAGS, deceased=deceased_data(n))
    keys = {str(key) for key in Dispatch.objects.values_list("key", flat=True)}
    assert len(keys) == 2 * CASES  # H01 and C01 of every case

    workers = [start_worker("first", CONNECTOR_LEASE_SECONDS="2")]
    try:
        wait_for(lambda: len(slow_department.stats()["received"]) >= 5, timeout=60)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait()
        sent_before_the_kill = len(slow_department.stats()["received"])
        assert sent_before_the_kill < len(keys), "the worker finished before it was killed"

        workers += [
            start_worker("second", CONNECTOR_LEASE_SECONDS="2"),
            start_worker("third", CONNECTOR_LEASE_SECONDS="2"),
        ]

        def all_delivered():
            run_due_jobs()  # as cron would: sends again what the dead worker held
            return not Dispatch.objects.exclude(status=DispatchStatus.DELIVERED).exists()

        time.sleep(2.5)  # let the dead worker's lease run out
        wait_for(all_delivered, timeout=120)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=10)

    stats = slow_department.stats()
    assert set(stats["accepted"]) == keys
    assert set(stats["accepted"].values()) == {1}
    assert Dispatch.objects.count() == 2 * CASES
