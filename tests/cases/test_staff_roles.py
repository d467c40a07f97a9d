"""Every staff role against every staff action, from the one place that
decides (``cases.roles``), through the services the workbench calls.

Administrators run the platform: they see every queue and the statistics and
do what a supervisor does (correct a result, revoke a certificate), but not a
department's own work."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from cases import roles
from cases.constants import CaseStatus, Scenario, StaffRole, TaskStatus
from cases.models import Certificate
from cases.services import workbench
from cases.transitions import InvalidTransition
from tests.cases.helpers import complete, task
from tests.factories import UserFactory, submitted_case
from tests.staff import department_member

pytestmark = pytest.mark.django_db

ROLES = [
    "health_clerk",
    "health_supervisor",
    "other_clerk",
    "other_supervisor",
    "administrator",
    "superuser",
    "hotline_agent",
    "hotline_supervisor",
    "funeral_assistant",
    "content_editor",
]

DEPARTMENT = {"health_clerk", "health_supervisor"}
SUPERVISING = {"health_supervisor", "administrator", "superuser"}
ALLOWED = {
    "open the task": DEPARTMENT | {"administrator", "superuser"},
    "accept": DEPARTMENT,
    "request_materials": DEPARTMENT,
    "complete": DEPARTMENT,
    "not_applicable": DEPARTMENT,
    "reject": DEPARTMENT,
    "reopen": DEPARTMENT,
    "correct": SUPERVISING,
    "revoke": SUPERVISING,
    "reverse_death": SUPERVISING,
    "see statistics": {"health_supervisor", "other_supervisor", "administrator", "superuser"},
    "look up for a caller": {"hotline_agent"},
    "release a hotline lock": {"hotline_supervisor", "administrator", "superuser"},
    "file for a family": {"funeral_assistant"},
}
GROUP_ROLES = {
    "administrator": StaffRole.SYSTEM_ADMINISTRATOR,
    "hotline_agent": StaffRole.HOTLINE_AGENT,
    "hotline_supervisor": StaffRole.HOTLINE_SUPERVISOR,
    "funeral_assistant": StaffRole.FUNERAL_ASSISTANT,
    "content_editor": StaffRole.CONTENT_EDITOR,
}


def staff(role):
    if role == "health_clerk":
        return department_member("health")
    if role == "health_supervisor":
        return department_member("health", supervisor=True)
    if role == "other_clerk":
        return department_member("civil_affairs")
    if role == "other_supervisor":
        return department_member("civil_affairs", supervisor=True)
    if role == "superuser":
        return UserFactory(superuser=True)
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_ROLES[role]))
    return user


@pytest.fixture
def case():
    case = submitted_case(Scenario.HOSPITAL)
    complete(case, "BD01")
    return case


def h01_ready_for(action, case):
    """The health task in the state the action starts from."""
    h01 = task(case, "H01")
    if action in {"request_materials"}:
        workbench.perform("accept", h01, department_member("health"), {})
    if action in {"correct", "revoke", "reverse_death"}:
        complete(case, "H01")
    if action == "reopen":
        workbench.perform("reject", h01, department_member("health"), {"reason": "信息不符"})
    h01.refresh_from_db()
    return h01


DATA = {
    "accept": {},
    "request_materials": {"message": "请补充住院病历"},
    "complete": {"outcome_text": "已出具"},
    "not_applicable": {"reason": "不适用"},
    "reject": {"reason": "信息不符"},
    "reopen": {"reason": "家属已补充"},
    "correct": {"outcome_text": "已更正", "reason": "日期有误"},
    "revoke": {"reason": "出具有误"},
    "reverse_death": {"reason": "本人健在"},
}
TABLE = [(role, action) for action in ALLOWED for role in ROLES]


def test_the_table_covers_every_workbench_action():
    # These need a task in a state of their own: tests/delegations,
    # tests/cases/test_case_clock.py, test_unnatural_death.py, test_burial.py and
    # test_funeral_fees.py.
    special = {
        "appointment",
        "cremation",
        "release_body",
        "rule_natural",
        "confirm_burial",
        "add_funeral_service",
    }
    assert set(DATA) == roles.DEPARTMENT_ACTIONS - special | (roles.SUPERVISOR_ACTIONS)


@pytest.mark.parametrize(("role", "action"), [(r, a) for r, a in TABLE if a in DATA])
def test_each_role_may_take_exactly_its_workbench_actions(role, action, case):
    h01 = h01_ready_for(action, case)
    before = h01.status
    user = staff(role)
    if role in ALLOWED[action]:
        try:
            workbench.perform(action, h01, user, DATA[action])
        except (InvalidTransition, ValidationError) as refused:
            pytest.fail(f"{role} was allowed but the action failed: {refused}")
        h01.refresh_from_db()
        if action == "revoke":
            assert Certificate.objects.get(task=h01).revoked_at is not None
        elif action == "reverse_death":
            h01.case.refresh_from_db()
            assert h01.case.status == CaseStatus.REVERSED
        elif action == "correct":
            assert h01.result["outcome_text"] == "已更正"
        else:
            assert h01.status != before
    else:
        with pytest.raises(PermissionDenied):
            workbench.perform(action, h01, user, DATA[action])
        h01.refresh_from_db()
        assert h01.status == before
        if action == "revoke":
            assert Certificate.objects.get(task=h01).revoked_at is None
        if action == "reverse_death":
            h01.case.refresh_from_db()
            assert h01.case.status == CaseStatus.IN_PROGRESS
        if action == "correct":
            assert "已更正" not in str(h01.result)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_a_task_only_when_the_table_says_so(role, case):
    user = staff(role)
    h01 = task(case, "H01")
    if role in ALLOWED["open the task"]:
        assert workbench.task_for(user, h01.pk) == h01
    else:
        with pytest.raises(workbench.NotFound):
            workbench.task_for(user, h01.pk)


PREDICATES = {
    "see statistics": roles.may_see_statistics,
    "look up for a caller": roles.is_hotline_agent,
    "release a hotline lock": roles.is_hotline_supervisor,
    "file for a family": roles.is_funeral_assistant,
}


@pytest.mark.parametrize(("role", "action"), [(r, a) for r, a in TABLE if a in PREDICATES])
def test_each_role_holds_exactly_its_other_staff_rights(role, action):
    assert PREDICATES[action](staff(role)) is (role in ALLOWED[action])


def test_a_correction_by_an_administrator_is_kept_with_its_reason(case):
    complete(case, "H01")
    administrator = staff("administrator")
    workbench.perform("correct", task(case, "H01"), administrator, DATA["correct"])
    corrected = task(case, "H01")
    assert corrected.status == TaskStatus.COMPLETED
    assert corrected.result["outcome_text"] == "已更正"
    assert corrected.reason == "日期有误"


def test_a_users_role_questions_read_their_groups_once(django_assert_num_queries):
    from cases.models import Department

    health, civil = (
        Department.objects.get(code="health"),
        Department.objects.get(code="civil_affairs"),
    )
    user = department_member("health")
    with django_assert_num_queries(1):
        assert roles.is_member(user, health)
        assert not roles.is_member(user, civil)
        assert not roles.is_supervisor(user, health)
        assert not roles.is_hotline_agent(user)
        assert roles.may_act(user, "accept", health)


def test_a_group_given_through_the_user_counts_at_once():
    from cases.models import Department

    civil = Department.objects.get(code="civil_affairs")
    user = department_member("health")
    assert not roles.is_supervisor(user, civil)
    user.groups.add(civil.supervisor_group)
    assert roles.is_supervisor(user, civil)
    assert roles.supervises_a_department(user)
