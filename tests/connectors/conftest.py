import time

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from cases.connectors.simulator import DepartmentSimulator
from cases.models import Department

SECRET = "a-shared-secret-of-the-health-department-0123"


def run_jobs():
    """Run every job that is due with db_worker's own Worker. (Its loop opens
    an exclusive transaction, which SQLite refuses inside a test's atomic
    block; the worker process itself is tested in test_worker_crash.)"""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    while job := DBTaskResult.objects.ready().order_by("enqueued_at").first():
        job.claim(worker.worker_id)
        worker.run_task(job)
        job.refresh_from_db()
        assert job.status != "FAILED", f"job {job.task_path} failed: {job.traceback}"


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.fixture
def database_jobs(settings):
    """Jobs are rows, run by a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def simulator():
    simulator = DepartmentSimulator(secret=SECRET, delay=0).start()
    yield simulator
    simulator.stop()


@pytest.fixture
def health_over_http(simulator):
    Department.objects.filter(code="health").update(
        connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
    )
    return Department.objects.get(code="health")
