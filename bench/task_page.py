"""The clerk's task page with its data contract (SQLite): a home-death case
with 21 tasks, once with no document and once with 10, side by side with the
same department's queue page as the anchor; the SQL queries of each page.
The query count must not grow with the documents.

    .venv/bin/python bench/task_page.py [--repeat 100]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import count_queries, run_with_repeat, timed


def main():
    run_with_repeat(__doc__, measure, repeat=100, name="task_page")


def measure(repeat):
    from django.test import Client

    from cases.needs import DocumentKind
    from tests.cases.helpers import complete, task
    from tests.factories import ALL_FLAGS, CaseDocumentFactory, submitted_case
    from tests.staff import department_member, staff_login

    kinds = [DocumentKind.CARE_HOME_REPORT, DocumentKind.MEDICAL_RECORDS, DocumentKind.DEATH_REPORT]
    bare = submitted_case("home", ALL_FLAGS)
    full = submitted_case("home", ALL_FLAGS)
    for case in (bare, full):
        complete(case, "BD01")
    for n in range(10):
        CaseDocumentFactory(case=full, kind=kinds[n % len(kinds)], label=f"材料{n}")
    client = Client()
    staff_login(client, department_member("health"))
    pages = {
        "queue (anchor)": "/admin/workbench/",
        f"task page, {bare.tasks.count()} tasks, 0 documents": (
            f"/admin/workbench/{task(bare, 'H01').pk}/"
        ),
        f"task page, {full.tasks.count()} tasks, 10 documents": (
            f"/admin/workbench/{task(full, 'H01').pk}/"
        ),
    }
    anchor = None
    for name, url in pages.items():
        seconds = timed(lambda url=url: client.get(url), repeat)
        anchor = anchor or seconds
        print(
            f"{name:38s} {seconds * 1000:7.2f} ms  ×{seconds / anchor:4.2f}  "
            f"{count_queries(client, url):3d} queries"
        )


if __name__ == "__main__":
    main()
