"""A funeral assistant files the application with the family; the family's
applicant confirms it with the code sent to their own phone."""

import re

import pytest
from django.contrib.auth.models import Group

from cases.constants import Channel, StaffRole
from cases.models import Case, PhoneDevice
from cases.services.access import cases_visible_to
from cases.services.sign_in import SignInRefused, request_sign_in_code, verify_sign_in_code
from tests.factories import UserFactory, citizen
from tests.staff import staff_login

from .apply_helpers import APPLICANT, answer, start, walk_hospital

pytestmark = pytest.mark.django_db

FAMILY_PHONE = APPLICANT["applicant__phone"]


@pytest.fixture
def forms():
    from cases.constants import Scenario
    from tests.factories import application_form_page

    return application_form_page(Scenario.HOSPITAL)


@pytest.fixture
def assistant(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    staff_login(client, user)
    client.user = user
    return client


def code_in(outbox):
    return re.search(r"确认码(\d{6})", outbox[-1]["text"]).group(1)


def sign_in_code(outbox):
    return re.search(r"登录验证码(\d{6})", outbox[-1]["text"]).group(1)


def test_the_assistants_application_waits_for_the_familys_code(assistant, forms):
    response = walk_hospital(assistant)
    assert response.request["PATH_INFO"].endswith("/confirm/")
    assert not Case.objects.exists()


def test_the_family_gets_a_code_without_the_deceaseds_full_name_or_id(
    assistant, forms, empty_sms_outbox
):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    message = empty_sms_outbox[-1]
    assert message["to"] == FAMILY_PHONE
    assert "王*的身后事" in message["text"]
    assert "王五" not in message["text"]


def test_the_right_code_submits_the_case_on_the_assisted_channel(
    assistant, forms, empty_sms_outbox
):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    response = assistant.post(
        f"{base}confirm/", {"action": "verify", "code": code_in(empty_sms_outbox)}, follow=True
    )
    case = Case.objects.get()
    assert response.request["PATH_INFO"] == f"/cases/{case.reference}/"
    assert case.channel == Channel.ASSISTED
    assert case.submitted_by == assistant.user


def test_the_family_and_the_assistant_both_follow_the_case(assistant, forms, empty_sms_outbox):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    assistant.post(
        f"{base}confirm/", {"action": "verify", "code": code_in(empty_sms_outbox)}, follow=True
    )
    case = Case.objects.get()
    # The family signs in with a sign-in code of their own and finds it.
    request_sign_in_code(FAMILY_PHONE)
    family, _device = verify_sign_in_code(FAMILY_PHONE, sign_in_code(empty_sms_outbox))
    assert case in cases_visible_to(family)
    assert case in cases_visible_to(assistant.user)


def test_a_wrong_code_is_refused_and_nothing_is_submitted(assistant, forms, empty_sms_outbox):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    right = code_in(empty_sms_outbox)
    response = assistant.post(
        f"{base}confirm/", {"action": "verify", "code": "000000" if right != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert not Case.objects.exists()


def test_changing_the_familys_number_after_confirming_asks_again(
    assistant, forms, empty_sms_outbox
):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    # Confirmed, but before submitting the assistant goes back and changes
    # the number: the confirmation was for the old one.
    response = assistant.post(
        f"{base}confirm/", {"action": "verify", "code": code_in(empty_sms_outbox)}
    )
    assert response.url == f"{base}done/"
    assistant.get(f"{base}2/")
    answer(assistant, base, "2", {**APPLICANT, "applicant__phone": "13700000000"})
    answer(assistant, base, "review", {})
    response = assistant.get(f"{base}done/")
    assert response.url == f"{base}confirm/"
    assert not Case.objects.exists()


def test_a_citizen_cannot_use_the_confirmation_step(client, forms):
    client.force_login(citizen("13912345678"))
    base = start(client)
    assert client.get(f"{base}confirm/").status_code == 404


def test_the_confirmation_code_never_signs_anyone_in(assistant, forms, empty_sms_outbox):
    # An assistant who is read the code could sign in as the family with it.
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    code = code_in(empty_sms_outbox)
    with pytest.raises(SignInRefused):
        verify_sign_in_code(FAMILY_PHONE, code)
    assert not PhoneDevice.objects.exists()  # no account was made or touched by it


def test_a_sign_in_code_does_not_confirm_an_application(assistant, forms, empty_sms_outbox):
    base = start(assistant)
    walk_hospital(assistant, base)
    request_sign_in_code(FAMILY_PHONE)
    response = assistant.post(
        f"{base}confirm/", {"action": "verify", "code": sign_in_code(empty_sms_outbox)}
    )
    assert response.context["form"].errors["code"]
    assert not Case.objects.exists()


def test_the_code_confirms_only_the_application_it_was_sent_for(assistant, forms, empty_sms_outbox):
    first = start(assistant)
    walk_hospital(assistant, first)
    assistant.post(f"{first}confirm/", {"action": "send"})
    code = code_in(empty_sms_outbox)
    second = start(assistant)
    walk_hospital(assistant, second)
    response = assistant.post(f"{second}confirm/", {"action": "verify", "code": code})
    assert response.context["form"].errors["code"]
    assert not Case.objects.exists()


def test_the_confirmation_text_says_it_confirms_one_application_and_cannot_sign_in(
    assistant, forms, empty_sms_outbox
):
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    text = empty_sms_outbox[-1]["text"]
    assert "只用于确认这一份申请" in text
    assert "不能登录" in text


def test_guessing_the_confirmation_code_kills_it(assistant, forms, empty_sms_outbox, settings):
    settings.OTP_SMS_THROTTLE_FACTOR = 0
    base = start(assistant)
    walk_hospital(assistant, base)
    assistant.post(f"{base}confirm/", {"action": "send"})
    right = code_in(empty_sms_outbox)
    wrong = "000000" if right != "000000" else "111111"
    for _attempt in range(settings.OTP_SMS_LOCKOUT_FAILURES):
        assistant.post(f"{base}confirm/", {"action": "verify", "code": wrong})
    response = assistant.post(f"{base}confirm/", {"action": "verify", "code": right})
    assert response.context["form"].errors["code"]
    assert not Case.objects.exists()


def test_the_assistant_is_asked_about_the_applicant_not_about_themselves(assistant, forms):
    from .apply_helpers import PROFILE, deceased_step

    base = start(assistant)
    answer(assistant, base, "1", deceased_step())
    answer(assistant, base, "profile", PROFILE)
    response = assistant.get(f"{base}2/")
    page = response.content.decode()
    assert "申请人（家属）的信息" in page
    assert "您正在为家属代办" in page
    form = response.context["wizard"]["form"]
    assert form.fields["applicant__phone"].label == "申请人的手机号"
    # Never the assistant's own number: the codes go to the applicant's phone.
    assert not form.initial.get("applicant__phone")


def test_staff_filing_for_a_family_are_not_offered_to_call_12345(assistant, forms):
    page = assistant.get("/apply/").content.decode()
    assert 'href="tel:12345"' not in page


def test_a_family_is_offered_to_call_12345(client):
    assert 'href="tel:12345"' in client.get("/apply/").content.decode()
