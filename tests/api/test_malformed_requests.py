"""No request, however malformed, gets a 500: each is a 400 or 404 with a
message saying what is wrong (issue 15, item 5)."""

import json

import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"
GUIDES = "{ scenarioGuides { title } }"

MALFORMED = {
    "multipart without a boundary": (b"--x\r\n", "multipart/form-data"),
    "JSON nested 100,000 deep": ("[" * 100_000 + "]" * 100_000, JSON),
    "a query nested 100,000 deep": ('{"query": ' + "[" * 100_000 + "]" * 100_000 + "}", JSON),
    "a list inside a batch": (json.dumps([[GUIDES]]), JSON),
    "a number inside a batch": (json.dumps([{"query": GUIDES}, 5]), JSON),
    "a lone surrogate in the query": ('{"query": "' + GUIDES + '\\ud800"}', JSON),
    "a lone surrogate in a variable": (
        '{"query": "' + GUIDES + '", "variables": {"x": ["\\udc00"]}}',
        JSON,
    ),
    "the query as a number": (json.dumps({"query": 5}), JSON),
    "the query as a list": (json.dumps({"query": [GUIDES]}), JSON),
    "the query as true": (json.dumps({"query": True}), JSON),
    "variables as a list": (json.dumps({"query": GUIDES, "variables": [1]}), JSON),
    "variables as broken JSON text": (json.dumps({"query": GUIDES, "variables": "[1"}), JSON),
    "variables as JSON text of a list": (json.dumps({"query": GUIDES, "variables": "[1]"}), JSON),
    "the operation name as a number": (json.dumps({"query": GUIDES, "operationName": 5}), JSON),
    "a documentId as a list": (json.dumps({"documentId": ["x"]}), JSON),
    "a GraphQL body that is not UTF-8": (b"\xff\xfe{", "application/graphql"),
    "a JSON body that is not UTF-8": (b'{"query": "\xff"}', JSON),
}


@pytest.mark.parametrize("body,content_type", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_graphql_request_is_a_400_with_a_message(client, body, content_type):
    response = client.post("/graphql/", body, content_type=content_type)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["message"]
    assert error["extensions"]["code"] != "internal"


def test_a_serial_with_a_slash_is_explained_not_a_crash(client):
    response = client.post("/verify/", {"serial": "SH2026/../x"})
    assert response.status_code == 200
    assert "证书编号只包含字母和数字" in response.content.decode()


def test_a_serial_path_with_a_slash_is_not_found(client):
    assert client.get("/verify/SH2026%2F123/").status_code == 404
