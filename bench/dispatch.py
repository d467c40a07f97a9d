"""Dispatches per second through the http_json connector to the department
simulator on loopback, with one and with two ``db_worker`` processes.

    .venv/bin/python bench/dispatch.py [--cases 150] [--rounds 3] [--smoke]

Each case has two tasks ready at once in departments with their own system
(health: the death certificate; civil affairs: the funeral booking), so
``--cases 150`` means 300 dispatches per run. On a PostgreSQL database of
its own (on the server of ``BENCH_POSTGRES_URL``), where several workers
share the queue.
"""

import datetime
import logging
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_benchmark

SECRET = "bench-shared-secret-0123456789abcdefghij"
# However slow the machine, a run that has not delivered by then is stuck.
DELIVERY_TIMEOUT_SECONDS = 600


def main():
    import os

    os.environ["TASKS_BACKEND"] = "database"
    run_benchmark(
        "dispatch",
        __doc__,
        measure,
        postgres=True,
        bytes_per_case=200_000,
        cases=150,
        rounds=3,
        smoke={"cases": 5, "rounds": 1},
    )


def measure(cases, rounds):
    # Every generated case has the same applicant: their SMS cap is reached.
    logging.getLogger("cases.notifications").setLevel(logging.ERROR)
    from django.db import connection

    from cases.connectors.simulator import DepartmentSimulator
    from cases.models import Department

    simulator = DepartmentSimulator(secret=SECRET, delay=3600).start()
    try:
        Department.objects.filter(code__in=["health", "civil_affairs"]).update(
            connector="http_json", endpoint_url=simulator.url + "/tasks", shared_secret=SECRET
        )
        print(f"database: {connection.vendor}, dispatches per run: {2 * cases}")
        # Interleaved rounds: one run of each alone swung from 1.37 to 2.08.
        rates = {1: [], 2: []}
        for round_number in range(rounds):
            for workers in (1, 2):
                rate = run(cases, workers, round_number)
                rates[workers].append(rate)
                print(f"round {round_number + 1}, workers: {workers}  dispatches/s: {rate:.1f}")
        median = {workers: statistics.median(values) for workers, values in rates.items()}
        for workers in (1, 2):
            print(f"workers: {workers}  median dispatches per second: {median[workers]:.1f}")
        print(f"ratio 2 workers ÷ 1: {median[2] / median[1]:.2f}")
    finally:
        simulator.stop()


def run(cases, workers, round_number):
    from django.db.models import Max, Min

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
    born = datetime.date(1950, 6, 15) + datetime.timedelta(days=10 * round_number + workers)
    for n in range(1, cases + 1):
        id_number = resident_id(n, born)
        # The registry knows the deceased, so both tasks are ready at once.
        DemoRegistryPersonFactory(id_number=id_number, name="王五")
        submitted_case(Scenario.HOSPITAL, NO_FLAGS, deceased=deceased_data(id_number=id_number))
    total = Dispatch.objects.count()
    started = time.perf_counter()
    # Each keeps its database connection from job to job, as in production.
    processes = [
        start_worker(f"bench-{workers}-{i}", TEST_CONN_MAX_AGE="60") for i in range(workers)
    ]
    try:
        while Dispatch.objects.filter(status=DispatchStatus.DELIVERED).count() < total:
            if time.perf_counter() - started > DELIVERY_TIMEOUT_SECONDS:
                raise SystemExit(
                    f"Not all {total} dispatches delivered in {DELIVERY_TIMEOUT_SECONDS} s"
                )
            time.sleep(0.05)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
    # Timed from the first delivery to the last, as the database recorded
    # them: a worker's start-up (Django, the connection) is not dispatching.
    span = Dispatch.objects.aggregate(first=Min("delivered_at"), last=Max("delivered_at"))
    elapsed = (span["last"] - span["first"]).total_seconds()
    return (total - 1) / elapsed if elapsed else float("inf")


if __name__ == "__main__":
    main()
