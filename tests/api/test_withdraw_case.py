"""The app withdraws a case and answers a rejection through the same
services as the portal (issue 16, item 4)."""

import pytest

from cases.constants import CaseStatus, TaskStatus
from cases.services import workbench
from tests.api.operations import operation
from tests.cases.helpers import complete, task
from tests.factories import applicant_data, submitted_case
from tests.staff import department_member

pytestmark = pytest.mark.django_db

WITHDRAW = operation("WithdrawCase")
ANSWER = operation("AnswerMaterialsRequest")


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(phone="13912345678"))


def test_the_family_withdraws_a_case_from_the_app(api, family_token, case):
    body = api(
        WITHDRAW, {"reference": case.reference, "reason": "改为线下办理"}, token=family_token
    )
    assert body["data"]["withdrawCase"]["case"]["status"] == CaseStatus.WITHDRAWN
    assert task(case, "H01").status == TaskStatus.NOT_APPLICABLE


def test_another_familys_case_is_not_found(api, case):
    from tests.api.conftest import app_token
    from tests.factories import citizen

    body = api(WITHDRAW, {"reference": case.reference}, token=app_token(citizen("13800000009")))
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS


def test_the_app_answers_a_rejection(api, family_token, case):
    complete(case, "BD01")
    workbench.perform("reject", task(case, "H01"), department_member("health"), {"reason": "不符"})
    body = api(
        ANSWER,
        {"reference": case.reference, "taskId": task(case, "H01").pk, "note": "已补充说明"},
        token=family_token,
    )
    assert body["data"]["answerMaterialsRequest"]["task"]["status"] == TaskStatus.REJECTED
    assert task(case, "H01").family_reply == "已补充说明"
