"""一次录入 in the browser: an editor's new question "遗体接运地址备注", needed
by body transport (C01), goes live through review; a family answers it and
uploads the care home's report on a phone; the civil-affairs clerk reads the
answer on the C01 task and the health clerk opens the report on H01; each
opening is in the case's access events."""

import copy

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from cases.constants import Scenario, StaffRole
from cases.models import AuditEvent, AuditEventKind, Case, Department
from demo.forms import FORMS
from forms.models import ApplicationFormPage
from tests.factories import UserFactory
from tests.forms.test_form_admin import admin_data
from tests.staff import staff_login

from .conftest import assert_accessible, screenshot, sign_in_staff
from .test_apply_journeys import answer_applicant_to_the_end, answer_deceased, next_step, start

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NOTE = "三楼，没有电梯，到了先打电话"
PASSWORD = "a-long-password-1"


def staff(username, group):
    user = UserFactory(is_staff=True, username=username)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(group)
    return user


def without_the_note(steps):
    steps = copy.deepcopy(steps)
    for step in steps:
        step["value"]["fields"] = [
            f for f in step["value"]["fields"] if f["value"].get("name") != "pickup_notes"
        ]
    return steps


@pytest.fixture
def reviewed_form(application_site, client):
    """The home form first lacks the question; an editor adds it and submits
    it for review; a reviewer approves it."""
    page = ApplicationFormPage.objects.get(scenario=Scenario.HOME, locale__language_code="zh-hans")
    page.steps = without_the_note(page.steps.get_prep_value())
    page.save_revision().publish()
    editor = staff("editor", Group.objects.get(name=StaffRole.CONTENT_EDITOR))
    reviewer = staff("reviewer", Group.objects.get(name=StaffRole.CONTENT_REVIEWER))
    _title, steps = FORMS[Scenario.HOME]
    staff_login(client, editor)
    data = admin_data(page.title, Scenario.HOME, steps) | {"slug": page.slug, "action-submit": "on"}
    assert client.post(f"/admin/pages/{page.pk}/edit/", data).status_code == 302
    page.refresh_from_db()
    assert "pickup_notes" not in str(page.steps.get_prep_value())  # not live before review
    state = page.current_workflow_task_state
    staff_login(client, reviewer)
    client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/", {"comment": ""})
    page.refresh_from_db()
    assert "pickup_notes" in str(page.steps.get_prep_value())
    clerks = {
        code: staff(f"clerk_{code}", Department.objects.get(code=code).clerk_group)
        for code in ("civil_affairs", "health")
    }
    return application_site, clerks


def sign_in_as_staff(browser, base_url, username):
    """Password, then the authenticator enrolled on first sign-in."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in_staff(page, base_url, username, PASSWORD, "/admin/workbench/")
    page.wait_for_url("**/admin/workbench/")
    return page


def open_task(page, case, matter_name):
    row = page.locator("tr", has_text=matter_name)
    row.get_by_role("link", name=case.display_reference).click()
    expect(page.get_by_role("heading", name="家属为本事项提供的信息")).to_be_visible()
    assert matter_name in page.title()


def test_what_the_family_gives_once_reaches_each_department_that_needs_it(
    reviewed_form, phone, browser, empty_sms_outbox, tmp_path
):
    site, _clerks = reviewed_form
    start(phone, site, "home", empty_sms_outbox)
    answer_deceased(phone, "home")
    phone.get_by_role("radio", name="养老机构", exact=True).check()
    next_step(phone)
    report = tmp_path / "report.png"
    report.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    phone.get_by_label("养老机构出具的死亡报告").set_input_files(str(report))
    phone.get_by_label("养老机构的名称和联系电话").fill("安康养老院 0572-0000000")
    next_step(phone)
    answer_applicant_to_the_end(phone, "home", pickup_notes=NOTE)
    phone.wait_for_url(site.url + "/cases/*/")
    case = Case.objects.get()

    civil = sign_in_as_staff(browser, site.url, "clerk_civil_affairs")
    open_task(civil, case, "遗体接运")
    expect(civil.get_by_text(NOTE)).to_be_visible()
    expect(civil.get_by_text("安康养老院 0572-0000000")).to_be_visible()
    expect(civil.get_by_text("湖州市吴兴区某路1号")).to_be_visible()
    expect(civil.get_by_text("13912345678")).to_be_visible()  # the funeral home calls
    expect(civil.get_by_role("img", name="养老机构出具的死亡报告")).to_have_count(0)
    screenshot(civil, "contract-c01")
    assert_accessible(civil, "C01 task page")
    civil.close()

    health = sign_in_as_staff(browser, site.url, "clerk_health")
    open_task(health, case, "死亡医学证明")
    expect(health.get_by_role("img", name="养老机构出具的死亡报告")).to_be_visible()
    expect(health.get_by_text(NOTE)).to_have_count(0)
    with health.expect_download() as download:
        health.get_by_role("link", name="下载").first.click()
    assert download.value.path().read_bytes().startswith(b"\x89PNG")
    screenshot(health, "contract-h01")
    health.close()

    events = AuditEvent.objects.filter(case=case)
    opened = {e.details.get("matter") for e in events.filter(kind=AuditEventKind.TASK_OPENED)}
    assert {"C01", "H01"} <= opened
    # The preview in the page is a view; the click on "下载" a download.
    assert events.filter(kind=AuditEventKind.DOCUMENT_VIEWED).exists()
    assert events.filter(kind=AuditEventKind.DOCUMENT_DOWNLOADED).count() == 1
