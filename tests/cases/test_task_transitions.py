"""Allowed status changes live in one table; anything else is refused and
changes nothing."""

import pytest

from cases.constants import Scenario, TaskStatus
from cases.services import tasks as services
from cases.services.withdrawal import withdraw_case
from cases.transitions import TASK_TRANSITIONS, InvalidTransition
from tests.factories import (
    NO_FLAGS,
    DemoRegistryPersonFactory,
    UserFactory,
    resident_id,
    submitted_case,
)

from .helpers import complete, task

pytestmark = pytest.mark.django_db

S = TaskStatus


@pytest.fixture
def case():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return submitted_case(Scenario.HOSPITAL, NO_FLAGS)


def test_accepting_records_the_clerk_and_the_time(case):
    clerk = UserFactory(staff=True)
    accepted = services.accept_task(task(case, "H01"), actor=clerk)
    assert accepted.status == S.IN_PROGRESS
    assert accepted.assignee == clerk
    assert accepted.accepted_at is not None


def test_requesting_materials_keeps_the_message_for_the_family(case):
    h01 = services.accept_task(task(case, "H01"), actor=None)
    h01 = services.request_materials(h01, actor=None, message="请上传病历首页")
    assert h01.status == S.AWAITING_MATERIALS
    assert h01.message_to_family == "请上传病历首页"
    assert services.materials_supplied(h01).status == S.IN_PROGRESS


def test_a_waiting_task_cannot_be_completed(case):
    p02 = task(case, "P02")
    with pytest.raises(InvalidTransition) as excinfo:
        services.complete_task(p02, actor=None)
    assert "cannot" in str(excinfo.value) or "不能" in str(excinfo.value)
    p02.refresh_from_db()
    assert p02.status == S.WAITING
    assert p02.completed_at is None


def test_a_completed_task_cannot_be_completed_again(case):
    complete(case, "H01")
    with pytest.raises(InvalidTransition):
        complete(case, "H01")


def test_a_forbidden_change_leaves_the_task_and_its_dependants_untouched(case):
    complete(case, "H01")
    before = list(case.tasks.order_by("id").values_list("status", "due_date", "updated_at"))
    with pytest.raises(InvalidTransition):
        services.accept_task(task(case, "H01"), actor=None)
    assert list(case.tasks.order_by("id").values_list("status", "due_date", "updated_at")) == before


def test_a_stale_copy_of_a_task_is_read_again_before_the_change(case):
    stale = task(case, "H01")
    complete(case, "H01")
    with pytest.raises(InvalidTransition):
        services.reject_task(stale, actor=None, reason="过期的页面")


def test_a_rejected_task_can_be_reopened(case):
    rejected = services.reject_task(task(case, "C01"), actor=None, reason="预约时间冲突")
    assert rejected.reason == "预约时间冲突"
    assert services.reopen_task(rejected, actor=None, reason="家属已改期").status == S.READY


def test_tasks_of_a_withdrawn_case_cannot_change(case):
    withdraw_case(case, actor=None, reason="家属自行办理")
    with pytest.raises(InvalidTransition):
        services.reopen_task(task(case, "H01"), actor=None, reason="")


def test_withdrawing_stops_unfinished_tasks_and_keeps_finished_ones(case):
    complete(case, "H01")
    withdraw_case(case, actor=None, reason="家属自行办理")
    assert task(case, "H01").status == S.COMPLETED
    assert task(case, "C02").status == S.NOT_APPLICABLE


def test_a_withdrawn_case_cannot_be_withdrawn_again(case):
    withdraw_case(case, actor=None, reason="家属自行办理")
    with pytest.raises(InvalidTransition):
        withdraw_case(case, actor=None, reason="again")


@pytest.mark.parametrize("status", [S.COMPLETED, S.NOT_APPLICABLE])
def test_finished_states_are_final(status):
    assert TASK_TRANSITIONS[status] == set()


def test_a_clerk_moves_a_task_only_along_the_allowed_transitions():
    from cases.transitions import CLERK_TASK_TRANSITIONS, TASK_TRANSITIONS

    for current, targets in CLERK_TASK_TRANSITIONS.items():
        assert targets <= TASK_TRANSITIONS[current], current


@pytest.mark.parametrize(
    ("state", "offered"),
    [
        ("ready", {"accept", "complete", "not_applicable", "reject"}),
        ("in_progress", {"request_materials", "complete", "not_applicable", "reject"}),
        ("awaiting_materials", {"not_applicable", "reject"}),
        ("rejected", {"reopen", "not_applicable"}),
        ("waiting", set()),
        ("completed", set()),
        ("not_applicable", set()),
    ],
)
def test_the_workbench_offers_the_moves_the_transitions_allow_a_clerk(state, offered):
    from cases.services.workbench import MOVES, move_offered
    from tests.factories import DepartmentTaskFactory

    # Each lifecycle state as its factory trait builds it ("ready" is the default).
    task = DepartmentTaskFactory.build(**({} if state == "ready" else {state: True}))
    assert task.status == state
    assert {action for action in MOVES if move_offered(action, task)} == offered
