"""The app signs in with the same SMS code as the portal and gets a token that
expires, can be revoked and is stored only hashed."""

import datetime
import re

import pytest
from django.utils import timezone

from api.models import ApiToken, hash_token
from tests.api.operations import operation
from tests.factories import citizen

from .conftest import app_token

pytestmark = pytest.mark.django_db

REQUEST = operation("RequestLoginCode")
VERIFY = operation("VerifyLoginCode")
ME = operation("MyCases")


def code(outbox):
    return re.search(r"\d{6}", outbox[-1]["text"]).group(0)


def test_the_code_is_exchanged_for_a_working_token(api, empty_sms_outbox):
    assert api(REQUEST, {"phone": "13912345678"})["data"]["requestLoginCode"]["sent"] is True
    data = api(VERIFY, {"phone": "13912345678", "code": code(empty_sms_outbox)})["data"]
    key = data["verifyLoginCode"]["token"]
    assert api(ME, token=key)["data"] == {"myCases": []}


def test_the_token_is_stored_hashed(api, empty_sms_outbox):
    api(REQUEST, {"phone": "13912345678"})
    key = api(VERIFY, {"phone": "13912345678", "code": code(empty_sms_outbox)})["data"][
        "verifyLoginCode"
    ]["token"]
    stored = ApiToken.objects.get()
    assert stored.key_hash == hash_token(key)
    assert key not in stored.key_hash


def test_the_answer_is_the_same_for_a_known_and_an_unknown_number(api):
    citizen("13912345678")
    known = api(REQUEST, {"phone": "13912345678"})["data"]["requestLoginCode"]
    unknown = api(REQUEST, {"phone": "13812345678"})["data"]["requestLoginCode"]
    assert known["sent"] == unknown["sent"] is True


def test_wrong_codes_are_throttled_then_locked_as_in_the_portal(
    api, empty_sms_outbox, time_machine, settings
):
    api(REQUEST, {"phone": "13912345678"})
    right = code(empty_sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    now = timezone.now()
    first = api(VERIFY, {"phone": "13912345678", "code": wrong})
    assert first["errors"][0]["extensions"]["code"] == "refused"
    for attempt in range(1, settings.OTP_SMS_LOCKOUT_FAILURES):
        time_machine.move_to(now + datetime.timedelta(seconds=40 * attempt))
        api(VERIFY, {"phone": "13912345678", "code": wrong})
    time_machine.move_to(now + datetime.timedelta(minutes=4))
    locked = api(VERIFY, {"phone": "13912345678", "code": right})
    assert "12345" in locked["errors"][0]["message"]
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused(api):
    key = app_token(citizen(), days=1)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    body = api(ME, token=key, status=401)
    assert body["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_a_revoked_token_is_refused(api):
    key = app_token(citizen())
    assert api("mutation { revokeToken { ok } }", token=key)["data"]["revokeToken"]["ok"]
    api(ME, token=key, status=401)


def test_the_token_of_a_deactivated_account_is_refused(api):
    user = citizen()
    key = app_token(user)
    user.is_active = False
    user.save()
    api(ME, token=key, status=401)


def test_a_made_up_token_is_refused(api):
    api(ME, token="not-a-token", status=401)


def test_without_a_token_or_session_cases_are_refused(api):
    body = api(ME)
    assert body["errors"][0]["extensions"]["code"] == "unauthenticated"
    assert body["data"] is None


def test_a_hotline_token_is_issued_by_command_to_agents_only():
    import io

    from django.core.management import CommandError, call_command

    from .conftest import hotline_agent

    agent = hotline_agent()
    output = io.StringIO()
    call_command("issue_api_token", agent.username, stdout=output)
    key = output.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert token.kind == ApiToken.Kind.HOTLINE
    assert token.key_hash == hash_token(key)
    with pytest.raises(CommandError):
        call_command("issue_api_token", citizen().username, stdout=io.StringIO())
