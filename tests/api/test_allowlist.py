"""In production, app and hotline tokens send only the listed operations."""

import json

import pytest

from api.allowlist import operation_hash, operations
from api.limits import validate_document
from api.schema import schema
from graphql import parse
from tests.factories import applicant_data, citizen, submitted_case

from .conftest import app_token

pytestmark = pytest.mark.django_db

CASE_STATUS = operations()[
    next(h for h, (name, _text) in operations().items() if name == "CaseStatus")
]


@pytest.fixture
def production(settings):
    settings.GRAPHQL_ALLOWLIST_ONLY = True


def test_every_listed_operation_is_valid_against_the_schema():
    assert {name for name, _text in operations().values()} >= {
        "MyCases",
        "CaseStatus",
        "Guidance",
        "RequestLoginCode",
        "VerifyLoginCode",
        "RevokeToken",
        "AnswerMaterialsRequest",
        "HotlineLookup",
    }
    for name, text in operations().values():
        assert validate_document(schema.graphql_schema, parse(text)) == [], name


def test_a_token_sending_an_unlisted_query_is_refused(api, production, family_token):
    body = api("{ myCases { reference } }", token=family_token, status=400)
    assert body["errors"][0]["message"] == "此操作不在允许的操作清单中。"


def test_a_token_sending_a_listed_query_is_answered(api, production, family_token):
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    body = api(CASE_STATUS[1], {"reference": case.reference}, token=family_token)
    assert body["data"]["case"]["reference"] == case.display_reference


def test_a_listed_operation_can_be_sent_by_its_hash(client, production):
    user = citizen("13912345678")
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "documentId": operation_hash(CASE_STATUS[1]),
                "variables": {"reference": case.reference},
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {app_token(user)}",
    )
    assert response.json()["data"]["case"]["reference"] == case.display_reference


def test_an_unknown_hash_is_refused(client, production):
    response = client.post(
        "/graphql/", json.dumps({"documentId": "0" * 64}), content_type="application/json"
    )
    assert response.status_code == 400


def test_anonymous_app_requests_are_held_to_the_list_too(api, production):
    body = api("{ scenarioGuides { title } }", status=400)
    assert body["errors"][0]["message"] == "此操作不在允许的操作清单中。"
