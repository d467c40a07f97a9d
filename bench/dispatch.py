"""Dispatches per second through the http_json connector to the department
simulator on loopback, with one and with two ``db_worker`` processes.

    .venv/bin/python bench/dispatch.py [--cases 150] [--database-url URL]

Each case has two tasks ready at once in departments with their own system
(health: the death certificate; civil affairs: the funeral booking), so
``--cases 150`` means 300 dispatches per run. PostgreSQL by default
(``BENCH_POSTGRES_URL``), where several workers share the queue.
"""

import argparse
import datetime
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-shared-secret-0123456789abcdefghij"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=150)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/shenhou_bench"
        ),
    )
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["TASKS_BACKEND"] = "database"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # Every generated case has the same applicant: their SMS cap is reached.
    logging.getLogger("cases.notifications").setLevel(logging.ERROR)
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    config = setup_databases(verbosity=0, interactive=False)
    try:
        from cases.connectors.simulator import DepartmentSimulator
        from cases.models import Department

        simulator = DepartmentSimulator(secret=SECRET, delay=3600).start()
        Department.objects.filter(code__in=["health", "civil_affairs"]).update(
            connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
        )
        print(f"database: {connection.vendor}, dispatches per run: {2 * args.cases}")
        for workers in (1, 2):
            rate = run(args.cases, workers)
            print(f"workers: {workers}  dispatches per second: {rate:.1f}")
        simulator.stop()
    finally:
        teardown_databases(config, verbosity=0)


def run(cases, workers):
    from cases.constants import Scenario
    from cases.models import Dispatch, DispatchStatus
    from tests.factories import (
        NO_FLAGS,
        DemoRegistryPersonFactory,
        deceased_data,
        resident_id,
        submitted_case,
    )
    from tests.workers import start_worker

    Dispatch.objects.all().delete()
    # Each round its own deaths: the cases of the previous round are still open.
    born = datetime.date(1950, 6, 15) + datetime.timedelta(days=workers)
    for n in range(1, cases + 1):
        id_number = resident_id(n, born)
        # The registry knows the deceased, so both tasks are ready at once.
        DemoRegistryPersonFactory(id_number=id_number, name="王五")
        submitted_case(Scenario.HOSPITAL, NO_FLAGS, deceased=deceased_data(id_number=id_number))
    total = Dispatch.objects.count()
    started = time.perf_counter()
    processes = [start_worker(f"bench-{workers}-{i}") for i in range(workers)]
    try:
        while Dispatch.objects.filter(status=DispatchStatus.DELIVERED).count() < total:
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
            process.wait()
    return total / elapsed


if __name__ == "__main__":
    main()
