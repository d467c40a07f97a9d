"""The payee's agreement to deduct overpaid benefits, on the case page; what
is left to return, said once on the case page and the result list."""

import pytest

from cases.models import Overpayment
from cases.services import offsets
from tests.cases.helpers import complete_everything
from tests.factories import NO_FLAGS, applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def case():
    return submitted_case(flags=NO_FLAGS | {"pension": True}, applicant=applicant_data(phone=PHONE))


def test_the_case_page_asks_the_payee_once(family, case):
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/offset/" in page
    family.post(f"/cases/{case.reference}/offset/")
    case.refresh_from_db()
    assert case.offset_agreed_at is not None
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/offset/" not in page
    assert "您已同意" in page


def test_agreeing_needs_a_post(family, case):
    assert family.get(f"/cases/{case.reference}/offset/").status_code == 405
    case.refresh_from_db()
    assert case.offset_agreed_at is None


def test_another_family_cannot_agree(client, case):
    client.force_login(citizen("13800000000"))
    assert client.post(f"/cases/{case.reference}/offset/").status_code == 404
    case.refresh_from_db()
    assert case.offset_agreed_at is None


def test_what_is_left_to_return_is_said_on_the_case_page_and_the_result_list(family, case):
    complete_everything(case)
    r01 = case.tasks.get(matter_code="R01")
    Overpayment.objects.create(
        case=case,
        task=r01,
        department=r01.department,
        amount=3200,
        created_at=r01.completed_at,
        settled_at=r01.completed_at,
    )
    assert offsets.to_return(case)
    for url in (f"/cases/{case.reference}/", f"/cases/{case.reference}/results/"):
        page = family.get(url).content.decode()
        assert "3200" in page and "退回" in page, url


def test_the_result_list_says_what_was_paid_in_all(family, case):
    complete_everything(
        case,
        results={
            "R01": {"outcome": "done", "amount": "1000.00"},
            "R02": {"outcome": "done", "amount": "2500.50"},
        },
    )
    page = family.get(f"/cases/{case.reference}/results/").content.decode()
    assert "3500.50" in page
