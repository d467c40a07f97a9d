"""Citizens read their own cases; nobody else's, whatever they try."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import Scenario
from tests.api.operations import operation
from tests.factories import ALL_FLAGS, applicant_data, citizen, submitted_case

from .conftest import app_token, hotline_token

pytestmark = pytest.mark.django_db

CASE = operation("CaseStatus")
MY_CASES = operation("MyCases")


def test_a_family_reads_its_case_with_every_task(api, family_token):
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    data = api(CASE, {"reference": case.display_reference}, token=family_token)["data"]["case"]
    assert data["reference"] == case.display_reference
    assert {t["matterCode"] for t in data["tasks"]} == set(
        case.tasks.values_list("matter_code", flat=True)
    )
    bd01 = next(t for t in data["tasks"] if t["matterCode"] == "BD01")
    assert bd01["department"] == "大数据发展管理局"


def test_english_names_when_the_app_asks_for_english(api, family_token):
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    data = api(CASE, {"reference": case.reference}, token=family_token, HTTP_ACCEPT_LANGUAGE="en")[
        "data"
    ]["case"]
    bd01 = next(t for t in data["tasks"] if t["matterCode"] == "BD01")
    assert bd01["department"] == "Big Data Bureau"


def test_another_familys_case_gives_the_same_error_as_an_unknown_one(api, family_token):
    theirs = submitted_case(applicant=applicant_data(phone="13800000000"))
    forbidden = api(CASE, {"reference": theirs.reference}, token=family_token)
    unknown = api(CASE, {"reference": "AAAA-AAAA-A"}, token=family_token)
    assert forbidden["data"]["case"] is None
    assert forbidden["errors"][0]["message"] == unknown["errors"][0]["message"]
    assert forbidden["errors"][0]["extensions"] == unknown["errors"][0]["extensions"]


def test_my_cases_lists_only_the_familys_cases(api, family_token):
    mine = submitted_case(applicant=applicant_data(phone="13912345678"))
    submitted_case(applicant=applicant_data(phone="13800000000"))
    data = api(MY_CASES, token=family_token)["data"]["myCases"]
    assert [c["reference"] for c in data] == [mine.display_reference]


def test_a_hotline_token_cannot_read_cases_as_a_citizen(api):
    body = api(MY_CASES, token=hotline_token())
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_the_portal_session_reads_cases_too(client, api):
    user = citizen("13912345678")
    submitted_case(applicant=applicant_data(phone="13912345678"))
    client.force_login(user)
    client.get("/graphql/")  # sets the CSRF cookie, as the portal page would
    csrf = client.cookies["csrftoken"].value
    body = api(MY_CASES, HTTP_X_CSRFTOKEN=csrf)
    assert len(body["data"]["myCases"]) == 1


def test_a_session_request_without_the_csrf_token_is_refused(api, client):
    client.force_login(citizen("13912345678"))
    client.handler.enforce_csrf_checks = True
    api(MY_CASES, status=403)


def test_my_cases_runs_a_fixed_number_of_queries_whatever_the_number_of_cases(api):
    user = citizen("13912345678")
    key = app_token(user)
    submitted_case(Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678"))

    def count():
        with CaptureQueriesContext(connection) as captured:
            body = api(MY_CASES, token=key)
        assert "errors" not in body
        return len(captured), len(body["data"]["myCases"])

    count()  # the token's first use is recorded once
    one = count()
    for _n in range(19):
        submitted_case(
            Scenario.HOSPITAL,
            ALL_FLAGS,
            applicant=applicant_data(phone="13912345678"),
        )
    twenty = count()
    assert twenty[1] == 20
    assert one[0] == twenty[0]
    assert twenty[0] <= 8


def test_the_apps_language_lasts_one_request(api, family_token):
    """An English request leaves the thread in Chinese: whatever it does next
    (the next request, a text sent inline) speaks the platform's language."""
    from django.utils import translation

    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    api(CASE, {"reference": case.reference}, token=family_token, HTTP_ACCEPT_LANGUAGE="en")
    assert translation.get_language() == "zh-hans"


def test_the_app_names_the_familys_funeral_assistant(api, family_token):
    from tests.factories import (
        AreaFactory,
        DemoRegistryPersonFactory,
        FuneralAssistantFactory,
        deceased_data,
        resident_id,
    )

    village = AreaFactory()
    FuneralAssistantFactory(villages=[village], name="周协理", phone="13600001234")
    DemoRegistryPersonFactory(id_number=resident_id(1), hukou_area_code=village.code)
    case = submitted_case(deceased=deceased_data(1), applicant=applicant_data(phone="13912345678"))
    data = api(CASE, {"reference": case.display_reference}, token=family_token)["data"]["case"]
    assert data["assistant"] == {"name": "周协理", "phone": "13600001234"}
