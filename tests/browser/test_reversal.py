"""A death reported in error, undone from one place: the health
department's supervisor retracts the death certificate of a completed case,
every department undoes its part, /verify/ says the certificates are
revoked and why, and the family sees it on a phone."""

import pytest
from playwright.sync_api import expect

from cases.constants import CaseStatus
from cases.models import Department, Reversal
from tests.cases.helpers import complete_everything
from tests.factories import UserFactory, applicant_data, submitted_case

from .conftest import assert_accessible, in_a_worker, screenshot, sign_in, sign_in_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

APPLICANT = "13912345678"
REASON = "本人健在：医院录入了错误的身份证号"


@pytest.fixture
def completed_case(site):
    case = submitted_case(
        flags={"pension": True, "local_hukou": True}, applicant=applicant_data(phone=APPLICANT)
    )
    complete_everything(case)
    return case


@pytest.fixture
def supervisor(site):
    user = UserFactory(is_staff=True, username="health_supervisor")
    user.set_password("a-long-password-1")
    user.save()
    user.groups.add(Department.objects.get(code="health").supervisor_group)
    return user


def test_a_death_reported_in_error_is_undone_everywhere(
    site, completed_case, supervisor, browser, phone, empty_sms_outbox
):
    certificate_task = completed_case.tasks.get(matter_code="H01")
    serial = completed_case.certificates.get(task=certificate_task).serial
    done = completed_case.tasks.filter(status="completed").count()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    sign_in_staff(
        page,
        site.url,
        "health_supervisor",
        "a-long-password-1",
        f"/admin/workbench/{certificate_task.pk}/",
    )
    page.goto(site.url + f"/admin/workbench/{certificate_task.pk}/")
    page.locator("summary", has_text="撤回死亡登记").click()
    page.get_by_label("撤回原因", exact=False).fill(REASON)
    page.locator("form:has(textarea[name='reverse_death-reason']) button").click()
    expect(page.get_by_text("已完成：撤回死亡登记", exact=False)).to_be_visible()
    screenshot(page, "reversal-opened")
    page.close()

    reversal = Reversal.objects.get(case=completed_case)
    undoing = completed_case.tasks.filter(compensates__isnull=False)
    assert undoing.count() == done - 1  # every stop but the retracted certificate itself
    in_a_worker(complete_everything, completed_case)  # each department undoes its part
    reversal.refresh_from_db()
    assert reversal.completed_at is not None
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.REVERSED

    phone.goto(site.url + f"/verify/{serial}/")
    expect(phone.get_by_role("heading", name="已撤销")).to_be_visible()
    expect(phone.get_by_text(REASON, exact=False)).to_be_visible()
    assert_accessible(phone, "verify: revoked")

    sign_in(phone, site.url, empty_sms_outbox, phone_number=APPLICANT)
    phone.goto(site.url + f"/cases/{completed_case.reference}/")
    expect(phone.get_by_role("heading", name="死亡信息有误")).to_be_visible()
    expect(phone.get_by_text("全部撤销完毕", exact=False)).to_be_visible()
    expect(phone.get_by_text("恢复户口登记")).to_be_visible()
    assert_accessible(phone, "case: reversed")
    screenshot(phone, "reversal-case-360")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
