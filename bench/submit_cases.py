"""Cases per second through ``submit_case`` and SQL queries per submission,
on SQLite and on PostgreSQL, against the bare write of the same rows.

Each case has every profile flag, so it fans out into 21 department tasks.
The anchor, timed in the same interleaved run, is the **bare write**: the
rows one submission leaves (the two people, the case, its tasks, their
first status, the dependency edges, the submission's event, the SMS and the
dispatch job) copied from a submitted case and written with ``bulk_create``
in one transaction — no validation, registry, planning, audit log or
trail. The last line is submission ÷ bare write (goal ≥ 0.8).

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
    bare = bare_writer(case)
    with CaptureQueriesContext(connection) as bare_queries:
        bare()

    durations, bare_durations = [], []
    for _ in range(count):  # interleaved: the machine's mood falls on both
        start = time.perf_counter()
        submit(Scenario.HOSPITAL, ALL_FLAGS)
        durations.append(time.perf_counter() - start)
        start = time.perf_counter()
        bare()
        bare_durations.append(time.perf_counter() - start)
    total = sum(durations)
    print(f"tasks per case:        {tasks}")
    print(f"SQL queries per case:  {len(queries)} (bare write: {len(bare_queries)})")
    print(f"cases submitted:       {count}")
    bare_rate = count / sum(bare_durations)
    print(f"cases per second:      {count / total:.1f} (bare write: {bare_rate:.1f})")
    print(f"median ms per case:    {statistics.median(durations) * 1000:.2f}")
    print(f"median ms, bare write: {statistics.median(bare_durations) * 1000:.2f}")
    print(f"p90 ms per case:       {statistics.quantiles(durations, n=10)[-1] * 1000:.2f}")
    ratio = statistics.median(bare_durations) / statistics.median(durations)
    print(f"submission ÷ bare write: {ratio:.2f}  (goal ≥ 0.8)")


def bare_writer(template):
    """A callable writing, each time, a copy of the rows submitting
    ``template`` left, with bulk_create in one transaction."""
    import copy
    import itertools
    import uuid

    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from cases.models import (
        AuditEvent,
        Case,
        DepartmentTask,
        Person,
        SmsMessage,
        TaskStatusChange,
    )

    people = [template.deceased, template.applicant]
    tasks = list(template.tasks.order_by("pk"))
    changes = list(TaskStatusChange.objects.filter(task__case=template))
    Edge = DepartmentTask.depends_on.through
    edges = list(Edge.objects.filter(from_departmenttask__case=template))
    events = list(AuditEvent.objects.filter(case=template))
    messages = list(SmsMessage.objects.filter(case=template))
    jobs = list(DBTaskResult.objects.order_by("-enqueued_at")[:1])
    numbers = itertools.count()

    def fresh(instance, **values):
        instance = copy.copy(instance)
        instance._state = copy.copy(instance._state)
        instance._state.adding = True
        instance.pk = None
        for name, value in values.items():
            setattr(instance, name, value)
        return instance

    def write():
        n = next(numbers)
        with transaction.atomic():
            deceased, applicant = Person.objects.bulk_create([fresh(p) for p in people])
            case = fresh(
                template,
                reference=f"B{n:08d}",
                deceased=deceased,
                applicant=applicant,
                deceased_id_hash=f"bare-{n}",
            )
            Case.objects.bulk_create([case])
            new_tasks = DepartmentTask.objects.bulk_create([fresh(t, case=case) for t in tasks])
            new_pk = {old.pk: new.pk for old, new in zip(tasks, new_tasks, strict=True)}
            TaskStatusChange.objects.bulk_create(
                [fresh(c, task_id=new_pk[c.task_id]) for c in changes]
            )
            Edge.objects.bulk_create(
                [
                    Edge(
                        from_departmenttask_id=new_pk[e.from_departmenttask_id],
                        to_departmenttask_id=new_pk[e.to_departmenttask_id],
                    )
                    for e in edges
                ]
            )
            AuditEvent.objects.bulk_create([fresh(e, case=case) for e in events])
            SmsMessage.objects.bulk_create(
                [fresh(m, case=case, dedupe_key=f"bare:{n}") for m in messages]
            )
            DBTaskResult.objects.bulk_create([fresh(j, id=uuid.uuid4()) for j in jobs])

    return write


if __name__ == "__main__":
    main()
