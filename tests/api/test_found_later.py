"""补办 in the app: the same service as the portal."""

import pytest

from cases.constants import CaseStatus
from tests.api.operations import operation
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

CHOICES = operation("FoundLater")
ADD = operation("AddFoundLater")


@pytest.fixture
def completed_case():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete_everything(case)
    return case


def test_the_app_lists_what_may_be_added(api, family_token, completed_case):
    body = api(CHOICES, {"reference": completed_case.reference}, token=family_token)
    items = {c["item"]: c["matters"] for c in body["data"]["case"]["foundLaterChoices"]}
    assert items["bank_accounts"] == ["已故存款人存款查询及小额提取"]


def test_the_app_adds_a_bank_found_later(api, family_token, completed_case):
    body = api(
        ADD, {"reference": completed_case.reference, "item": "bank_accounts"}, token=family_token
    )
    case = body["data"]["addFoundLater"]["case"]
    assert case["status"] == CaseStatus.IN_PROGRESS
    assert "B01" in [t["matterCode"] for t in case["tasks"]]


def test_something_already_in_the_case_is_a_validation_error(api, family_token, completed_case):
    variables = {"reference": completed_case.reference, "item": "commercial_insurance"}
    api(ADD, variables, token=family_token)
    body = api(ADD, variables, token=family_token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    assert completed_case.tasks.filter(matter_code="B02").count() == 1


def test_another_familys_case_is_not_found(api, completed_case):
    from tests.api.conftest import app_token

    body = api(
        ADD,
        {"reference": completed_case.reference, "item": "bank_accounts"},
        token=app_token(citizen("13800000009")),
    )
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    assert not completed_case.tasks.filter(found_later=True).exists()
