"""Overpaid benefits in the app: the same service as the case page."""

import pytest

from tests.api.operations import operation
from tests.factories import NO_FLAGS, applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

MONEY = operation("Money")
AGREE = operation("AgreeOffset")


@pytest.fixture
def case():
    return submitted_case(
        flags=NO_FLAGS | {"pension": True}, applicant=applicant_data(phone="13912345678")
    )


def test_the_app_is_asked_and_agrees_once(api, family_token, case):
    body = api(MONEY, {"reference": case.reference}, token=family_token)
    assert body["data"]["case"]["mayAgreeOffset"] is True
    body = api(AGREE, {"reference": case.reference}, token=family_token)
    agreed = body["data"]["agreeOffset"]["case"]
    assert agreed["offsetAgreedAt"] and agreed["mayAgreeOffset"] is False
    again = api(AGREE, {"reference": case.reference}, token=family_token)
    assert again["errors"][0]["extensions"]["code"] == "invalid"


def test_another_familys_case_is_not_found(api, case):
    from tests.api.conftest import app_token

    body = api(AGREE, {"reference": case.reference}, token=app_token(citizen("13800000009")))
    assert body["errors"][0]["extensions"]["code"] == "not_found"
