"""A clerk signs in with a password and an authenticator code, works a task
from the queue to completion and downloads the sealed certificate."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from cases.models import Department
from tests.cases.helpers import complete
from tests.factories import UserFactory, submitted_case

from .conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def clerk_and_case(live_server):
    clerk = UserFactory(is_staff=True, username="health_clerk")
    clerk.set_password("a-long-password-1")
    clerk.save()
    clerk.groups.add(Department.objects.get(code="health").clerk_group)
    case = submitted_case()
    complete(case, "BD01")
    return clerk, case


def test_a_clerk_works_a_task_and_downloads_the_certificate(live_server, clerk_and_case, browser):
    _clerk, case = clerk_and_case
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(live_server.url + "/admin/workbench/")
    page.fill("input[name=username]", "health_clerk")
    page.fill("input[name=password]", "a-long-password-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/setup/**")
    secret = page.locator("code").first.inner_text()
    key = base64.b32decode(secret)
    page.get_by_label("身份验证器中的验证码，或备用验证码").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="确认").click()
    codes = re.findall(r"\d{10}", page.locator(".backup-codes").inner_text())
    assert len(codes) == 10
    page.get_by_role("link", name="进入管理后台").click()
    page.wait_for_url("**/admin/workbench/")
    screenshot(page, "workbench-queue")
    page.get_by_role("link", name=case.display_reference).click()
    page.get_by_role("button", name="受理").click()
    expect(page.get_by_text("已完成：受理。")).to_be_visible()
    page.locator("summary", has_text="办结").click()
    page.get_by_label("办理结果（用家属看得懂的话）").fill("死亡医学证明已出具")
    page.locator("form:has(input[name='complete-outcome_text']) button").click()
    expect(page.get_by_text("已完成：办结。")).to_be_visible()
    screenshot(page, "workbench-task-done")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载电子证明")).click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    page.close()
