"""Every document is bounded before graphql-core validates it, for every
caller (issue 15, item 4): nested fragments cost seconds in graphql-core's
field-merging rule, so they must never reach it."""

import pytest

from api.allowlist import operations
from api.bounds import parse_bounded
from tests.factories import citizen

pytestmark = pytest.mark.django_db


def nested_fragments(levels, *, leaf="title"):
    """Each fragment spreads the one below it twice: 2^levels fields once expanded."""
    parts = [f"fragment F0 on ScenarioGuide {{ {leaf} }}"]
    for n in range(1, levels + 1):
        parts.append(f"fragment F{n} on ScenarioGuide {{ ...F{n - 1} ...F{n - 1} }}")
    return " ".join(parts) + f" {{ scenarioGuides {{ ...F{levels} }} }}"


def test_nested_fragments_are_refused_before_the_standard_rules_run(api):
    # The document also asks for a field that does not exist: graphql-core's
    # rules would name it. Only our bound answers, so they never ran.
    body = api(nested_fragments(12, leaf="noSuchField"), status=400)
    messages = [e["message"] for e in body["errors"]]
    assert [e["extensions"]["code"] for e in body["errors"]] == ["too_complex", "too_complex"]
    assert not any("noSuchField" in m for m in messages)
    assert any("4097" in m for m in messages)  # the fields, counted with their expansion
    assert any("8191" in m for m in messages)  # and the spreads


def test_twenty_levels_of_fragments_are_refused_as_too_deep(api):
    body = api(nested_fragments(20, leaf="noSuchField"), status=400)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["too_complex"]


def test_a_session_is_bounded_as_a_token_is(api, client):
    client.force_login(citizen("13912345678"))
    body = api(nested_fragments(30), status=400, HTTP_X_CSRFTOKEN=csrf(client))
    assert body["errors"][0]["extensions"]["code"] == "too_complex"


def csrf(client):
    client.get("/graphql/")
    return client.cookies["csrftoken"].value


def test_a_document_over_the_byte_limit_is_refused(api, settings):
    settings.GRAPHQL_MAX_QUERY_BYTES = 100
    body = api("{ scenarioGuides { title" + " " * 100 + "} }", status=400)
    assert body["errors"][0]["extensions"]["code"] == "too_complex"


def test_a_document_over_the_token_limit_is_refused(api, settings):
    settings.GRAPHQL_MAX_TOKENS = 20
    fields = " ".join(["title"] * 30)
    body = api("{ scenarioGuides { " + fields + " } }", status=400)
    assert body["errors"][0]["extensions"]["code"] == "too_complex"


def test_selections_nested_past_the_limit_are_refused(api, settings):
    settings.GRAPHQL_MAX_NESTING = 5
    body = api("{ a { b { c { d { e { f { g } } } } } } }", status=400)
    assert body["errors"][0]["extensions"]["code"] == "too_complex"


def test_fragment_spreads_are_counted_with_their_expansion(settings):
    settings.GRAPHQL_MAX_FRAGMENT_SPREADS = 10
    settings.GRAPHQL_MAX_FIELDS = 10**9
    _document, errors = parse_bounded(nested_fragments(3))  # 1+2+4+8 spreads
    assert [e.extensions["code"] for e in errors] == ["too_complex"]
    assert "15" in errors[0].message


def test_a_self_spreading_fragment_is_left_to_graphql_cores_rule(api):
    body = api("fragment A on ScenarioGuide { ...A } { scenarioGuides { ...A } }", status=400)
    assert "A" in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "invalid"


def test_every_listed_operation_is_within_the_bounds():
    for name, text in operations().values():
        _document, errors = parse_bounded(text)
        assert errors == [], name


def test_in_production_a_session_may_send_only_the_listed_operations(api, client, settings):
    settings.GRAPHQL_ALLOWLIST_ONLY = True
    client.force_login(citizen("13912345678"))
    body = api("{ myCases { reference } }", status=400, HTTP_X_CSRFTOKEN=csrf(client))
    assert body["errors"][0]["message"] == "此操作不在允许的操作清单中。"
