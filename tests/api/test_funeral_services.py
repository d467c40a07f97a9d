"""Funeral services in the app: the published list with what the county
waives, the choice and its bill; the same service as the case page."""

import pytest

from cases.models import Case, FuneralBill
from tests.api.operations import operation
from tests.factories import (
    AreaFactory,
    FeeItemFactory,
    FeeListFactory,
    FeeWaiverFactory,
    applicant_data,
    submitted_case,
)

pytestmark = pytest.mark.django_db

SERVICES = operation("FuneralServices")
CHOOSE = operation("ChooseFuneralServices")


@pytest.fixture
def fee_list():
    FeeWaiverFactory(service="cremation")
    return FeeListFactory()


@pytest.fixture
def case():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    return case


def test_the_app_reads_the_list_chooses_and_gets_the_bill(api, family_token, case, fee_list):
    body = api(SERVICES, {"reference": case.reference}, token=family_token)["data"]["case"]
    (home,) = body["funeralHomes"]
    fees = {fee["name"]: fee for fee in home["fees"]}
    assert fees["遗体火化"]["waivedUpTo"] == "480.00" and fees["小型告别厅"]["waivedUpTo"] is None
    assert fees["遗体冷藏"]["most"] == 30
    services = [
        {"feeId": fees["遗体火化"]["id"], "quantity": 1},
        {"feeId": fees["小型告别厅"]["id"], "quantity": 1},
    ]
    answer = api(
        CHOOSE,
        {"reference": case.reference, "homeId": home["id"], "services": services},
        token=family_token,
    )
    bill = answer["data"]["chooseFuneralServices"]["case"]["funeralBill"]
    assert (bill["total"], bill["waived"], bill["familyPays"]) == ("1080.00", "480.00", "600.00")


def test_a_fee_off_the_homes_list_is_refused(api, family_token, case, fee_list):
    other = FeeItemFactory(name_zh="豪华灵车", price=2000)
    answer = api(
        CHOOSE,
        {
            "reference": case.reference,
            "homeId": str(fee_list.home.pk),
            "services": [{"feeId": str(other.pk), "quantity": 1}],
        },
        token=family_token,
    )
    assert answer["errors"][0]["extensions"]["code"] == "invalid"
    assert "公布的收费标准" in answer["errors"][0]["message"]
    assert not FuneralBill.objects.exists()
