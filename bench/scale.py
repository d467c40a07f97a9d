"""Every list page at a tenth of the size and at the full size (10,000 and
100,000 cases by default; PostgreSQL), grown from one real submission by
set-based SQL.

One hospital case is submitted through ``submit_case`` (21 tasks); its rows
— the two people, the case, its tasks and their first status — are then
copied with ``INSERT … SELECT … FROM generate_series`` until the database
holds the size asked: each copy a death and a family of its own (distinct
keyed hashes), spread over the last two years, 95 % of them finished as in
a province's history and 5 % open (so one department holds thousands of
open tasks). Audit rows, SMS and dependency edges are not copied: no list
page reads them by case.

At each size every page is timed in interleaved rounds (median), with its
SQL queries, through the test client as the clerk, agent, supervisor or
family who opens it; the last table gives full ÷ tenth per page. Every
query a page makes is then explained, and the plan is printed where it
reads a growing table whole (a ``Seq Scan`` on cases, people, tasks or
their history): that is what would not hold at a million cases.

    .venv/bin/python bench/scale.py [--cases 100000] [--rounds 15] [--smoke]

The disk it needs is printed and checked first; the database is dropped at
exit, whatever ends the run.
"""

import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_benchmark

PHONE = "13912345678"
# What grows with the cases: a full read of one of these does not scale.
GROWING = (
    "cases_case",
    "cases_person",
    "cases_departmenttask",
    "cases_taskstatuschange",
)


WHOLE_READ = re.compile(rf"Seq Scan on ({'|'.join(GROWING)})\b")


def main():
    run_benchmark(
        "scale",
        __doc__,
        measure,
        postgres=True,
        # Measured: about 27 KB a case with its 21 tasks and their indexes.
        bytes_per_case=40_000,
        cases=100_000,
        rounds=15,
        smoke={"cases": 200, "rounds": 1},
    )


def _columns(model):
    return [
        field.column
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    ]


def _copy(model, overrides, where, *, id_from=None):
    """INSERT … SELECT of ``model``'s template rows (``where``) once per
    number of the series ``s``, with ``overrides`` {column: SQL}; the IDs
    from the series' column ``id_from``, or the table's sequence."""
    table = model._meta.db_table
    columns = _columns(model)
    values = [overrides.get(column, f"src.{column}") for column in columns]
    if id_from:
        columns, values = ["id", *columns], [f"s.{id_from}", *values]
    # Names from the models' own meta, numbers from this script: no input.
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM {table} src CROSS JOIN bench_series s WHERE {where}"
    )


def _shifted(model, shift):
    """Every date and time column of ``model``, moved back by ``shift``."""
    return {
        field.column: f"src.{field.column} - {shift}"
        for field in model._meta.concrete_fields
        if field.get_internal_type() in ("DateTimeField", "DateField")
    }


def grow(template, first, last):
    """Copies number ``first`` to ``last`` of the template case, in five
    statements."""
    from django.db import connection

    from cases.models import Case, DepartmentTask, Person

    # A copy n was submitted n % 730 days before the template and, unless
    # one in twenty, finished n % 72 hours after it.
    shift = "make_interval(days => s.n % 730)"
    done = "(s.n % 20 <> 0)"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_series")
        cursor.execute(
            "CREATE TEMP TABLE bench_series AS SELECT g AS n, "
            "nextval(pg_get_serial_sequence('cases_person', 'id')) AS deceased_id, "
            "nextval(pg_get_serial_sequence('cases_person', 'id')) AS applicant_id, "
            "nextval(pg_get_serial_sequence('cases_case', 'id')) AS case_id "
            "FROM generate_series(%s, %s) g",
            [first, last],
        )
        for role, key in (("deceased", template.deceased_id), ("applicant", template.applicant_id)):
            cursor.execute(
                _copy(
                    Person,
                    {
                        "id_number_hash": f"'bench-{role}-' || s.n",
                        "phone_hash": f"'bench-{role}-phone-' || s.n",
                    },
                    f"src.id = {key}",
                    id_from=f"{role}_id",
                )
            )
        cursor.execute(
            _copy(
                Case,
                {
                    **_shifted(Case, shift),
                    "reference": "'Z' || lpad(s.n::text, 8, '0')",
                    "deceased_id": "s.deceased_id",
                    "applicant_id": "s.applicant_id",
                    "deceased_id_hash": "'bench-' || s.n",
                    "submitted_by_id": "NULL",
                    "status": f"CASE WHEN {done} THEN 'completed' ELSE src.status END",
                    "completed_at": f"CASE WHEN {done} THEN src.submitted_at - {shift} "
                    "+ make_interval(hours => 24 + s.n % 72) END",
                },
                f"src.id = {template.pk}",
                id_from="case_id",
            )
        )
        cursor.execute(
            _copy(
                DepartmentTask,
                {
                    **_shifted(DepartmentTask, shift),
                    "case_id": "s.case_id",
                    "deceased_id_hash": "'bench-' || s.n",
                    "status": f"CASE WHEN {done} THEN 'completed' ELSE src.status END",
                    "completed_at": f"CASE WHEN {done} THEN src.created_at - {shift} "
                    "+ make_interval(hours => (1 + (s.n + src.id) % 96)::int) "
                    f"ELSE src.completed_at - {shift} END",
                },
                f"src.case_id = {template.pk}",
            )
        )
        cursor.execute(
            "INSERT INTO cases_taskstatuschange "
            "(task_id, from_status, to_status, actor_id, reason, at) "
            "SELECT t.id, '', t.status, NULL, '', t.created_at "
            "FROM cases_departmenttask t JOIN bench_series s ON t.case_id = s.case_id"
        )
        cursor.execute("DROP TABLE bench_series")
        # As autovacuum leaves a table written once: statistics fresh and the
        # visibility map set, so counts can be answered from an index alone.
        cursor.execute("VACUUM ANALYZE")


def measure(cases, rounds):
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.allowlist import operation_hash, operations
    from cases.constants import Scenario, StaffRole
    from cases.models import Case, DepartmentTask
    from cases.services.daily_figures import catch_up
    from tests.api.conftest import app_token
    from tests.cases.helpers import complete
    from tests.factories import ALL_FLAGS, UserFactory, applicant_data, citizen, submitted_case
    from tests.staff import department_member, staff_login

    started = time.perf_counter()
    family = citizen(PHONE)
    template = submitted_case(Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone=PHONE))
    complete(template, "BD01", "H01")
    c01 = template.tasks.get(matter_code="C01")

    clerk = staff_login(Client(), department_member("civil_affairs"))
    supervisor = staff_login(Client(), department_member("civil_affairs", supervisor=True))
    agent_user = UserFactory(is_staff=True)
    agent_user.groups.add(Group.objects.get(name=StaffRole.HOTLINE_AGENT))
    agent = staff_login(Client(), agent_user)
    portal = Client()
    portal.force_login(family)
    app = Client(HTTP_AUTHORIZATION=f"Bearer {app_token(family)}")
    settings.GRAPHQL_ALLOWLIST_ONLY = True
    my_cases = next(t for name, t in operations().values() if name == "MyCases")
    my_cases_body = json.dumps({"documentId": operation_hash(my_cases)})

    pages = {
        "queue": lambda: clerk.get("/admin/workbench/"),
        "queue: ready": lambda: clerk.get("/admin/workbench/?status=ready"),
        "queue: search": lambda: clerk.get("/admin/workbench/", {"q": template.display_reference}),
        "task page": lambda: clerk.get(f"/admin/workbench/{c01.pk}/"),
        "hotline console": lambda: agent.post(
            "/admin/hotline/",
            {"caller_phone": PHONE, "reference": template.display_reference},
        ),
        "statistics": lambda: supervisor.get("/admin/statistics/"),
        "my cases (web)": lambda: portal.get("/cases/"),
        "myCases (app)": lambda: app.post(
            "/graphql/", my_cases_body, content_type="application/json"
        ),
    }
    results = {}
    grown = 0
    for size in (max(cases // 10, 1), cases):
        began = time.perf_counter()
        grow(template, grown + 1, size - 1)
        grown = size - 1
        catch_up()  # the statistics' daily summaries, as the hourly job keeps them
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size_bytes = cursor.fetchone()[0]
        open_here = (
            DepartmentTask.objects.filter(department__code="civil_affairs")
            .exclude(status="completed")
            .count()
        )
        print(
            f"\n{Case.objects.count():,} cases, {DepartmentTask.objects.count():,} tasks "
            f"({time.perf_counter() - began:.0f} s to grow; database {size_bytes / 1e9:.2f} GB; "
            f"{open_here:,} open civil-affairs tasks)"
        )
        captured = {}
        for name, call in pages.items():
            with CaptureQueriesContext(connection) as queries:
                response = call()
            assert response.status_code == 200, (name, response.status_code)
            captured[name] = queries.captured_queries
        samples = {name: [] for name in pages}
        for _ in range(rounds):
            for name, call in pages.items():
                began = time.perf_counter()
                call()
                samples[name].append(time.perf_counter() - began)
        for name in pages:
            ms = statistics.median(samples[name]) * 1000
            results.setdefault(name, []).append((ms, len(captured[name])))
            print(f"  {name:<16} {ms:8.1f} ms  {len(captured[name]):3d} queries")
        if size == cases:
            explain_whole_reads(captured)
            explain_slowest(captured)

    print("\npage               tenth      full   ratio   queries")
    for name, ((small, small_q), (large, large_q)) in results.items():
        print(
            f"  {name:<16} {small:7.1f} ms {large:7.1f} ms  {large / small:5.2f}   "
            f"{small_q} → {large_q}"
        )
    print(f"\n{time.perf_counter() - started:.0f} s in all")


def explain_whole_reads(captured):
    """Print the plan of every query that reads a growing table whole."""
    from django.db import connection

    shown = 0
    for name, queries in captured.items():
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            if WHOLE_READ.search(plan):
                shown += 1
                print(f"\nEXPLAIN ({name}): {sql[:300]}…\n{plan}")
    print(f"\nplans reading a growing table whole: {shown}")


def explain_slowest(captured):
    """Each page's slowest query at the full size, run again with EXPLAIN
    ANALYZE: where the time goes when no plan reads a table whole."""
    from django.db import connection

    for name, queries in captured.items():
        selects = [q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
        if not selects:
            continue
        slowest = max(selects, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"\nslowest query of {name} ({float(slowest['time']) * 1000:.1f} ms):")
        print(f"{slowest['sql'][:400]}…\n{plan}")


if __name__ == "__main__":
    main()
