"""The sharing interface's published contract (api/contracts/
sharing-v1.openapi.json) is what is served: every path answers, every
answer validates against its schema, and the scopes are the purposes."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.urls import resolve

from cases.models import SharingScope
from cases.services import sharing
from tests.api.test_sharing import bearer
from tests.cases.helpers import complete_everything
from tests.factories import ReceivingBodyFactory, declared_case

pytestmark = pytest.mark.django_db

SPEC = json.loads(
    (Path(__file__).resolve().parents[2] / "api/contracts/sharing-v1.openapi.json").read_text()
)


def validate(answer, ref):
    schema = {"$ref": ref, "components": SPEC["components"]}
    jsonschema.Draft202012Validator(schema).validate(answer)


def test_the_scopes_of_the_contract_are_the_purposes():
    flow = SPEC["components"]["securitySchemes"]["clientCredentials"]["flows"]
    scopes = set(flow["clientCredentials"]["scopes"])
    assert scopes == set(SharingScope.values) == set(settings.OAUTH2_PROVIDER["SCOPES"])


def test_every_path_of_the_contract_is_served_and_every_purpose_has_one():
    served = set()
    for path in SPEC["paths"]:
        match = resolve(path.replace("{reference}", "7K3M-Q9XP-4"))
        assert match.url_name == "sharing"
        served.add(match.kwargs["scope"])
    assert served == set(SharingScope.values)


@pytest.fixture
def shared_case():
    case, _declaration = declared_case(heirs=2)
    complete_everything(case)
    body = ReceivingBodyFactory()
    sharing.grant(case, body, SharingScope.values, actor=None)
    return case, body


def test_each_answer_validates_against_its_schema(client, shared_case):
    case, body = shared_case
    for path, item in SPEC["paths"].items():
        operation = item["get"]
        (scope,) = operation["security"][0]["clientCredentials"]
        answer = client.get(
            path.replace("{reference}", case.display_reference),
            HTTP_AUTHORIZATION=f"Bearer {bearer(client, body, scope)}",
        )
        assert answer.status_code == 200, path
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        validate(answer.json(), schema["$ref"])


def test_the_certificates_carry_what_the_contract_promises(client, shared_case):
    case, body = shared_case
    answer = client.get(
        f"/share/v1/cases/{case.display_reference}/certificates/",
        HTTP_AUTHORIZATION=f"Bearer {bearer(client, body, 'certificates')}",
    ).json()
    assert answer["certificates"] and all(c["valid"] for c in answer["certificates"])


def test_the_refusals_validate_against_the_error_schema(client, shared_case):
    case, body = shared_case
    unknown = client.get(
        "/share/v1/cases/7K3M-Q9XP-4/death-facts/",
        HTTP_AUTHORIZATION=f"Bearer {bearer(client, body, 'death-facts')}",
    )
    no_token = client.get(f"/share/v1/cases/{case.display_reference}/death-facts/")
    for answer, status in ((unknown, 404), (no_token, 401)):
        assert answer.status_code == status
        validate(answer.json(), "#/components/schemas/Error")
