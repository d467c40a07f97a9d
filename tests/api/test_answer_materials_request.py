"""The app answers a department's request through the same service as the portal."""

import pytest

from cases.constants import TaskStatus
from cases.services.tasks import accept_task, request_materials
from tests.api.operations import operation
from tests.cases.helpers import complete, task
from tests.factories import UserFactory, applicant_data, submitted_case

pytestmark = pytest.mark.django_db

ANSWER = operation("AnswerMaterialsRequest")


@pytest.fixture
def asked():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete(case, "BD01")
    clerk = UserFactory()
    accept_task(task(case, "H01"), actor=clerk)
    return request_materials(task(case, "H01"), actor=clerk, message="请补充账号")


def test_a_correction_and_a_note_hand_the_task_back(api, family_token, asked):
    body = api(
        ANSWER,
        {
            "reference": asked.case.reference,
            "taskId": asked.pk,
            "note": "账号已更正",
            "corrections": [{"field": "applicant.bank_account", "value": "6222021234767890"}],
        },
        token=family_token,
    )
    assert body["data"]["answerMaterialsRequest"]["task"]["status"] == TaskStatus.IN_PROGRESS
    asked.refresh_from_db()
    assert asked.family_reply == "账号已更正"
    asked.case.applicant.refresh_from_db()
    assert asked.case.applicant.bank_account == "6222021234767890"


def test_a_bad_correction_is_explained(api, family_token, asked):
    body = api(
        ANSWER,
        {
            "reference": asked.case.reference,
            "taskId": asked.pk,
            "corrections": [{"field": "applicant.bank_account", "value": "1"}],
        },
        token=family_token,
    )
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    assert "12" in body["errors"][0]["message"]


def test_another_familys_task_is_not_found(api, asked):
    from tests.factories import citizen

    from .conftest import app_token

    body = api(
        ANSWER,
        {"reference": asked.case.reference, "taskId": asked.pk, "note": "x"},
        token=app_token(citizen("13800000000")),
    )
    assert body["errors"][0]["extensions"]["code"] == "not_found"
