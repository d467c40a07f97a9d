"""Cases → hotline lookups (issue 16, item 4): hotline supervisors see every
lookup and release a locked-out agent from the admin, with a reason, audited."""

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from cases.constants import StaffRole
from cases.models import HotlineAccess, HotlineLock
from cases.services.hotline import release
from tests.factories import UserFactory
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/hotline-lookups/"


def member_of(role):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def locked_agent():
    agent = member_of(StaffRole.HOTLINE_AGENT)
    HotlineAccess.objects.create(
        agent=agent,
        via=HotlineAccess.Via.API,
        asked_for="3305**********1234",
        caller_phone="138****0000",
        answered=False,
        reason=HotlineAccess.Reason.NOT_FOUND,
    )
    HotlineLock.objects.create(agent=agent, refused_lookups=11)
    return agent


def test_a_supervisor_sees_the_lookups_and_the_locked_agent(client, locked_agent):
    staff_login(client, member_of(StaffRole.HOTLINE_SUPERVISOR))
    page = client.get(URL).content.decode()
    assert locked_agent.get_username() in page
    assert "3305**********1234" in page and "138****0000" in page


def test_a_supervisor_releases_an_agent_with_a_reason_audited(client, locked_agent):
    supervisor = member_of(StaffRole.HOTLINE_SUPERVISOR)
    staff_login(client, supervisor)
    lock = HotlineLock.objects.get()
    response = client.post(URL, {"lock": lock.pk, "reason": "来电人核实有误，已培训"})
    assert response.status_code == 302
    lock.refresh_from_db()
    assert (lock.released_by, lock.release_reason) == (supervisor, "来电人核实有误，已培训")
    entry = LogEntry.objects.get_for_object(lock).latest("timestamp")
    assert entry.actor == supervisor


def test_a_release_without_a_reason_is_refused(locked_agent):
    with pytest.raises(ValidationError):
        release(HotlineLock.objects.get(), by=member_of(StaffRole.HOTLINE_SUPERVISOR), reason=" ")
    assert HotlineLock.objects.get().released_at is None


def test_an_agent_or_a_clerk_cannot_release(locked_agent):
    for user in (member_of(StaffRole.HOTLINE_AGENT), department_member("health")):
        with pytest.raises(PermissionDenied):
            release(HotlineLock.objects.get(), by=user, reason="自己解锁")
    assert HotlineLock.objects.get().released_at is None


def test_the_list_is_for_hotline_supervisors(client, locked_agent):
    staff_login(client, member_of(StaffRole.HOTLINE_AGENT))
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, "/admin/")
