"""Requests not answered in time: one reminder, then the notary (issue 6).
Driven by the scheduled job, with a frozen clock."""

import datetime

import pytest
from django.utils import timezone

from cases.constants import TaskStatus
from cases.models import DelegationStatus
from cases.scheduling import JOBS, run_due_jobs
from cases.services import delegations
from cases.services.delegations import DelegationRefused
from tests.factories import declared_case

from .helpers import confirm, ready_for_payment, statuses

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)


def job():
    return [j for j in JOBS if j.name == "remind_and_expire_delegations"]


@pytest.fixture
def asked(time_machine):
    time_machine.move_to(START, tick=False)
    case, declaration = declared_case(heirs=2)
    ready_for_payment(case)
    return case, list(declaration.delegations.all())


def texts_to(outbox, phone):
    return [m["text"] for m in outbox if m["to"] == phone]


def test_a_request_lasts_seven_days(asked):
    _case, (first, _second) = asked
    assert first.expires_at == START + datetime.timedelta(days=7)


def test_one_reminder_a_day_before_expiry(asked, time_machine, empty_sms_outbox):
    _case, (first, _second) = asked
    time_machine.move_to(START + datetime.timedelta(days=5, hours=23), tick=False)
    run_due_jobs(job())
    assert not any("提醒" in t for t in texts_to(empty_sms_outbox, first.phone))
    time_machine.move_to(START + datetime.timedelta(days=6, hours=1), tick=False)
    run_due_jobs(job())
    reminders = [t for t in texts_to(empty_sms_outbox, first.phone) if "提醒" in t]
    assert len(reminders) == 1
    assert f"/delegations/{first.token}/" in reminders[0]
    time_machine.move_to(START + datetime.timedelta(days=6, hours=2), tick=False)
    run_due_jobs(job())
    assert len([t for t in texts_to(empty_sms_outbox, first.phone) if "提醒" in t]) == 1


def test_an_answered_request_gets_no_reminder(asked, time_machine, empty_sms_outbox):
    _case, (first, _second) = asked
    confirm(first)
    time_machine.move_to(START + datetime.timedelta(days=6, hours=1), tick=False)
    run_due_jobs(job())
    assert not any("提醒" in t for t in texts_to(empty_sms_outbox, first.phone))


def test_at_expiry_the_request_lapses_and_the_notary_route_opens(asked, time_machine):
    case, (first, second) = asked
    confirm(first)
    time_machine.move_to(START + datetime.timedelta(days=7, minutes=1), tick=False)
    outcome = run_due_jobs(job())
    assert "1 requests expired" in outcome["remind_and_expire_delegations"]
    second.refresh_from_db()
    assert second.status == DelegationStatus.EXPIRED
    assert statuses(case)["N01"] == TaskStatus.READY
    assert statuses(case)["R01"] == TaskStatus.WAITING


def test_an_expired_link_cannot_be_answered(asked, time_machine):
    _case, (first, _second) = asked
    time_machine.move_to(START + datetime.timedelta(days=7, seconds=1), tick=False)
    with pytest.raises(DelegationRefused, match=r"过期|expired"):
        delegations.send_code(first)


def test_the_reminder_time_is_in_the_local_zone(asked):
    _case, (first, _second) = asked
    assert timezone.localtime(first.expires_at).hour == 18
