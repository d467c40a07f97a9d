"""Fuzzing the API (issue 15, item 5): documents generated from the exported
schema (hypothesis-graphql), valid and invalid, and arbitrary JSON bodies.
Whatever arrives, the answer is never a 5xx."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema

from graphql import StringValueNode
from tests.factories import citizen

pytestmark = pytest.mark.django_db

SCHEMA = (Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql").read_text()
SCALARS = {
    "DateTime": st.datetimes().map(lambda d: StringValueNode(value=d.isoformat())),
    "Date": st.dates().map(lambda d: StringValueNode(value=d.isoformat())),
}
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def post(client, body, **headers):
    return client.post("/graphql/", body, content_type="application/json", **headers)


@pytest.fixture
def signed_in(client):
    client.force_login(citizen("13912345678"))
    client.get("/graphql/")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


@FUZZ
@given(document=from_schema(SCHEMA, custom_scalars=SCALARS))
def test_documents_from_the_schema_never_get_a_5xx(client, signed_in, document):
    response = post(client, json.dumps({"query": document}), **signed_in)
    assert response.status_code < 500, response.content[:300]


@FUZZ
@given(document=from_schema(SCHEMA, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_invalid_documents_from_the_schema_are_refused_not_crashed(client, document):
    response = post(client, json.dumps({"query": document}))
    assert response.status_code < 500, response.content[:300]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["query", "variables", "operationName", "documentId", "id"])
            | st.text(),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@FUZZ
@given(body=JSON_VALUES)
def test_any_json_body_gets_a_4xx_or_an_answer_never_a_5xx(client, body):
    response = post(client, json.dumps(body))
    assert response.status_code < 500, response.content[:300]


@FUZZ
@given(body=st.binary(max_size=200))
def test_any_bytes_get_a_4xx_or_an_answer_never_a_5xx(client, body):
    response = post(client, body)
    assert response.status_code < 500, response.content[:300]
