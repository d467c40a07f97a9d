"""A 12345 agent files a case for a caller (电话办, issue 16 item 2): the same
editor-built form as the family's, behind the agent's second factor; the
caller confirms with a code sent to their phone for that one application;
the case is on the hotline channel, belongs to the caller's number, and the
agent's filing is in the audit trail."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group

from cases.constants import Channel, StaffRole
from cases.models import Case
from cases.services.access import cases_visible_to
from cases.services.sign_in import request_sign_in_code, verify_sign_in_code
from tests.factories import UserFactory
from tests.staff import staff_login

from .apply_helpers import APPLICANT, start, walk_hospital

pytestmark = pytest.mark.django_db

CALLER = APPLICANT["applicant__phone"]


@pytest.fixture
def forms():
    from cases.constants import Scenario
    from tests.factories import application_form_page

    return application_form_page(Scenario.HOSPITAL)


@pytest.fixture
def agent(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.HOTLINE_AGENT))
    staff_login(client, user)
    client.user = user
    return client


def code_in(outbox):
    return re.search(r"确认码(\d{6})", outbox[-1]["text"]).group(1)


def file_and_confirm(agent, outbox):
    """The agent walks the form, the caller reads out the code; the case."""
    base = start(agent)
    walk_hospital(agent, base)
    agent.post(f"{base}confirm/", {"action": "send"})
    agent.post(f"{base}confirm/", {"action": "verify", "code": code_in(outbox)}, follow=True)
    return Case.objects.get()


def test_the_agent_walks_the_same_form_and_the_caller_must_confirm(agent, forms):
    response = walk_hospital(agent)
    assert response.request["PATH_INFO"].endswith("/confirm/")
    assert not Case.objects.exists()


def test_the_callers_code_says_the_hotline_asks(agent, forms, empty_sms_outbox):
    base = start(agent)
    walk_hospital(agent, base)
    agent.post(f"{base}confirm/", {"action": "send"})
    text = empty_sms_outbox[-1]["text"]
    assert empty_sms_outbox[-1]["to"] == CALLER
    assert "12345热线" in text and "不能登录" in text


def test_the_confirmed_case_is_on_the_hotline_and_belongs_to_the_caller(
    agent, forms, empty_sms_outbox
):
    case = file_and_confirm(agent, empty_sms_outbox)
    assert (case.channel, case.submitted_by) == (Channel.HOTLINE, agent.user)
    request_sign_in_code(CALLER)
    caller, _device = verify_sign_in_code(
        CALLER, re.search(r"登录验证码(\d{6})", empty_sms_outbox[-1]["text"]).group(1)
    )
    assert case in cases_visible_to(caller)


def test_the_agents_filing_is_in_the_audit_trail(agent, forms, empty_sms_outbox):
    case = file_and_confirm(agent, empty_sms_outbox)
    entry = LogEntry.objects.get_for_object(case).get(action=LogEntry.Action.CREATE)
    assert entry.actor == agent.user


def test_the_console_offers_filing_for_a_caller(agent):
    page = agent.get("/admin/hotline/").content.decode()
    assert 'href="/apply/"' in page


def test_the_agent_cannot_withdraw_the_callers_case(agent, forms, empty_sms_outbox):
    case = file_and_confirm(agent, empty_sms_outbox)
    assert "/withdraw/" not in agent.get(f"/cases/{case.reference}/").content.decode()
    agent.post(f"/cases/{case.reference}/withdraw/", {"reason": "x"})
    case.refresh_from_db()
    assert case.status == "in_progress"
