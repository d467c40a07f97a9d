"""The banks' statements of the months before the death in the app: asked
for with requestStatements, downloaded with the app's token; the same
service as the case page."""

from decimal import Decimal

import pytest

from cases.models import AuditEvent, AuditEventKind
from cases.services import workbench
from tests.api.operations import operation
from tests.cases.helpers import complete, declare_sole_heir
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db

MONEY = operation("Money")
REQUEST = operation("RequestStatements")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def deposit():
    bank = DepartmentFactory(bank=True, name_zh="湖州银行")
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=ALL_FLAGS, banks=[bank.code]
    )
    case = submitted_case(deceased=deceased_data(1), flags=ALL_FLAGS)
    declare_sole_heir(case)
    complete(case, "H01", "P02")
    return case.tasks.get(matter_code="B01")


def test_the_app_asks_once_and_downloads_the_statement(api, client, family_token, deposit):
    reference = deposit.case.reference
    body = api(MONEY, {"reference": reference}, token=family_token)
    assert body["data"]["case"]["mayRequestStatements"] is True
    asked = api(REQUEST, {"reference": reference}, token=family_token)["data"]
    case = asked["requestStatements"]["case"]
    assert case["statementsRequestedAt"] and case["mayRequestStatements"] is False
    assert case["bankStatements"] == [
        {
            "bank": "湖州银行",
            "state": "COMING",
            "periodStart": None,
            "periodEnd": None,
            "downloadUrl": None,
        }
    ]
    clerk = department_member(deposit.department.code)
    workbench.perform(
        "complete",
        deposit,
        clerk,
        {"found": True, "deposits": Decimal("100"), "account": "", "statement": PDF},
    )
    (row,) = api(MONEY, {"reference": reference}, token=family_token)["data"]["case"][
        "bankStatements"
    ]
    assert row["state"] == "SENT" and row["periodEnd"] == deposit.case.death_day.isoformat()
    response = client.get(row["downloadUrl"], HTTP_AUTHORIZATION=f"Bearer {family_token}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(kind=AuditEventKind.STATEMENT_DOWNLOADED).count() == 1


def test_without_a_token_the_statement_is_not_given(client, deposit):
    response = client.get("/statements/1.pdf")
    assert response.status_code == 404
