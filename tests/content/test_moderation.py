"""Editors write, reviewers approve: nothing an editor changes is live until a
reviewer has approved it."""

import pytest
from django.contrib.auth.models import Group

from cases.constants import StaffRole
from content.models import SectionPage
from demo.pages import seed_pages
from tests.factories import UserFactory
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


def staff(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def section():
    seed_pages()
    return SectionPage.objects.get(slug="matters", locale__language_code="zh-hans")


def edit_data(page, intro, action):
    return {"title": page.title, "slug": page.slug, "intro": intro, action: "on"}


def test_editors_may_edit_but_not_publish_reviewers_may_publish(section):
    editor, reviewer = staff(StaffRole.CONTENT_EDITOR), staff(StaffRole.CONTENT_REVIEWER)
    assert section.permissions_for_user(editor).can_edit()
    assert not section.permissions_for_user(editor).can_publish()
    assert section.permissions_for_user(reviewer).can_publish()


def test_an_editors_change_is_not_live_until_a_reviewer_approves(section, client):
    editor, reviewer = staff(StaffRole.CONTENT_EDITOR), staff(StaffRole.CONTENT_REVIEWER)
    staff_login(client, editor)
    response = client.post(
        f"/admin/pages/{section.pk}/edit/", edit_data(section, "新的说明文字", "action-submit")
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.intro != "新的说明文字"
    assert "新的说明文字" not in client.get("/matters/").content.decode()
    state = section.current_workflow_task_state
    assert state is not None and state.status == "in_progress"

    staff_login(client, reviewer)
    response = client.post(
        f"/admin/pages/workflow/action/{section.pk}/approve/{state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    section.refresh_from_db()
    assert section.intro == "新的说明文字"
    assert "新的说明文字" in client.get("/matters/").content.decode()


def test_an_editor_cannot_publish_directly(section, client):
    staff_login(client, staff(StaffRole.CONTENT_EDITOR))
    client.post(
        f"/admin/pages/{section.pk}/edit/", edit_data(section, "直接发布", "action-publish")
    )
    section.refresh_from_db()
    assert section.intro != "直接发布"


def test_a_reviewer_can_reject_and_the_page_stays_as_it_was(section, client):
    editor, reviewer = staff(StaffRole.CONTENT_EDITOR), staff(StaffRole.CONTENT_REVIEWER)
    before = section.intro
    staff_login(client, editor)
    client.post(
        f"/admin/pages/{section.pk}/edit/", edit_data(section, "有错的文字", "action-submit")
    )
    state = section.current_workflow_task_state
    staff_login(client, reviewer)
    client.post(
        f"/admin/pages/workflow/action/{section.pk}/reject/{state.pk}/", {"comment": "请改"}
    )
    section.refresh_from_db()
    assert section.intro == before
    assert section.current_workflow_state.status == "needs_changes"


def test_scheduled_publishing_waits_for_its_time(section):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    section.intro = "明天生效"
    revision = section.save_revision()
    revision.approved_go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision.save()
    call_command("publish_scheduled")
    section.refresh_from_db()
    assert section.intro != "明天生效"
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    section.refresh_from_db()
    assert section.intro == "明天生效"
