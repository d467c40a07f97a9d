"""Filing the hospital form from the app (GraphQL: one saveDraftStep per
step, submitApplication) beside the web wizard (a POST per step, the review,
done) for the same answers, on SQLite unless DATABASE_URL says otherwise.
Each round files one whole application for a new deceased; the figure is the
median per application, with the SQL queries of one, and the ratio
GraphQL / web.

    .venv/bin/python bench/app_filing.py [--repeat 20]
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_with_repeat, timed


def main():
    run_with_repeat(__doc__, measure, repeat=20, name="app_filing")


def measure(repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.allowlist import operations
    from cases.models import Case
    from demo.forms import seed_forms
    from demo.pages import seed_pages
    from tests.api.conftest import app_token
    from tests.api.test_app_filing import as_answers
    from tests.factories import DemoRegistryPersonFactory, citizen, resident_id
    from tests.portal.apply_helpers import answer, deceased_step, hospital_steps

    seed_pages()
    seed_forms()
    user = citizen("13912345678")
    token = app_token(user)
    texts = dict(operations().values())
    web, app = Client(), Client()
    web.force_login(user)
    # The 3-digit sequence of an ID number; odd: the answers say "male".
    people = iter(range(201, 999, 2))

    def deceased():
        id_number = resident_id(next(people))
        DemoRegistryPersonFactory(id_number=id_number, name="王五")
        return id_number

    def steps_for(id_number):
        steps = hospital_steps()
        steps[0] = ("1", deceased_step(id_number=id_number))
        return steps

    def graphql(name, variables):
        response = app.post(
            "/graphql/",
            json.dumps({"query": texts[name], "variables": variables}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    def by_app(id_number):
        draft = graphql("StartDraft", {"scenario": "hospital"})["startDraft"]["draft"]["id"]
        for step, data in steps_for(id_number):
            saved = graphql(
                "SaveDraftStep",
                {"draftId": draft, "step": step, "answers": as_answers(data), "files": []},
            )
            assert saved["saveDraftStep"]["saved"], saved
        assert graphql("SubmitApplication", {"draftId": draft})["submitApplication"]["case"]

    def by_web(id_number):
        base = web.post("/apply/hospital/").url
        for step, data in [*steps_for(id_number), ("review", {})]:
            assert answer(web, base, step, data).status_code == 302
        done = web.get(f"{base}done/")
        assert "/cases/" in done.url, done.url

    def one(file_it):
        def run():
            file_it(deceased())

        return run

    def queries(file_it):
        id_number = deceased()
        with CaptureQueriesContext(connection) as captured:
            file_it(id_number)
        return len(captured)

    # Interleaved, so that both see the same machine and the same table sizes.
    web_s, app_s = [], []
    for _ in range(repeat):
        web_s.append(timed(one(by_web), 1))
        app_s.append(timed(one(by_app), 1))
    web_median = sorted(web_s)[len(web_s) // 2]
    app_median = sorted(app_s)[len(app_s) // 2]
    print(f"cases filed: {Case.objects.count()} ({connection.vendor})")
    print(f"web wizard, one application:   {web_median * 1000:8.1f} ms, {queries(by_web)} queries")
    print(f"GraphQL, one application:      {app_median * 1000:8.1f} ms, {queries(by_app)} queries")
    print(f"ratio: GraphQL / web = {app_median / web_median:.2f}")


if __name__ == "__main__":
    main()
