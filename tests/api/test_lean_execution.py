"""The API's executor takes a short way for leaf fields (api/execution.py):
every answer and every error stays the one graphql-core's own executor
gives, and the fields the short way takes no longer go through graphql-core's
per-field machinery."""

import json

import graphene
import pytest
from django.test import RequestFactory

from api.auth import authenticate_bearer
from api.execution import LeanExecutionContext
from api.schema import schema as api_schema
from cases.constants import TaskStatus
from cases.services.tasks import accept_task, request_materials
from graphql import ExecutionContext, execute, parse
from tests.api.operations import operation
from tests.cases.helpers import complete
from tests.factories import UserFactory, applicant_data, submitted_case

PHONE = "13912345678"


def _both(schema, document, **options):
    """(lean, stock) results of one document, as JSON-ready dictionaries."""
    return tuple(
        execute(schema, document, execution_context_class=context, **options).formatted
        for context in (LeanExecutionContext, ExecutionContext)
    )


def _family_request(family_token):
    request = RequestFactory().post("/graphql/", HTTP_AUTHORIZATION=f"Bearer {family_token}")
    authenticate_bearer(request)
    return request


@pytest.fixture
def case_in_every_state(db):
    """A case whose tasks show every kind of value: done with a result and a
    certificate, waiting on the family with a message, waiting on earlier
    matters, ready."""
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(case, "BD01", "H01")
    clerk = UserFactory(is_staff=True)
    asked = accept_task(case.tasks.filter(status=TaskStatus.READY).first(), actor=clerk)
    request_materials(asked, actor=clerk, message="请补充银行账号")
    return case


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["CaseStatus", "MyCases"])
def test_a_familys_status_reads_the_same_as_with_graphql_cores_executor(
    name, case_in_every_state, family_token
):
    document = parse(operation(name))
    lean, stock = _both(
        api_schema.graphql_schema,
        document,
        context_value=_family_request(family_token),
        variable_values={"reference": case_in_every_state.reference},
    )
    assert "errors" not in lean
    assert json.dumps(lean, sort_keys=True) == json.dumps(stock, sort_keys=True)
    if name == "CaseStatus":  # the answer holds the whole case, not an empty shell
        answer = lean["data"]["case"]
        assert answer["certificates"] and answer["needsFromFamily"]
        assert {"done", "needs_you", "waiting"} <= {t["familyState"] for t in answer["tasks"]}


class Thing(graphene.ObjectType):
    name = graphene.String(required=True)
    count = graphene.Int()
    label = graphene.String(required=True)
    note = graphene.String()
    made = graphene.Boolean(required=True)

    def resolve_label(root, info):
        if root.get("label") == "raise":
            raise ValueError("the label could not be read")
        return root.get("label")

    def resolve_note(root, info):
        return root.get("note")

    def resolve_made(root, info):
        return root.get("made")


class Query(graphene.ObjectType):
    things = graphene.List(Thing)

    def resolve_things(root, info):
        return [
            {"name": "good", "count": 3, "label": "a", "note": "n", "made": True},
            {"name": None, "count": 1, "label": "b", "note": None, "made": False},
            {"name": "bad count", "count": "many", "label": "c", "note": None, "made": True},
            {"name": "bad label", "count": None, "label": "raise", "note": None, "made": True},
            {"name": "null label", "count": 2, "label": None, "note": None, "made": True},
            {"name": "no made", "count": 2, "label": "d", "note": ValueError("x"), "made": None},
        ]


TEST_SCHEMA = graphene.Schema(query=Query).graphql_schema
THINGS = parse("{ things { name count label note made alias: name } }")


def test_nulls_bad_values_and_raised_errors_are_reported_as_graphql_core_reports_them():
    lean, stock = _both(TEST_SCHEMA, THINGS)
    assert lean == stock
    assert lean["data"]["things"][0] == {
        "name": "good",
        "count": 3,
        "label": "a",
        "note": "n",
        "made": True,
        "alias": "good",
    }
    # A non-null field's null nulls its object; the others are errors of their own.
    assert lean["data"]["things"][1] is None
    assert lean["data"]["things"][2]["count"] is None
    paths = {tuple(error["path"]) for error in lean["errors"]}
    assert ("things", 1, "name") in paths
    assert ("things", 2, "count") in paths
    assert ("things", 3, "label") in paths
    assert ("things", 5, "note") in paths


def test_a_middleware_still_sees_every_field():
    seen = {LeanExecutionContext: [], ExecutionContext: []}

    def recording(context):
        def middleware(next_, root, info, **args):
            seen[context].append(tuple(info.path.as_list()))
            return next_(root, info, **args)

        return middleware

    for context in seen:
        execute(
            TEST_SCHEMA, THINGS, execution_context_class=context, middleware=[recording(context)]
        )
    assert seen[LeanExecutionContext] == seen[ExecutionContext]
    assert ("things", 0, "name") in seen[LeanExecutionContext]


def test_leaf_fields_skip_graphql_cores_per_field_execution(monkeypatch):
    executed = []
    original = ExecutionContext.execute_field

    def counting(self, parent_type, source, field_nodes, path):
        executed.append(tuple(path.as_list()))
        return original(self, parent_type, source, field_nodes, path)

    monkeypatch.setattr(ExecutionContext, "execute_field", counting)
    things = parse("{ things { count note } }")  # nullable: no error stops an object
    execute(TEST_SCHEMA, things, execution_context_class=ExecutionContext)
    assert len(executed) == 1 + 6 * 2
    executed.clear()
    execute(TEST_SCHEMA, things, execution_context_class=LeanExecutionContext)
    assert executed == [("things",)]  # the list; its leaves took the short way


@pytest.mark.django_db
def test_the_api_view_runs_the_lean_executor(api, family_token, monkeypatch):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    contexts = []
    original = LeanExecutionContext.execute_fields

    def noting(self, *args):
        contexts.append(type(self))
        return original(self, *args)

    monkeypatch.setattr(LeanExecutionContext, "execute_fields", noting)
    body = api(operation("CaseStatus"), {"reference": case.reference}, token=family_token)
    assert body["data"]["case"]["reference"] == case.display_reference
    assert contexts and set(contexts) == {LeanExecutionContext}
