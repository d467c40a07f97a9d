"""The portal's pages as a family uses them (SQLite): one wizard step (POST the
answers, follow to the next screen) and the case page of a case with 22 tasks,
with the SQL queries of each page for a small and a large case.

    .venv/bin/python bench/portal_pages.py [--repeat 100]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import count_queries, run_with_repeat, timed


def main():
    run_with_repeat(__doc__, measure, repeat=100, name="portal_pages")


def measure(repeat):
    from django.test import Client

    from cases.constants import Scenario
    from demo.forms import seed_forms
    from demo.pages import seed_pages
    from tests.cases.helpers import complete_everything
    from tests.factories import (
        ALL_FLAGS,
        DemoRegistryPersonFactory,
        applicant_data,
        citizen,
        submitted_case,
    )
    from tests.portal.apply_helpers import DECEASED_ID, answer, deceased_step

    seed_pages()
    seed_forms()
    DemoRegistryPersonFactory(id_number=DECEASED_ID)
    client = Client()
    client.force_login(citizen("13912345678"))
    base = client.post("/apply/hospital/").url

    def step_round_trip():
        response = answer(client, base, "1", deceased_step())
        assert client.get(response.url).status_code == 200

    print(
        f"wizard step round trip (POST + next GET): {timed(step_round_trip, repeat) * 1000:7.2f} ms"
    )

    small = submitted_case(applicant=applicant_data(phone="13912345678"))
    large = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    tasks = large.tasks.count()
    url = f"/cases/{large.reference}/"
    case_page = timed(lambda: client.get(url), repeat)
    print(f"case page, {tasks} tasks:                     {case_page * 1000:7.2f} ms")
    small_queries = count_queries(client, f"/cases/{small.reference}/")
    print(
        f"case page queries: {small.tasks.count()} tasks -> {small_queries}, "
        f"{tasks} tasks -> {count_queries(client, url)}"
    )
    complete_everything(small)
    complete_everything(large)
    small_results = count_queries(client, f"/cases/{small.reference}/results/")
    large_results = count_queries(client, f"/cases/{large.reference}/results/")
    print(
        f"result list queries: {small.tasks.count()} lines -> {small_results}, "
        f"{tasks} lines -> {large_results}"
    )
    results_pdf = timed(lambda: client.get(f"/cases/{large.reference}/results.pdf"), 20)
    print(f"result list PDF, {tasks} lines:               {results_pdf * 1000:7.2f} ms")
    print(f"my cases queries: {count_queries(client, '/cases/')}")


if __name__ == "__main__":
    main()
