"""Shared start-up of the benchmarks: settings, a throw-away database."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/shenhou_bench"


def django_with_test_database(database_url=None):
    """Set Django up on a fresh test database; return the teardown callable."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # the test client's host

    config = setup_databases(verbosity=0, interactive=False)
    return lambda: teardown_databases(config, verbosity=0)


def run_with_repeat(description, measure, *, repeat):
    """The whole of a benchmark that takes ``--repeat``: parse it, set up a
    throw-away database (SQLite unless DATABASE_URL says otherwise), call
    ``measure(repeat)``, drop the database."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    teardown = django_with_test_database()
    try:
        measure(args.repeat)
    finally:
        teardown()


def run_on_postgres(description, measure, *, cases, repeat):
    """The whole of a benchmark that takes ``--cases`` and ``--repeat`` on a
    throw-away PostgreSQL database (BENCH_POSTGRES_URL): parse the
    arguments, set the database up, call ``measure(cases, repeat)``, drop it."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--cases", type=int, default=cases)
    parser.add_argument("--repeat", type=int, default=repeat)
    args = parser.parse_args()
    teardown = django_with_test_database(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    try:
        measure(args.cases, args.repeat)
    finally:
        teardown()


def count_queries(client, url):
    """SQL queries of one GET through the test client (which must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def timed(function, repeat):
    """Median seconds of ``repeat`` calls."""
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def bulk_cases(count, open_share=1.0):
    """``count`` cases of other families, 10 tasks each, written in bulk; a
    share ``1 - open_share`` of the cases is finished (as most are, in a
    province's history), the rest have their tasks ready."""
    import datetime
    import uuid

    from django.utils import timezone

    from cases.constants import PersonRole, Relationship, Scenario, TaskStatus
    from cases.models import Case, DepartmentTask, Matter, Person
    from cases.references import generate_reference

    matters = list(Matter.objects.select_related("department").order_by("code")[:10])
    now = timezone.now()
    batch = 1000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        people = Person.objects.bulk_create(
            [Person(role=PersonRole.DECEASED, name="测试逝者", id_number="") for _ in range(size)]
            + [
                Person(
                    role=PersonRole.APPLICANT,
                    name="测试家属",
                    phone=f"137{start + n:08d}",
                    relationship=Relationship.CHILD,
                )
                for n in range(size)
            ]
        )
        cases = Case.objects.bulk_create(
            [
                Case(
                    reference=generate_reference(),
                    scenario=Scenario.HOSPITAL,
                    channel="web",
                    deceased=people[n],
                    # A death of its own each: one open case per death.
                    deceased_id_hash=f"bench:{uuid.uuid4().hex}",
                    applicant=people[size + n],
                    submitted_at=now,
                    due_date=now.date() + datetime.timedelta(days=3),
                )
                for n in range(size)
            ]
        )
        open_cases = max(1, round(size * open_share)) if open_share else 0
        DepartmentTask.objects.bulk_create(
            [
                DepartmentTask.for_matter(
                    case,
                    matter,
                    status=TaskStatus.READY if n < open_cases else TaskStatus.COMPLETED,
                    due_date=now.date() + datetime.timedelta(days=n % 30),
                    completed_at=None if n < open_cases else now,
                )
                for n, case in enumerate(cases)
                for matter in matters
            ]
        )
