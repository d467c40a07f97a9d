"""A funeral fee list is published only after a supervisor of civil affairs
approves it (the Wagtail workflow on the snippet), and every version is
kept as a revision."""

import pytest

from cases.services import fees
from tests.factories import FeeListFactory, UserFactory
from tests.staff import department_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return FeeListFactory(live=False)


def submitted(draft):
    editor = UserFactory(is_staff=True)
    draft.save_revision(user=editor)
    workflow = draft.get_workflow()
    return workflow.start(draft, editor)


def test_a_fee_list_goes_through_the_review_of_civil_affairs(draft):
    workflow = draft.get_workflow()
    assert workflow.name == "殡葬收费标准发布审核"
    (task,) = [t.specific for t in workflow.tasks.all()]
    assert {group.name for group in task.groups.all()} == {
        department_member("civil_affairs", supervisor=True).groups.get().name
    }


def test_a_clerk_cannot_approve_a_fee_list(draft):
    state = submitted(draft)
    task = state.current_task_state.task.specific
    assert task.get_actions(draft, department_member("civil_affairs")) == []
    assert fees.list_in_force(draft.home, draft.effective_from) is None


def test_approved_by_a_supervisor_the_list_is_published_and_its_versions_kept(draft):
    state = submitted(draft)
    supervisor = department_member("civil_affairs", supervisor=True)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, supervisor, "approve")
    draft.refresh_from_db()
    assert draft.live
    assert fees.list_in_force(draft.home, draft.effective_from) == draft
    assert draft.live_revision == draft.revisions.get()  # the version reviewed


def test_every_version_of_a_list_is_kept(draft):
    editor = UserFactory(is_staff=True)
    first = draft.save_revision(user=editor)
    items = list(draft.items.all())
    next(item for item in items if item.name_zh == "遗体火化").price = 520
    draft.items = items  # the list as the editor's form leaves it
    second = draft.save_revision(user=editor)
    kept = {r.pk: r.as_object().items.get(name_zh="遗体火化").price for r in draft.revisions.all()}
    assert kept == {first.pk: 480, second.pk: 520}
