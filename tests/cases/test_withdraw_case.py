"""The family withdraws a case (issue 16, item 4): until money is paid,
from the case page, asked once; open tasks close, the departments' systems
are told to stop, the family is texted."""

import pytest
from django.core.exceptions import ValidationError

from cases.constants import CaseStatus, TaskStatus
from cases.services.withdrawal import withdraw_case
from tests.factories import applicant_data, citizen, declared_case, submitted_case

from .helpers import complete, task

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(phone=PHONE))


def test_withdrawing_closes_every_open_task_and_keeps_what_is_done(case, empty_sms_outbox):
    complete(case, "BD01")
    withdraw_case(case, actor=None, reason="家属决定自行办理")
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert task(case, "BD01").status == TaskStatus.COMPLETED
    assert task(case, "H01").status == TaskStatus.NOT_APPLICABLE
    assert task(case, "H01").reason == "家属决定自行办理"
    assert "已撤回" in empty_sms_outbox[-1]["text"]


def test_once_money_is_paid_the_case_cannot_be_withdrawn_here():
    from tests.delegations.helpers import ready_for_payment

    case, _declaration = declared_case(heirs=0)  # the applicant is the only heir
    ready_for_payment(case)
    complete(case, "R02")  # the funeral subsidy is paid
    with pytest.raises(ValidationError, match="12345"):
        withdraw_case(case, actor=None, reason="")
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_the_family_withdraws_from_the_case_page_asked_once(client, case, empty_sms_outbox):
    client.force_login(citizen(PHONE))
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/withdraw/" in page
    confirm = client.get(f"/cases/{case.reference}/withdraw/")
    assert "各部门" in confirm.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS  # looking is not withdrawing
    response = client.post(f"/cases/{case.reference}/withdraw/", {"reason": "改为线下办理"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert f"/cases/{case.reference}/withdraw/" not in page


def test_another_family_cannot_withdraw_it(client, case):
    client.force_login(citizen("13800000009"))
    assert client.post(f"/cases/{case.reference}/withdraw/").status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_a_withdrawn_task_waits_for_nothing_any_more():
    case = submitted_case()
    complete(case, "BD01", "H01", "C01")
    assert task(case, "C02").paused_since is not None  # waiting for the cremation
    withdraw_case(case, actor=None, reason="家属决定自行办理")
    closed = task(case, "C02")
    assert (closed.status, closed.paused_since, closed.pause_reason) == ("not_applicable", None, "")
