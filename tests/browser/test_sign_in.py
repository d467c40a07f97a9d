"""A family member signs in on a phone with the code from the SMS."""

import re

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_signing_in_with_the_code_from_the_sms(site, phone, empty_sms_outbox):
    phone.goto(site.url + "/account/login/")
    phone.get_by_label("您的手机号码").fill("139 1234 5678")
    screenshot(phone, "sign-in-phone-360")
    phone.get_by_role("button", name="获取验证码").click()

    assert phone.get_by_role("status").inner_text() == "验证码已发送到 139****5678，5分钟内有效。"
    code = re.search(r"\d{6}", empty_sms_outbox[-1]["text"]).group(0)
    phone.get_by_label("短信里的6位验证码").fill(code)
    screenshot(phone, "sign-in-code-360")
    phone.get_by_role("button", name="登录", exact=True).click()

    phone.wait_for_url(site.url + "/")
    cookies = {c["name"]: c for c in phone.context.cookies()}
    assert cookies["sessionid"]["httpOnly"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_wrong_code_is_explained_on_the_page(site, phone, empty_sms_outbox):
    phone.goto(site.url + "/account/login/")
    phone.get_by_label("您的手机号码").fill("13912345678")
    phone.get_by_role("button", name="获取验证码").click()
    right = re.search(r"\d{6}", empty_sms_outbox[-1]["text"]).group(0)
    phone.get_by_label("短信里的6位验证码").fill("000000" if right != "000000" else "111111")
    phone.get_by_role("button", name="登录", exact=True).click()
    assert phone.get_by_role("alert").inner_text() == "验证码不对或已过期，请重新获取。"
