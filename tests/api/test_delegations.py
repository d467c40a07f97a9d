"""Delegated authorization in the app (issue 6): the heir reads and answers
through GraphQL, with the same proof as the personal link."""

import pytest

from cases.constants import TaskStatus
from cases.models import DelegationStatus
from tests.api.operations import operation
from tests.delegations.helpers import confirm, last_code, ready_for_payment, statuses
from tests.factories import citizen, declared_case

from .conftest import app_token, hotline_agent, hotline_token

pytestmark = pytest.mark.django_db

REQUEST = operation("RequestDelegationCode")
ANSWER = operation("AnswerDelegation")
MINE = operation("MyDelegations")
REVOKE = operation("RevokeDelegation")


@pytest.fixture
def asked():
    case, declaration = declared_case(heirs=2)
    ready_for_payment(case)
    return case, list(declaration.delegations.all())


def test_the_heir_confirms_with_the_links_token(api, asked):
    case, (first, second) = asked
    confirm(second)
    assert api(REQUEST, {"token": first.token})["data"]["requestDelegationCode"]["sent"]
    data = api(
        ANSWER,
        {
            "token": first.token,
            "idNumberSuffix": first.id_number[-6:],
            "code": last_code(first.phone),
            "decision": "CONFIRM",
        },
    )
    assert data["data"]["answerDelegation"]["delegation"]["status"] == "confirmed"
    assert statuses(case)["R01"] == TaskStatus.READY


def test_the_signed_in_heir_reads_what_they_authorize(api, asked):
    case, (first, _second) = asked
    api.token = app_token(citizen(first.phone))
    (mine,) = api(MINE)["data"]["myDelegations"]
    assert mine["caseReference"] == case.display_reference
    assert mine["payeeAccount"] == "****3445"
    assert [m["code"] for m in mine["matters"]] == ["R01", "R02"]
    assert "尾号为****3445" in mine["authorizationText"]


def test_the_signed_in_heir_answers_by_id_and_withdraws(api, asked):
    case, (first, second) = asked
    confirm(second)
    api.token = app_token(citizen(first.phone))
    api(REQUEST, {"id": first.pk})
    data = api(
        ANSWER,
        {
            "id": first.pk,
            "idNumberSuffix": first.id_number[-6:],
            "code": last_code(first.phone),
            "decision": "CONFIRM",
        },
    )
    assert data["data"]["answerDelegation"]["delegation"]["canRevoke"] is True
    revoked = api(REVOKE, {"id": first.pk})["data"]["revokeDelegation"]["delegation"]
    assert revoked["status"] == "revoked"
    assert statuses(case)["R01"] == TaskStatus.WAITING


def test_a_wrong_suffix_is_refused_in_the_users_language(api, asked):
    _case, (first, _second) = asked
    api(REQUEST, {"token": first.token})
    data = api(
        ANSWER,
        {"token": first.token, "idNumberSuffix": "000000", "code": "123456", "decision": "CONFIRM"},
    )
    assert "后六位不符" in data["errors"][0]["message"]
    assert data["errors"][0]["extensions"]["code"] == "refused"
    first.refresh_from_db()
    assert first.status == DelegationStatus.PENDING


def test_someone_elses_request_cannot_be_answered_by_id(api, asked):
    _case, (first, _second) = asked
    api.token = app_token(citizen("13800000000"))
    data = api(REQUEST, {"id": first.pk})
    assert data["errors"][0]["extensions"]["code"] == "refused"


def test_a_used_token_cannot_be_replayed(api, asked):
    _case, (first, _second) = asked
    confirm(first)
    data = api(REQUEST, {"token": first.token})
    assert "已经答复" in data["errors"][0]["message"]


def test_the_case_says_which_tasks_wait_for_the_heirs(api, asked):
    case, _delegations = asked
    api.token = app_token(citizen(case.applicant.phone))
    data = api(operation("CaseStatus"), {"reference": case.reference})
    waiting = {t["matterCode"]: t["waitingForHeirs"] for t in data["data"]["case"]["tasks"]}
    assert waiting["R01"] is True and waiting["R02"] is True and waiting["H01"] is False


def test_a_listed_heir_calling_the_hotline_is_answered(api, asked):
    case, (first, _second) = asked
    data = api(
        operation("HotlineLookup"),
        {"callerPhone": first.phone, "reference": case.reference},
        token=hotline_token(hotline_agent()),
    )
    assert data["data"]["hotlineLookup"]["reference"] == case.display_reference


def test_an_heir_of_a_replaced_list_is_not_answered_by_the_hotline(api, asked):
    from cases.services.heirs import DECLARATION_VERSION, declare_heirs

    case, (first, _second) = asked
    declare_heirs(
        case,
        heirs=[],
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    data = api(
        operation("HotlineLookup"),
        {"callerPhone": first.phone, "reference": case.reference},
        token=hotline_token(hotline_agent()),
    )
    assert data["data"]["hotlineLookup"] is None
    from cases.models import HotlineAccess

    assert HotlineAccess.objects.get().reason == "wrong_caller"


@pytest.mark.parametrize("delegation_id", ["abc", "1.5", "-1", "9" * 30])
def test_an_id_that_is_no_number_is_not_found_not_an_internal_error(api, delegation_id):
    api.token = app_token(citizen("13912345678"))
    revoked = api(REVOKE, {"id": delegation_id})
    assert revoked["errors"][0]["extensions"]["code"] == "not_found"
    asked = api(REQUEST, {"id": delegation_id})
    assert asked["errors"][0]["extensions"]["code"] == "refused"
