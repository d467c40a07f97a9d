"""Cases per second through ``submit_case`` and SQL queries per submission,
on SQLite and on PostgreSQL.

Each case has every profile flag, so it fans out into 21 department tasks.

    .venv/bin/python bench/submit_cases.py [--cases 300]
"""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/shenhou_bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database_url:
        return measure(args.database_url, args.cases)
    with tempfile.TemporaryDirectory() as tmp:
        targets = [
            ("SQLite", f"sqlite:///{tmp}/bench.sqlite3"),
            ("PostgreSQL", os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES)),
        ]
        for label, url in targets:
            print(f"== {label}", flush=True)
            subprocess.run(  # noqa: S603 - this script, fixed arguments
                [sys.executable, __file__, "--cases", str(args.cases), "--database-url", url],
                cwd=ROOT,
                check=False,
            )


def measure(database_url, count):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["TASKS_BACKEND"] = "database"  # jobs are rows, as in production
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases

    config = setup_databases(verbosity=0, interactive=False)
    try:
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
    finally:
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
