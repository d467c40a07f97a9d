"""Citizens sign in at /account/login/ with their number and an SMS code."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import PhoneDevice, SmsMessage
from cases.services.sign_in import SignInRefused, request_sign_in_code, verify_sign_in_code

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
URL = "/account/login/"


def last_code(outbox):
    return re.search(r"\d{6}", outbox[-1]["text"]).group(0)


def ask_for_code(client, phone=PHONE, **extra):
    return client.post(URL, {"phone": phone, "action": "send", **extra})


def enter_code(client, code, **extra):
    return client.post(URL, {"code": code, "action": "verify", **extra})


def test_a_code_arrives_by_sms_and_signs_the_person_in(client, empty_sms_outbox):
    response = ask_for_code(client)
    assert response.status_code == 302
    assert empty_sms_outbox[-1]["to"] == PHONE
    response = enter_code(client, last_code(empty_sms_outbox))
    assert response.status_code == 302
    assert response.url == "/"
    user = PhoneDevice.objects.get().user
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session.get("otp_device_id")  # django-otp: the second factor is verified


def test_the_answer_is_the_same_for_a_number_seen_before_and_a_new_one(client, empty_sms_outbox):
    request_sign_in_code("13800000001")  # a number with an account already
    PhoneDevice.objects.update(last_generated_timestamp=None)
    known = ask_for_code(client, "13800000001")
    client.session.flush()
    new = ask_for_code(client, "13800000002")
    assert (known.status_code, known.url) == (new.status_code, new.url)
    assert client.get(new.url).content.decode().count("138****0002") >= 1
    assert len(empty_sms_outbox) == 3


def test_a_code_works_once(client, empty_sms_outbox):
    ask_for_code(client)
    code = last_code(empty_sms_outbox)
    verify_sign_in_code(PHONE, code)
    with pytest.raises(SignInRefused):
        verify_sign_in_code(PHONE, code)


def test_a_code_expires_after_five_minutes(empty_sms_outbox, time_machine):
    request_sign_in_code(PHONE)
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=5, seconds=1))
    with pytest.raises(SignInRefused, match=r"expired|过期"):
        verify_sign_in_code(PHONE, last_code(empty_sms_outbox))


def test_a_new_code_cannot_be_asked_for_within_a_minute(empty_sms_outbox):
    assert request_sign_in_code(PHONE).sent
    second = request_sign_in_code(PHONE)
    assert not second.sent
    assert second.next_code_at > timezone.now()
    assert len(empty_sms_outbox) == 1


ATTACKER, OWNER = "203.0.113.7", "198.51.100.20"


def guess_wrong(times, right, *, client_ip, time_machine, start):
    wrong = "000000" if right != "000000" else "111111"
    for attempt in range(times):
        time_machine.move_to(start + datetime.timedelta(seconds=40 * (attempt + 1)))
        with pytest.raises(SignInRefused):
            verify_sign_in_code(PHONE, wrong, client_ip=client_ip)


def lock_out_from_the_attackers_network(outbox, time_machine, settings):
    """A code is sent; the attacker guesses wrong until the number is locked
    from their network. Returns (the right code, when the guessing began)."""
    request_sign_in_code(PHONE)
    right = last_code(outbox)
    now = timezone.now()
    guess_wrong(
        settings.OTP_SMS_LOCKOUT_FAILURES,
        right,
        client_ip=ATTACKER,
        time_machine=time_machine,
        start=now,
    )
    return right, now


def test_wrong_codes_slow_down_then_lock_the_number_from_that_network(
    empty_sms_outbox, time_machine, settings
):
    right, now = lock_out_from_the_attackers_network(empty_sms_outbox, time_machine, settings)
    time_machine.move_to(now + datetime.timedelta(minutes=4))
    with pytest.raises(SignInRefused) as excinfo:
        verify_sign_in_code(PHONE, right, client_ip=ATTACKER)  # even the right code
    assert excinfo.value.locked_until is not None
    assert "12345" in str(excinfo.value)


def test_wrong_codes_when_no_code_was_sent_lock_nobody_out(
    empty_sms_outbox, time_machine, settings
):
    # Guessing with no code sent was enough to lock any number for 30 minutes.
    assert request_sign_in_code(PHONE).sent
    verify_sign_in_code(PHONE, last_code(empty_sms_outbox))  # the code is used up
    now = timezone.now()
    guess_wrong(
        settings.OTP_SMS_LOCKOUT_FAILURES * 2,
        "123456",
        client_ip=ATTACKER,
        time_machine=time_machine,
        start=now,
    )
    assert PhoneDevice.objects.get().throttling_failure_count == 0
    time_machine.move_to(now + datetime.timedelta(minutes=10))
    request_sign_in_code(PHONE)
    user, _device = verify_sign_in_code(PHONE, last_code(empty_sms_outbox), client_ip=ATTACKER)
    assert user == PhoneDevice.objects.get().user


def test_the_owner_gets_in_from_another_network_while_the_attackers_is_locked(
    empty_sms_outbox, time_machine, settings
):
    request_sign_in_code(PHONE, client_ip=ATTACKER)  # the attacker has a code sent
    now = timezone.now()
    guess_wrong(
        settings.OTP_SMS_LOCKOUT_FAILURES,
        last_code(empty_sms_outbox),
        client_ip=ATTACKER,
        time_machine=time_machine,
        start=now,
    )
    time_machine.move_to(now + datetime.timedelta(minutes=5))
    request_sign_in_code(PHONE, client_ip=OWNER)
    code = last_code(empty_sms_outbox)
    with pytest.raises(SignInRefused, match="12345"):
        verify_sign_in_code(PHONE, code, client_ip=ATTACKER)
    user, _device = verify_sign_in_code(PHONE, code, client_ip=OWNER)
    assert user == PhoneDevice.objects.get().user


def test_a_code_dies_after_too_many_wrong_guesses_from_anywhere(
    empty_sms_outbox, time_machine, settings
):
    request_sign_in_code(PHONE)
    right = last_code(empty_sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    now = timezone.now()
    for attempt in range(settings.OTP_SMS_LOCKOUT_FAILURES):
        time_machine.move_to(now + datetime.timedelta(seconds=40 * (attempt + 1)))
        with pytest.raises(SignInRefused):
            verify_sign_in_code(PHONE, wrong, client_ip=f"203.0.113.{attempt + 10}")
    time_machine.move_to(now + datetime.timedelta(minutes=4))
    with pytest.raises(SignInRefused, match=r"重新获取|Ask for a new one"):
        verify_sign_in_code(PHONE, right, client_ip=OWNER)


def test_the_sign_in_text_says_what_the_code_is_for_and_never_to_tell_it(empty_sms_outbox):
    request_sign_in_code(PHONE)
    text = empty_sms_outbox[-1]["text"]
    assert "登录验证码" in text
    assert "不要告诉" in text


def test_a_second_try_straight_after_a_wrong_code_must_wait(empty_sms_outbox):
    request_sign_in_code(PHONE)
    with pytest.raises(SignInRefused):
        verify_sign_in_code(
            PHONE, "000001" if last_code(empty_sms_outbox) != "000001" else "000002"
        )
    with pytest.raises(SignInRefused, match=r"wait|稍等|等待"):
        verify_sign_in_code(PHONE, last_code(empty_sms_outbox))


def test_the_code_is_stored_only_as_a_keyed_hash(empty_sms_outbox):
    request_sign_in_code(PHONE)
    code = last_code(empty_sms_outbox)
    device = PhoneDevice.objects.get()
    assert code not in (device.token or "")
    assert len(device.token) == 64
    assert SmsMessage.objects.get().text == ""  # the sent SMS keeps no copy


def test_a_wrong_code_shows_a_message_in_chinese(client, empty_sms_outbox):
    ask_for_code(client)
    response = enter_code(client, "12345")
    assert "验证码是6位数字" in response.content.decode()


def test_an_invalid_number_is_explained(client):
    response = ask_for_code(client, "12345")
    assert response.status_code == 200
    assert "11位手机号码" in response.content.decode()


def test_after_signing_in_the_person_goes_where_they_were_going(client, empty_sms_outbox):
    ask_for_code(client, next="/cases/")
    response = enter_code(client, last_code(empty_sms_outbox), next="/cases/")
    assert response.url == "/cases/"


def test_an_outside_address_is_never_followed(client, empty_sms_outbox):
    ask_for_code(client, next="https://evil.example/")
    response = enter_code(client, last_code(empty_sms_outbox), next="https://evil.example/")
    assert response.url == "/"


def test_the_sign_in_form_is_protected_against_cross_site_requests(empty_sms_outbox):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"phone": PHONE, "action": "send"})
    assert response.status_code == 403
    assert empty_sms_outbox == []


def test_signing_out(client, empty_sms_outbox):
    ask_for_code(client)
    enter_code(client, last_code(empty_sms_outbox))
    client.post(reverse("portal:sign_out"))
    assert "_auth_user_id" not in client.session


def ask_from(client, phone, **meta):
    return client.post(URL, {"phone": phone, "action": "send"}, **meta)


def test_one_network_asking_for_too_many_codes_is_told_to_wait(client, settings):
    settings.SIGN_IN_CODES_PER_NETWORK_PER_HOUR = 3
    from django.core.cache import cache

    cache.clear()
    for n in range(3):
        ask_from(client, f"1391234560{n}", REMOTE_ADDR="203.0.113.7")
    assert SmsMessage.objects.count() == 3
    response = ask_from(client, "13912345609", REMOTE_ADDR="203.0.113.7")
    assert SmsMessage.objects.count() == 3
    page = client.get(response.url).content.decode()
    assert "这个网络请求验证码的次数过多" in page
    ask_from(client, "13912345609", REMOTE_ADDR="198.51.100.1")
    assert SmsMessage.objects.count() == 4


def test_behind_a_proxy_the_clients_address_comes_from_its_header(client, settings):
    settings.SIGN_IN_CODES_PER_NETWORK_PER_HOUR = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    from django.core.cache import cache

    cache.clear()
    ask_from(client, "13912345601", HTTP_X_REAL_IP="203.0.113.7")
    ask_from(client, "13912345602", HTTP_X_REAL_IP="203.0.113.8")
    ask_from(client, "13912345603", HTTP_X_REAL_IP="203.0.113.8")
    assert SmsMessage.objects.count() == 2


def test_sign_in_codes_have_their_own_daily_allowance(empty_sms_outbox, settings):
    settings.OTP_SMS_COOLDOWN_SECONDS = 0
    settings.SIGN_IN_CODES_PER_PHONE_PER_DAY = 2
    assert request_sign_in_code(PHONE).sent
    assert request_sign_in_code(PHONE).sent
    with pytest.raises(SignInRefused) as refused:
        request_sign_in_code(PHONE)
    assert "12345" in str(refused.value)
    assert len(empty_sms_outbox) == 2


def test_sign_in_codes_never_spend_the_texts_a_familys_case_needs(empty_sms_outbox, settings):
    from cases.models import SmsStatus
    from cases.notifications import notify

    settings.OTP_SMS_COOLDOWN_SECONDS = 0
    settings.SMS_DAILY_CAP_PER_PHONE = 3
    settings.SIGN_IN_CODES_PER_PHONE_PER_DAY = 5
    for _ in range(5):  # someone asks for codes to the family's number
        request_sign_in_code(PHONE)
    text = notify("case_completed", phone=PHONE, context={"reference": "ABCD-EFGH-J"})
    assert text.status == SmsStatus.QUEUED


def test_wrong_sign_in_codes_do_not_delay_a_confirmation_code(
    empty_sms_outbox, time_machine, settings
):
    from cases.models import CodePurpose
    from cases.services import codes

    lock_out_from_the_attackers_network(empty_sms_outbox, time_machine, settings)
    purpose = CodePurpose.FAMILY_CONFIRMATION
    codes.send(
        purpose,
        "subject-1",
        PHONE,
        template="hotline_confirmation",
        context={"deceased": "王*"},
        client_ip=ATTACKER,
    )
    code = last_code(empty_sms_outbox)
    codes.confirm(purpose, "subject-1", PHONE, code, client_ip=ATTACKER)  # not locked, not slowed
