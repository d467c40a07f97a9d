"""A 12345 agent files a case for a caller on the phone (电话办): password and
authenticator, the same form the family would fill in, and the caller's
confirmation code read out to the agent."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import Channel, StaffRole
from cases.models import Case
from tests.factories import UserFactory, resident_id

from .conftest import screenshot, sign_in_staff
from .test_apply_journeys import DECEASED

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CALLER = "13912345678"


@pytest.fixture
def agent(application_site):
    user = UserFactory(is_staff=True, username="hotline_agent_1")
    user.set_password("a-long-password-1")
    user.save()
    user.groups.add(Group.objects.get(name=StaffRole.HOTLINE_AGENT))
    return user


def sign_in_with_authenticator(page, url):
    sign_in_staff(page, url, "hotline_agent_1", "a-long-password-1", "/admin/hotline/")
    page.wait_for_url("**/admin/hotline/")


def answer_deceased_as_the_caller_says(page):
    """Staff see nothing of the registry before the family's code: the agent
    types what the caller says, and the departments check it."""
    died = timezone.localtime() - datetime.timedelta(hours=6)
    page.get_by_label("逝者的身份证号").fill(DECEASED)
    page.get_by_label("去世的日期和时间").fill(died.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_text("只向登记在册的家属显示", exact=False)).to_be_visible()
    assert page.get_by_label("逝者姓名").input_value() == ""
    page.get_by_label("逝者姓名").fill("王五")
    page.get_by_role("radio", name="男", exact=True).check()
    page.get_by_label("出生日期").fill("1950-06-15")
    page.get_by_role("checkbox", name="领取养老金", exact=False).check()
    page.get_by_role("button", name="下一步").click()


def test_an_agent_files_for_a_caller_who_confirms_by_code(
    application_site, agent, browser, empty_sms_outbox
):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in_with_authenticator(page, application_site.url)
    page.get_by_role("link", name="为来电人办理申请（电话办）").click()
    page.wait_for_url("**/apply/")
    page.goto(application_site.url + "/apply/hospital/")  # the caller's scenario
    page.get_by_role("button", name="开始填写").click()
    answer_deceased_as_the_caller_says(page)
    # The caller's details, typed by the agent as the caller says them: the
    # questions speak of the applicant, not of the agent.
    expect(page.get_by_role("heading", name="申请人（家属）的信息")).to_be_visible()
    expect(page.get_by_text("您正在为家属代办")).to_be_visible()
    page.get_by_label("申请人的手机号").fill(CALLER)
    page.get_by_label("申请人的姓名").fill("王小明")
    page.get_by_label("申请人的身份证号").fill(resident_id(3, datetime.date(1975, 3, 3)))
    page.get_by_role("radio", name="子女", exact=True).check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("收款银行账号").fill("6222 0212 3476 7890")
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("接运地址", exact=True).fill("湖州市吴兴区某路1号")
    page.get_by_role("radio", name="越快越好").check()
    page.get_by_role("radio", name="还没决定").check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_label("我确认以上信息真实", exact=False).check()
    page.get_by_role("button", name="下一步").click()
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("heading", name="请家属确认这份申请")).to_be_visible()
    page.get_by_role("button", name="向家属发送确认码").click()
    sms = [m for m in empty_sms_outbox if m["to"] == CALLER][-1]["text"]
    assert "12345热线" in sms
    code = re.search(r"确认码(\d{6})", sms).group(1)  # the caller reads it out
    page.get_by_label("短信里的6位验证码").fill(code)
    page.get_by_role("button", name="确认并提交").click()
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    expect(page.get_by_role("heading", name=f"办件 {case.display_reference}")).to_be_visible()
    screenshot(page, "hotline-filed-case")
    assert case.channel == Channel.HOTLINE
    assert case.deceased.id_number == DECEASED
