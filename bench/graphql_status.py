"""Requests per second of ``case(reference)`` through /graphql/ (the
allow-listed CaseStatus operation, sent by its hash with an app token, as the
app does in production) and of a plain Django JSON view returning the same
fields with the same authentication, against 10,000 cases on PostgreSQL.
The last line is their ratio.

    .venv/bin/python bench/graphql_status.py [--cases 10000] [--requests 500] [--smoke]
"""

import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_cases, run_benchmark


def main():
    run_benchmark(
        "graphql_status",
        __doc__,
        measure,
        postgres=True,
        bytes_per_case=65_000,
        cases=10_000,
        requests=500,
        smoke={"cases": 100, "requests": 10},
    )


def plain_case_status(request):
    """The same fields as the CaseStatus operation, without GraphQL."""
    from django.db.models import Prefetch
    from django.http import JsonResponse

    from api.auth import authenticate_bearer
    from api.types import TaskType
    from cases.constants import family_state
    from cases.models import DepartmentTask
    from cases.references import parse_reference
    from cases.services.access import cases_visible_to

    authenticate_bearer(request)
    tasks = DepartmentTask.objects.select_related("department")
    case = (
        cases_visible_to(request.user)
        .prefetch_related(Prefetch("tasks", queryset=tasks), "certificates")
        .get(reference=parse_reference(request.GET["reference"]))
    )
    tasks = sorted(case.tasks.all(), key=lambda t: t.matter_code)

    def task_json(task):
        return {
            "id": str(task.pk),
            "matterCode": task.matter_code,
            "matter": TaskType.resolve_matter(task, None),
            "department": TaskType.resolve_department(task, None),
            "status": task.status,
            "familyState": family_state(task.status),
            "dueDate": task.due_date.isoformat() if task.due_date else None,
            "completedAt": task.completed_at.isoformat() if task.completed_at else None,
            "publicResult": TaskType.resolve_public_result(task, None),
        }

    return JsonResponse(
        {
            "data": {
                "case": {
                    "reference": case.display_reference,
                    "status": case.status,
                    "scenario": case.scenario,
                    "channel": case.channel,
                    "submittedAt": case.submitted_at.isoformat(),
                    "dueDate": case.due_date.isoformat(),
                    "completedAt": case.completed_at.isoformat() if case.completed_at else None,
                    "resultListIssued": case.result_list_issued_at is not None,
                    "tasks": [task_json(t) for t in tasks],
                    "needsFromFamily": [
                        {
                            "id": str(t.pk),
                            "matter": TaskType.resolve_matter(t, None),
                            "department": TaskType.resolve_department(t, None),
                            "messageToFamily": t.message_to_family,
                        }
                        for t in tasks
                        if family_state(t.status) == "needs_you"
                    ],
                }
            }
        }
    )


def rate(call, requests):
    for _ in range(20):
        call()
    started = time.perf_counter()
    for _ in range(requests):
        call()
    return requests / (time.perf_counter() - started)


def measure(cases, requests):
    count = cases
    import json

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import path

    from api.allowlist import operation_hash, operations
    from cases.constants import Scenario
    from tests.api.conftest import app_token
    from tests.factories import ALL_FLAGS, applicant_data, citizen, submitted_case

    started = time.perf_counter()
    bulk_cases(count)
    family = citizen("13912345678")
    case = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {count} cases + the measured one with {case.tasks.count()} tasks "
        f"({time.perf_counter() - started:.0f} s to load)"
    )

    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("plain/case/", plain_case_status)] + __import__(
        "cms.urls", fromlist=["urlpatterns"]
    ).urlpatterns
    sys.modules["bench_urls"] = urls
    settings.ROOT_URLCONF = "bench_urls"
    settings.GRAPHQL_ALLOWLIST_ONLY = True

    token = app_token(family)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    text = next(t for name, t in operations().values() if name == "CaseStatus")
    body = json.dumps(
        {"documentId": operation_hash(text), "variables": {"reference": case.reference}}
    )

    def graphql():
        response = client.post("/graphql/", body, content_type="application/json")
        assert response.status_code == 200, response.content
        assert b'"errors"' not in response.content, response.content

    def plain():
        response = client.get("/plain/case/", {"reference": case.reference})
        assert response.status_code == 200

    from api import allowlist

    cached = allowlist.prepared
    allowlist.prepared = cached.__wrapped__  # parse and validate on every request
    uncached_rate = rate(graphql, requests)
    allowlist.prepared = cached
    graphql_rate = rate(graphql, requests)
    plain_rate = rate(plain, requests)
    print(f"GraphQL, parsing and validating each time: {uncached_rate:8.1f} requests/s")
    print(f"GraphQL case(reference): {graphql_rate:8.1f} requests/s")
    print(f"plain JSON view:         {plain_rate:8.1f} requests/s")
    print(f"ratio: {graphql_rate / plain_rate:.2f}")


if __name__ == "__main__":
    main()
