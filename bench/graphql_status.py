"""What an app's status call costs, against two anchors in the same run.

Three ways to answer "how is my case going?" for a case with 21 tasks among
10,000 others (PostgreSQL), each sent with the app's bearer token through
the test client, timed in interleaved rounds:

- **bare**: a JSON view under Django's handler with no middleware at all,
  reading the case's rows with the same queries as the API;
- **plain**: the same view through the platform's whole middleware stack
  (metrics, security headers, CSP, locale, audit context… and, for bearer
  calls, none of the session machinery: cms/bearer.py);
- **GraphQL**: the allow-listed ``CaseStatus`` operation sent by its hash.

The plain view returns exactly what ``CaseStatus`` returns (checked before
timing). The last lines are the ratios the issue asks for: plain ÷ bare
(goal ≥ 0.5) and GraphQL ÷ plain (goal ≥ 0.9), in requests per second — as
the ratio of the medians and as the median of the rounds' own ratios (the
calls of one round ran side by side; every other round runs them backwards).

    .venv/bin/python bench/graphql_status.py [--cases 10000] [--rounds 31] [--requests 20] [--smoke]
"""

import json
import statistics
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
        rounds=31,
        requests=20,
        smoke={"cases": 100, "rounds": 1, "requests": 3},
    )


def _iso(value):
    return value.isoformat() if value is not None else None


def case_status(request):
    """CaseStatus's answer, field for field, without GraphQL: the same rows
    (api.schema.with_status_rows) and the same per-field rules (the types'
    resolvers)."""
    from django.http import JsonResponse

    from api.auth import authenticate_bearer
    from api.schema import with_status_rows
    from api.types import CaseType, CertificateType, TaskType, _tasks
    from cases.constants import family_state
    from cases.references import parse_reference
    from cases.services.access import cases_visible_to

    authenticate_bearer(request)
    info = types.SimpleNamespace(context=request)
    reference = parse_reference(request.GET["reference"])
    case = with_status_rows(cases_visible_to(request.user)).filter(reference=reference).first()
    tasks = _tasks(case)

    def task_json(task):
        return {
            "id": str(task.pk),
            "matterCode": task.matter_code,
            "matter": TaskType.resolve_matter(task, info),
            "department": TaskType.resolve_department(task, info),
            "status": task.status,
            "familyState": family_state(task.status),
            "dueDate": _iso(task.due_date),
            "dueAt": _iso(task.due_at),
            "pausedSince": _iso(task.paused_since),
            "pauseReason": TaskType.resolve_pause_reason(task, info),
            "completedAt": _iso(task.completed_at),
            "publicResult": TaskType.resolve_public_result(task, info),
            "waitingForHeirs": TaskType.resolve_waiting_for_heirs(task, info),
        }

    def certificate_json(certificate):
        return {
            "serial": certificate.serial,
            "name": certificate.name,
            "department": CertificateType.resolve_department(certificate, info),
            "issuedAt": _iso(certificate.issued_at),
            "revoked": CertificateType.resolve_revoked(certificate, info),
            "downloadUrl": CertificateType.resolve_download_url(certificate, info),
            "verificationUrl": CertificateType.resolve_verification_url(certificate, info),
        }

    assistant = case.assistant
    return JsonResponse(
        {
            "data": {
                "case": {
                    "reference": case.display_reference,
                    "status": case.status,
                    "scenario": case.scenario,
                    "channel": case.channel,
                    "submittedAt": _iso(case.submitted_at),
                    "dueDate": _iso(case.due_date),
                    "clockStartedAt": _iso(case.clock_started_at),
                    "pausedSince": _iso(case.paused_since),
                    "pauseReason": CaseType.resolve_pause_reason(case, info),
                    "completedAt": _iso(case.completed_at),
                    "resultListIssued": case.result_list_issued_at is not None,
                    "assistant": assistant and {"name": assistant.name, "phone": assistant.phone},
                    "certificates": [certificate_json(c) for c in case.certificates.all()],
                    "tasks": [task_json(t) for t in tasks],
                    "needsFromFamily": [
                        {
                            "id": str(t.pk),
                            "matter": TaskType.resolve_matter(t, info),
                            "department": TaskType.resolve_department(t, info),
                            "messageToFamily": t.message_to_family,
                        }
                        for t in tasks
                        if family_state(t.status) == "needs_you"
                    ],
                }
            }
        }
    )


def measure(cases, rounds, requests):
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import path

    from api.allowlist import operation_hash, operations
    from cases.constants import Scenario
    from tests.api.conftest import app_token
    from tests.factories import ALL_FLAGS, applicant_data, citizen, submitted_case

    started = time.perf_counter()
    bulk_cases(cases)
    family = citizen("13912345678")
    case = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {cases} cases + the measured one with {case.tasks.count()} "
        f"tasks ({time.perf_counter() - started:.0f} s to load)"
    )

    urls = types.ModuleType("bench_urls")
    urls.urlpatterns = [path("plain/case/", case_status)] + __import__(
        "cms.urls", fromlist=["urlpatterns"]
    ).urlpatterns
    sys.modules["bench_urls"] = urls
    settings.ROOT_URLCONF = "bench_urls"
    settings.GRAPHQL_ALLOWLIST_ONLY = True

    token = app_token(family)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    bare_client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    with override_settings(MIDDLEWARE=[]):  # its handler keeps the empty chain
        bare_client.get("/plain/case/", {"reference": case.reference})
    text = next(t for name, t in operations().values() if name == "CaseStatus")
    body = json.dumps(
        {"documentId": operation_hash(text), "variables": {"reference": case.reference}}
    )

    def graphql():
        return client.post("/graphql/", body, content_type="application/json")

    def plain():
        return client.get("/plain/case/", {"reference": case.reference})

    def bare():
        return bare_client.get("/plain/case/", {"reference": case.reference})

    answers = {}
    for name, call in (("bare", bare), ("plain", plain), ("GraphQL", graphql)):
        with CaptureQueriesContext(connection) as queries:
            response = call()
        assert response.status_code == 200, response.content
        answers[name] = (json.loads(response.content), len(queries))
    assert answers["plain"][0] == answers["GraphQL"][0], "the plain view must answer the same"
    assert answers["bare"][0] == answers["plain"][0]

    samples = {"bare": [], "plain": [], "GraphQL": []}
    calls = {"bare": bare, "plain": plain, "GraphQL": graphql}
    order = list(calls)
    for _ in range(rounds):
        # Every other round backwards: a machine speeding up or slowing down
        # during a round then favours no one.
        order.reverse()
        for name in order:
            call = calls[name]
            call()  # warm
            started = time.perf_counter()
            for _ in range(requests):
                call()
            samples[name].append(requests / (time.perf_counter() - started))

    rate = {name: statistics.median(values) for name, values in samples.items()}
    print(f"{rounds} interleaved rounds of {requests} requests each, median requests/s:")
    for name in calls:
        print(f"  {name:<8} {rate[name]:8.1f} requests/s   {answers[name][1]:2d} queries")
    # This machine's speed drifts by a third within a run; the ratio of two
    # calls timed side by side in one round drifts much less than either.
    for label, ours, anchor, goal in (
        ("plain ÷ bare:   ", "plain", "bare", 0.5),
        ("GraphQL ÷ plain:", "GraphQL", "plain", 0.9),
    ):
        paired = [a / b for a, b in zip(samples[ours], samples[anchor], strict=True)]
        print(
            f"{label} {rate[ours] / rate[anchor]:.2f} by the medians, "
            f"{statistics.median(paired):.2f} by the rounds' own ratios "
            f"({min(paired):.2f}–{max(paired):.2f})  (goal ≥ {goal})"
        )


if __name__ == "__main__":
    main()
