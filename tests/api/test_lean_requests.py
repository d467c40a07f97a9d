"""A call with a bearer token skips the session machinery (cms/bearer.py):
no session, CSRF cookie or messages are made for it, and the token alone
says who is asking. Everything else keeps Django's own middleware."""

import json

import pytest
from auditlog.models import LogEntry

from cases.constants import Scenario
from tests.factories import ALL_FLAGS, UserFactory, applicant_data, citizen, submitted_case

from .conftest import app_token
from .operations import operation

pytestmark = pytest.mark.django_db

MY_CASES = "{ myCases { reference } }"


def post(client, query, token, variables=None, **extra):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        **extra,
    )


def test_a_bearer_call_opens_no_session_and_sets_no_cookie(client):
    response = post(client, MY_CASES, app_token(citizen("13912345678")))
    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "_messages")
    assert response.cookies == {}


def test_the_token_decides_who_asks_even_beside_a_session_cookie(client):
    family = citizen("13912345678")
    mine = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    client.force_login(UserFactory(is_staff=True))  # someone else's session cookie
    response = post(client, MY_CASES, app_token(family))
    assert response.json()["data"]["myCases"] == [{"reference": mine.display_reference}]


def test_a_bearer_call_needs_no_csrf_token(client):
    client.handler.enforce_csrf_checks = True
    response = post(client, MY_CASES, app_token(citizen("13912345678")))
    assert response.status_code == 200
    assert "errors" not in response.json()


def test_a_refused_token_is_still_refused(client):
    response = post(client, MY_CASES, "not-a-token")
    assert response.status_code == 401


def test_a_bearer_header_on_a_portal_page_changes_nothing(client):
    """Only the API's paths are lean: a page still gets its session and user."""
    response = client.get("/", HTTP_AUTHORIZATION="Bearer whatever")
    assert response.status_code == 200
    assert hasattr(response.wsgi_request, "session")
    assert not response.wsgi_request.user.is_authenticated


def test_a_session_call_to_the_api_still_needs_its_csrf_token(client):
    client.handler.enforce_csrf_checks = True
    client.force_login(citizen("13912345678"))
    response = client.post(
        "/graphql/", json.dumps({"query": MY_CASES}), content_type="application/json"
    )
    assert response.status_code == 403


def test_a_change_through_a_bearer_call_still_carries_the_requests_correlation_id(client):
    """The audit middleware still runs: every entry of the call names it."""
    family = citizen("13912345678")
    case = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    before = LogEntry.objects.count()
    response = post(
        client,
        operation("WithdrawCase"),
        app_token(family),
        {"reference": case.reference, "reason": "改为线下办理"},
        HTTP_X_CORRELATION_ID="call-7f3a",
    )
    assert "errors" not in response.json(), response.content
    entries = LogEntry.objects.order_by("pk")[before:]
    assert entries, "the withdrawal changed rows and logged them"
    assert {entry.cid for entry in entries} == {"call-7f3a"}
