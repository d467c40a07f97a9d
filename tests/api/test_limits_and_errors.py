"""What one request may ask, and what an error may say."""

import datetime
import json

import pytest

from api.models import ApiToken
from tests.factories import citizen

pytestmark = pytest.mark.django_db


def test_a_query_deeper_than_the_limit_is_refused(api, settings):
    settings.GRAPHQL_MAX_DEPTH = 1
    body = api("{ myCases { tasks { matter } } }", status=400)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_an_alias_flood_is_refused(api):
    aliases = " ".join(f"a{n}: scenarioGuides {{ title }}" for n in range(50))
    body = api("{ " + aliases + " }", status=400)
    assert body["errors"][0]["message"] == "查询使用了 50 个别名，最多允许 15 个。"


def test_fields_repeated_through_a_fragment_count_each_time(api, settings):
    settings.GRAPHQL_MAX_FIELDS = 30
    spreads = " ".join(f"g{n}: scenarioGuides {{ ...G }}" for n in range(10))
    query = "fragment G on ScenarioGuide { title summary url scenario } { " + spreads + " }"
    settings.GRAPHQL_MAX_ALIASES = 100
    body = api(query, status=400)
    assert body["errors"][0]["message"] == "查询包含 50 个字段，最多允许 30 个。"


def test_a_batch_of_100_is_refused_whole(client):
    batch = [{"query": "{ scenarioGuides { title } }"}] * 100
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "batch_too_large"


def test_a_small_batch_is_answered_in_order(client):
    batch = [{"query": "{ scenarioGuides { title } }", "id": n} for n in range(3)]
    response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()] == [0, 1, 2]


def test_an_undefined_fragment_is_a_400_not_a_crash(api):
    body = api("{ scenarioGuides { ...Missing } }", status=400)
    assert "Unknown fragment" in body["errors"][0]["message"]


def test_introspection_can_be_switched_off(api, settings):
    settings.GRAPHQL_INTROSPECTION = False
    body = api("{ __schema { types { name } } }", status=400)
    assert "introspection" in body["errors"][0]["message"].lower()


def test_a_crash_in_a_resolver_says_nothing_about_its_insides(api, monkeypatch, caplog):
    from api import schema as api_schema

    leaked = "SELECT secret FROM cases_person WHERE id_number = " + "3305" + "02"  # noqa: S608

    def broken(*args, **kwargs):
        raise RuntimeError(leaked)

    monkeypatch.setattr(api_schema.ScenarioGuidePage.objects, "live", broken)
    body = api("{ scenarioGuides { title } }")
    error = body["errors"][0]
    assert error["extensions"]["code"] == "internal"
    assert "SELECT" not in json.dumps(body)
    assert "Traceback" not in json.dumps(body)
    assert "330502" not in caplog.text  # the message, with its data, is not logged either
    assert "RuntimeError" in caplog.text


def test_a_mutation_cannot_be_sent_with_get(client):
    response = client.get("/graphql/", {"query": "mutation { revokeToken { ok } }"})
    assert response.status_code == 405


def test_a_syntax_error_says_where(api):
    body = api("{ scenarioGuides { title ", status=400)
    assert "Syntax Error" in body["errors"][0]["message"]
    assert body["errors"][0]["locations"]


def test_an_unknown_field_is_named(api):
    body = api("{ myCases { secretField } }", status=400)
    assert "secretField" in body["errors"][0]["message"]


def test_tokens_listed_in_the_admin_never_show_the_key(api):
    ApiToken.issue(citizen(), ApiToken.Kind.APP, datetime.timedelta(days=1))
    assert len(ApiToken.objects.get().key_hash) == 64


def test_a_body_that_is_not_json_is_refused_with_a_message(client):
    response = client.post("/graphql/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "bad_request"
