"""补办 by phone: a 12345 agent adds what the caller found later to the
case they have just answered the caller about — and to no other."""

import pytest

from cases.constants import CaseStatus
from cases.models import HotlineAccess
from tests.api.conftest import hotline_agent
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, submitted_case
from tests.staff import staff_login

pytestmark = pytest.mark.django_db

CALLER = "13912345678"


@pytest.fixture
def completed_case():
    case = submitted_case(applicant=applicant_data(phone=CALLER))
    complete_everything(case)
    return case


def _look_up(client, case, caller=CALLER):
    return client.post(
        "/admin/hotline/", {"caller_phone": caller, "reference": case.display_reference}
    )


def test_the_answer_offers_to_add_what_the_caller_found(client, completed_case):
    staff_login(client, hotline_agent())
    page = _look_up(client, completed_case).content.decode()
    assert 'value="bank_accounts"' in page


def test_the_agent_adds_a_bank_after_answering_the_caller(client, completed_case):
    staff_login(client, hotline_agent())
    _look_up(client, completed_case)
    response = client.post(
        "/admin/hotline/", {"reference": completed_case.reference, "item": "bank_accounts"}
    )
    assert [t.matter_code for t in response.context["added"]] == ["B01"]
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.IN_PROGRESS


def test_without_an_answered_look_up_the_agent_adds_nothing(client, completed_case):
    staff_login(client, hotline_agent())
    _look_up(client, completed_case, caller="13800000000")  # refused: not on the case
    response = client.post(
        "/admin/hotline/", {"reference": completed_case.reference, "item": "bank_accounts"}
    )
    assert response.context["refused"]
    assert not completed_case.tasks.filter(found_later=True).exists()


def test_an_old_look_up_is_not_enough(client, completed_case):
    import datetime

    from django.utils import timezone

    staff_login(client, hotline_agent())
    _look_up(client, completed_case)
    HotlineAccess.objects.update(at=timezone.now() - datetime.timedelta(minutes=16))
    response = client.post(
        "/admin/hotline/", {"reference": completed_case.reference, "item": "bank_accounts"}
    )
    assert response.context["refused"]
    assert not completed_case.tasks.filter(found_later=True).exists()
