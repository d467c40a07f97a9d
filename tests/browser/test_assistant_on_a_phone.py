"""A funeral assistant works from a phone beside the family (代办): the admin
home offers to file for a family; the form says from its first step whom
they file for, with no "call 12345" meant for families; "我的办件" names each
deceased masked and says what each case waits on. Axe finds nothing."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cases.constants import StaffRole
from tests.factories import UserFactory, applicant_data, deceased_data, submitted_case

from .conftest import assert_accessible, screenshot, sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def assistant_with_a_case(application_site):
    user = UserFactory(is_staff=True, username="assistant_1")
    user.set_password("a-long-password-1")
    user.save()
    user.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    case = submitted_case(
        deceased=deceased_data(200, name="王建国"),
        applicant=applicant_data(phone="13900000077"),
        submitted_by=user,
    )
    return user, case


def test_an_assistant_files_and_follows_cases_on_a_phone(
    application_site, assistant_with_a_case, phone
):
    site, page = application_site, phone
    _user, case = assistant_with_a_case
    sign_in_staff(page, site.url, "assistant_1", "a-long-password-1", "/admin/")
    expect(page.get_by_text("为家属代办").first).to_be_visible()
    page.locator("a[href='/apply/hospital/']").first.click()
    page.wait_for_url("**/apply/hospital/")
    page.get_by_role("button", name="开始填写").click()
    expect(page.get_by_text("您正在为家属代办")).to_be_visible()
    expect(page.locator("a.help-call")).to_have_count(0)
    expect(page.get_by_text("第 1 步", exact=False)).to_be_visible()
    assert_accessible(page, "assistant: first step")
    screenshot(page, "assistant-first-step-360")

    page.goto(site.url + "/cases/")
    row = page.locator("li", has_text=case.display_reference)
    expect(row).to_contain_text("王**")
    expect(row).not_to_contain_text("王建国")
    expect(row).to_contain_text("各部门正在办理")
    assert_accessible(page, "assistant: my cases")
    screenshot(page, "assistant-my-cases-360")
