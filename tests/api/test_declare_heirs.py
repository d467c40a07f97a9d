"""The applicant declares the heirs and the payee from the app: the same
service as the portal's heirs page."""

import pytest

from cases.models import DelegationStatus
from tests.factories import applicant_data, citizen, heir_data, submitted_case

from .conftest import app_token
from .operations import operation

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
ACCOUNT = "6222020200112733445"


@pytest.fixture
def app(api):
    api.token = app_token(citizen(PHONE))
    return api


@pytest.fixture
def pension_case():
    return submitted_case(
        flags={"pension": True},
        applicant=applicant_data(phone=PHONE, bank_account="6222021234767890"),
    )


def heir_input(heir):
    return {
        "name": heir.name,
        "relationship": heir.relationship,
        "idNumber": heir.id_number,
        "phone": heir.phone,
        "online": heir.online,
    }


def declare(app, case, *heirs, payee_name="王小明", account=ACCOUNT, version=None):
    form = app(operation("HeirsForm"), {"reference": case.display_reference})
    result = app(
        operation("DeclareHeirs"),
        {
            "reference": case.display_reference,
            "heirs": [heir_input(h) for h in heirs],
            "payeeName": payee_name,
            "payeeAccount": account,
            "declarationVersion": version or form["data"]["heirsForm"]["declarationVersion"],
        },
    )
    assert "errors" not in result, result
    return result["data"]["declareHeirs"]


def test_the_form_offers_the_account_given_when_applying(app, pension_case):
    form = app(operation("HeirsForm"), {"reference": pension_case.display_reference})
    assert form["data"]["heirsForm"]["payeeAccount"] == "6222021234767890"
    assert form["data"]["heirsForm"]["payeeName"] == "王小明"
    assert [r["value"] for r in form["data"]["heirsForm"]["relationships"]] == [
        "spouse",
        "child",
        "parent",
    ]


def test_the_applicant_declares_two_heirs_and_each_is_asked(app, pension_case, empty_sms_outbox):
    result = declare(app, pension_case, heir_data(1), heir_data(2))
    assert result["saved"] is True and result["errors"] == []
    declaration = pension_case.heir_declarations.get()
    assert declaration.payee_account == ACCOUNT
    assert set(declaration.delegations.values_list("status", flat=True)) == {
        DelegationStatus.PENDING
    }
    assert {m["to"] for m in empty_sms_outbox} >= {heir_data(1).phone, heir_data(2).phone}


def test_the_declared_list_is_what_the_form_shows_next_time(app, pension_case):
    declare(app, pension_case, heir_data(1))
    form = app(operation("HeirsForm"), {"reference": pension_case.display_reference})
    assert [h["name"] for h in form["data"]["heirsForm"]["heirs"]] == [heir_data(1).name]


def test_a_refused_row_comes_back_keyed_by_row_and_field(app, pension_case):
    result = declare(app, pension_case, heir_data(1), heir_data(2, phone="123"))
    assert result["saved"] is False
    assert [e["question"] for e in result["errors"]] == ["heirs.1.phone"]
    assert not pension_case.heir_declarations.exists()


def test_without_agreeing_to_the_declaration_nothing_is_saved(app, pension_case):
    result = declare(app, pension_case, heir_data(1), version="not-the-text")
    assert [e["question"] for e in result["errors"]] == ["consent"]


def test_a_case_that_pays_no_money_has_no_heirs_to_declare(app):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    result = app(operation("HeirsForm"), {"reference": case.display_reference})
    assert result["errors"][0]["extensions"]["code"] == "refused"


def test_someone_elses_case_is_not_found(api, pension_case):
    api.token = app_token(citizen("13700000000"))
    result = api(operation("HeirsForm"), {"reference": pension_case.display_reference})
    assert result["errors"][0]["extensions"]["code"] == "not_found"
