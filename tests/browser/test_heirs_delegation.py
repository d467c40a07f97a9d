"""The applicant lists two heirs; each confirms on their own phone; the money
matters then go ahead. Three browser contexts: three people, three phones."""

import json
import re

import pytest
from playwright.sync_api import expect

from cases.constants import TaskStatus
from cases.models import Case
from tests.delegations.helpers import ready_for_payment
from tests.factories import (
    NO_FLAGS,
    DemoRegistryPersonFactory,
    applicant_data,
    deceased_data,
    heir_data,
    resident_id,
    submitted_case,
)

from .conftest import assert_accessible, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DECEASED = resident_id(88)
HEIRS = [heir_data(1), heir_data(2, relationship="spouse")]


@pytest.fixture
def waiting_case(site):
    """Everything the money matters need is done, except the heirs' consent.
    (Done before the browser starts: certificates are signed on the way.)"""
    DemoRegistryPersonFactory(
        id_number=DECEASED,
        name="王五",
        flags=NO_FLAGS | {"pension": True},
        relatives=json.dumps(
            [
                {"name": h.name, "relationship": h.relationship, "id_number": h.id_number}
                for h in HEIRS
            ]
        ),
    )
    case = submitted_case(
        flags={"pension": True},
        deceased=deceased_data(88, id_number=DECEASED),
        applicant=applicant_data(phone="13912345678"),
    )
    ready_for_payment(case)
    return case


def phone_context(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    return context, context.new_page()


def link_for(outbox, phone_number):
    texts = [m["text"] for m in outbox if m["to"] == phone_number]
    return re.search(r"https?://\S+/delegations/[\w-]+/", texts[0]).group(0)


def code_for(outbox, phone_number):
    texts = [m["text"] for m in outbox if m["to"] == phone_number and "验证码" in m["text"]]
    return re.search(r"验证码是?(\d{6})", texts[-1]).group(1)


def heir_confirms(browser, site, outbox, heir, n):
    context, page = phone_context(browser)
    link = link_for(outbox, heir.phone).replace("http://testserver", site.url)
    page.goto(link)
    expect(page.get_by_role("heading", name="继承人委托授权")).to_be_visible()
    assert_accessible(page, f"heir {n}: identify")
    page.get_by_role("button", name="获取验证码").click()
    expect(page.get_by_text("验证码已发送")).to_be_visible()
    page.get_by_label("您本人身份证号码的后6位").fill(heir.id_number[-6:])
    page.get_by_label("短信里的6位验证码").fill(code_for(outbox, heir.phone))
    page.get_by_role("button", name="继续").click()
    expect(page.get_by_text("尾号为****3445")).to_be_visible()
    expect(page.get_by_text("丧葬补助金申领")).to_be_visible()
    assert_accessible(page, f"heir {n}: answer")
    screenshot(page, f"heir-{n}-answer-360")
    page.get_by_role("radio", name="我同意").check()
    page.get_by_role("button", name="提交我的答复").click()
    expect(page.get_by_role("heading", name="谢谢，您的答复已记录")).to_be_visible()
    context.close()


def test_two_heirs_confirm_on_their_phones_and_the_money_matters_go_ahead(
    site, waiting_case, browser, empty_sms_outbox
):
    context, page = phone_context(browser)
    page.goto(site.url + f"/cases/{waiting_case.reference}/")
    sign_in(page, site.url, empty_sms_outbox)
    page.wait_for_url(site.url + f"/cases/{waiting_case.reference}/")
    expect(page.get_by_text("等待继承人授权").first).to_be_visible()
    page.get_by_role("link", name="填写继承人名单").click()

    # The registry's family data filled in both heirs; only phones are missing.
    expect(page.get_by_label("姓名").first).to_have_value(HEIRS[0].name)
    assert_accessible(page, "applicant: heirs")
    for n, heir in enumerate(HEIRS):
        page.locator(f"#id_heirs-{n}-phone").fill(heir.phone)
    page.get_by_label("收款人的银行账号").fill("6222020200112733445")
    page.get_by_label("本人声明", exact=False).check()
    screenshot(page, "applicant-heirs-360")
    page.get_by_role("button", name="保存并请继承人确认").click()
    page.wait_for_url(site.url + f"/cases/{waiting_case.reference}/")
    expect(page.get_by_text("等待继承人答复")).to_have_count(2)

    for n, heir in enumerate(HEIRS, start=1):
        heir_confirms(browser, site, empty_sms_outbox, heir, n)

    page.reload()
    expect(page.get_by_text("全体继承人都已同意")).to_be_visible()
    expect(page.get_by_text("等待继承人授权")).to_have_count(0)
    assert_accessible(page, "applicant: case after consent")
    context.close()
    case = Case.objects.get(pk=waiting_case.pk)
    assert case.tasks.get(matter_code="R02").status == TaskStatus.READY
    assert all(d.document for d in case.heir_declarations.get().delegations.all())
