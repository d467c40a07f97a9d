"""Cases per second through ``submit_case`` and SQL queries per submission,
on SQLite and on PostgreSQL.

Each case has every profile flag, so it fans out into 21 department tasks.

    .venv/bin/python bench/submit_cases.py [--cases 300] [--smoke]
"""

import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_benchmark

# Each database in a process of its own: Django is set up once per process.
DATABASE = "BENCH_SUBMIT_DATABASE"


def main():
    if os.environ.get(DATABASE):
        os.environ["TASKS_BACKEND"] = "database"  # jobs are rows, as in production
        return run_benchmark(
            f"submit_cases_{os.environ[DATABASE]}",
            __doc__,
            measure,
            postgres=os.environ[DATABASE] == "postgres",
            bytes_per_case=400_000,
            cases=300,
            smoke={"cases": 5},
        )
    for label, database in (("SQLite", "sqlite"), ("PostgreSQL", "postgres")):
        print(f"== {label}", flush=True)
        subprocess.run(  # noqa: S603 - this script, its own arguments
            [sys.executable, __file__, *sys.argv[1:]],
            env={**os.environ, DATABASE: database},
            check=True,
            timeout=900,
        )
    return None


def measure(cases):
    count = cases
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.constants import Scenario
    from tests.factories import (
        ALL_FLAGS,
        DemoRegistryPersonFactory,
        applicant_data,
        deceased_data,
        resident_id,
        submitted_case,
    )

    phones = (f"139{n:08d}" for n in range(10**8))
    # A different death each time: one open case per death.
    deaths = (
        resident_id(n % 999 + 1, datetime.date(1940, 1, 1) + datetime.timedelta(days=n // 999))
        for n in range(10**8)
    )

    def submit(scenario, flags):
        # A different family each time, as in life (and below the SMS cap).
        return submitted_case(
            scenario,
            flags,
            deceased=deceased_data(id_number=next(deaths)),
            applicant=applicant_data(phone=next(phones)),
        )

    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五", flags=ALL_FLAGS)
    for _ in range(5):  # warm up caches (content types, translations)
        submit(Scenario.HOSPITAL, ALL_FLAGS)
    with CaptureQueriesContext(connection) as queries:
        case = submit(Scenario.HOSPITAL, ALL_FLAGS)
    tasks = case.tasks.count()

    durations = []
    for _ in range(count):
        start = time.perf_counter()
        submit(Scenario.HOSPITAL, ALL_FLAGS)
        durations.append(time.perf_counter() - start)
    total = sum(durations)
    print(f"tasks per case:        {tasks}")
    print(f"SQL queries per case:  {len(queries)}")
    print(f"cases submitted:       {count}")
    print(f"cases per second:      {count / total:.1f}")
    print(f"median ms per case:    {statistics.median(durations) * 1000:.2f}")
    print(f"p90 ms per case:       {statistics.quantiles(durations, n=10)[-1] * 1000:.2f}")


if __name__ == "__main__":
    main()
