"""A code sent for one purpose (a family's confirmation, an heir's proof)
works once, for that purpose, and only while it is valid."""

import datetime
import re

import pytest

from cases.services.assisted import confirm_family, send_family_confirmation
from cases.services.codes import CodeRefused

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
SENT = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def code(time_machine, empty_sms_outbox):
    time_machine.move_to(SENT, tick=False)
    send_family_confirmation(PHONE, application="draft-1", deceased_name="王五")
    return re.search(r"\d{6}", empty_sms_outbox[-1]["text"]).group(0)


def test_a_code_confirms_within_its_validity(code, time_machine, settings):
    time_machine.move_to(SENT + datetime.timedelta(seconds=settings.OTP_SMS_TOKEN_VALIDITY - 1))
    confirm_family(PHONE, code, application="draft-1")


def test_a_code_past_its_validity_is_refused_even_when_right(code, time_machine, settings):
    time_machine.move_to(SENT + datetime.timedelta(seconds=settings.OTP_SMS_TOKEN_VALIDITY))
    with pytest.raises(CodeRefused):
        confirm_family(PHONE, code, application="draft-1")
