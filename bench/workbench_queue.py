"""The workbench queue page of one department's clerk with 100,000 tasks in
the database (10,000 cases × 10 matters, 95% of the cases finished, as in a
province's history; PostgreSQL): render time and SQL queries of the default
view, a filter, a search and a page deep in the queue (by key), against the
same pages with 1,000 tasks, and the ratio.

    .venv/bin/python bench/workbench_queue.py [--cases 10000] [--repeat 50] [--smoke]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_cases, run_on_postgres, timed


def main():
    run_on_postgres(
        __doc__,
        measure,
        cases=10_000,
        repeat=50,
        name="workbench_queue",
        bytes_per_case=65_000,
        smoke={"cases": 200, "repeat": 2},
    )


def measure(count, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cases.models import Department, DepartmentTask
    from tests.factories import UserFactory
    from tests.staff import staff_login

    department = Department.objects.get(code="civil_affairs")  # C01, C02… among the ten matters
    clerk = UserFactory(is_staff=True)
    clerk.groups.add(department.clerk_group)
    client = staff_login(Client(), clerk)

    def page(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured), timed(lambda: client.get(url), repeat) * 1000

    results = {}
    for total in (count // 100, count):
        have = DepartmentTask.objects.values("case").distinct().count()
        bulk_cases(total - have, open_share=0.05)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        tasks = DepartmentTask.objects.count()
        mine = DepartmentTask.objects.filter(department=department).count()
        for label, url in (
            ("queue", "/admin/workbench/"),
            ("ready", "/admin/workbench/?status=ready"),
            ("search", "/admin/workbench/?q=ABCD"),
            ("deep page", "/admin/workbench/?after=" + _deep_cursor(department)),
        ):
            queries, ms = page(url)
            results.setdefault(label, []).append(ms)
            print(
                f"{tasks:>7} tasks ({mine} of this department), {label:9}: "
                f"{ms:7.1f} ms, {queries} queries"
            )
    for label, (small, large) in results.items():
        print(f"ratio {label:9}: {large / small:.2f}")


def _deep_cursor(department):
    """The key of a row far down the department's open queue."""
    from cases.constants import OPEN_TASK_STATUSES
    from cases.models import DepartmentTask

    rows = DepartmentTask.objects.filter(
        department=department, status__in=OPEN_TASK_STATUSES
    ).order_by("queue_due", "pk")
    last = rows.values_list("queue_due", "pk")[max(rows.count() - 10, 0)]
    return f"{last[0].isoformat()}_{last[1]}"


if __name__ == "__main__":
    main()
