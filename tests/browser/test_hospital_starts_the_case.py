"""Hospitals start the case: a hospital's liaison certifies the death in the
admin; the family follows the text's link on a phone, signs in, finds the
deceased's data filled in, files, and sees the medical certificate done and
downloadable on the case page; it books a columbarium niche in the same
case, the funeral home confirms it with the county's award, and the case
finishes."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.constants import CaseStatus, TaskStatus
from cases.models import BookingStatus, Case, Department, MedicalDeathCertificate, SmsMessage
from tests.cases.helpers import complete_everything, declare_sole_heir
from tests.factories import (
    BurialAwardFactory,
    BurialNicheFactory,
    FeeListFactory,
    FeeWaiverFactory,
    MedicalInstitutionFactory,
    UserFactory,
)

from .conftest import assert_accessible, in_a_worker, screenshot, sign_in, sign_in_staff
from .test_apply_journeys import DECEASED, answer_applicant_to_the_end, next_step, total_steps

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CONTACT = "13912345678"
ACCOUNT = "6222020200112733445"


@pytest.fixture
def liaison(application_site):
    hospital = MedicalInstitutionFactory(code="hz-first", name_zh="湖州市第一人民医院")
    user = UserFactory(is_staff=True, username="hospital_liaison")
    user.set_password("a-long-password-1")
    user.save()
    user.groups.add(hospital.liaison_group)
    return user


@pytest.fixture
def columbarium_and_funeral_home(application_site):
    FeeWaiverFactory(service="cremation")
    FeeListFactory()  # the funeral home's published list, 吴兴区
    niche = BurialNicheFactory(label="A区3排12号", site__name_zh="仁皇山公益性骨灰堂")
    BurialAwardFactory(county=niche.site.county, amount=1000)
    clerk = UserFactory(is_staff=True, username="funeral_home")
    clerk.set_password("a-long-password-2")
    clerk.save()
    clerk.groups.add(Department.objects.get(code="civil_affairs").clerk_group)
    return niche


def book_a_niche(page):
    page.get_by_role("link", name="选择安葬地点").click()
    page.get_by_label("公益性骨灰堂格位：仁皇山公益性骨灰堂", exact=False).check()
    assert_accessible(page, "burial: which place")
    screenshot(page, "burial-which-place-360")
    page.get_by_role("button", name="下一步").click()
    expect(page.get_by_label("选择哪个格位？")).to_have_value(re.compile(r"\d+"))
    assert_accessible(page, "burial: which niche")
    page.get_by_role("button", name="确认预约").click()
    expect(
        page.get_by_text("已预约：仁皇山公益性骨灰堂 A区3排12号", exact=False).first
    ).to_be_visible()


def choose_funeral_services(page):
    page.get_by_role("link", name="选择服务项目").click()
    page.get_by_label("遗体火化：¥480.00 每次（基本服务：免费）").select_option("1")
    page.get_by_label("小型告别厅：¥600.00 每次").select_option("1")
    assert_accessible(page, "funeral services: choose")
    page.get_by_role("button", name="查看费用").click()
    # The bill before anything is kept: the cremation waived, the room paid.
    expect(page.get_by_role("heading", name="您的费用清单")).to_be_visible()
    expect(page.get_by_role("row", name="遗体火化 × 1 ¥480.00 ¥480.00 ¥0.00")).to_be_visible()
    assert_accessible(page, "funeral services: the bill")
    screenshot(page, "funeral-bill-360")
    page.get_by_role("button", name="确认这些服务").click()
    expect(page.get_by_text("服务项目和费用清单已保存")).to_be_visible()
    expect(page.get_by_role("cell", name="¥1080.00")).to_be_visible()


def confirm_as_the_funeral_home(browser, site, case):
    desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    booking = case.tasks.get(matter_code="C07")
    sign_in_staff(
        desk, site.url, "funeral_home", "a-long-password-2", f"/admin/workbench/{booking.pk}/"
    )
    desk.goto(f"{site.url}/admin/workbench/{booking.pk}/")
    expect(desk.get_by_text("A区3排12号").first).to_be_visible()
    desk.get_by_role("button", name="确认家属的预约（同时发放奖补）").click()
    expect(desk.get_by_text("已完成", exact=False).first).to_be_visible()
    screenshot(desk, "burial-confirmed-by-the-funeral-home")


def certify(desk, site):
    sign_in_staff(desk, site.url, "hospital_liaison", "a-long-password-1", "/admin/")
    desk.goto(site.url + "/admin/death-certificates/")
    desk.get_by_role("link", name="出具死亡医学证明").click()
    died = timezone.localtime() - datetime.timedelta(hours=3)
    desk.get_by_label("身份证号").fill(DECEASED)
    desk.get_by_label("逝者姓名").fill("王五")
    desk.get_by_label("性别").select_option("male")
    desk.get_by_label("死亡时间").fill(died.strftime("%Y-%m-%dT%H:%M"))
    desk.get_by_label("去世地点").fill("湖州市第一人民医院心内科")
    desk.get_by_label("（甲）直接死亡原因").fill("急性心肌梗死")
    desk.get_by_label("（甲）的ICD-10编码").fill("I21.9")
    desk.get_by_label("出具证明的医师").fill("李医生")
    desk.get_by_label("家属联系人", exact=True).fill("王小明")
    desk.get_by_label("家属联系人手机号").fill(CONTACT)
    screenshot(desk, "liaison-certify")
    desk.get_by_role("button", name="加盖电子印章并出具").click()
    expect(desk.get_by_text("已出具，已短信告知家属", exact=False)).to_be_visible()


def test_a_liaison_certifies_and_the_family_goes_on_with_everything_filled_in(
    application_site, liaison, columbarium_and_funeral_home, phone, browser, empty_sms_outbox
):
    site = application_site
    desk = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    certify(desk, site)
    medical = MedicalDeathCertificate.objects.get()

    text = SmsMessage.objects.get(template_code="death_certified").text
    path = re.search(r"https?://\S+?(/apply/hospital/)", text).group(1)
    page = phone
    page.goto(site.url + path)
    sign_in(page, site.url, empty_sms_outbox, phone_number=CONTACT)
    page.wait_for_url(site.url + path)
    page.get_by_role("button", name="开始填写").click()
    page.total_at_start = total_steps(page)
    # The certificate filled in the first step; the family only goes on.
    expect(page.get_by_label("逝者的身份证号")).to_have_value(DECEASED)
    assert page.get_by_label("去世的日期和时间").input_value()
    assert_accessible(page, "certified: deceased")
    screenshot(page, "certified-first-step-360")
    next_step(page)
    assert page.get_by_label("逝者姓名").input_value() == "王五"
    next_step(page)
    answer_applicant_to_the_end(page, "certified")

    page.wait_for_url(site.url + "/cases/*/")
    case = Case.objects.get()
    assert case.tasks.get(matter_code="H01").status == TaskStatus.COMPLETED
    assert case.clock_started_at == medical.issued_at
    with page.expect_download() as download:
        page.get_by_role("link", name="下载（带电子印章的 PDF）").first.click()
    assert download.value.suggested_filename == f"{medical.certificate.serial}.pdf"
    assert_accessible(page, "certified: case")
    screenshot(page, "certified-case-360")

    # The family books a columbarium niche in the same case.
    book_a_niche(page)
    screenshot(page, "burial-booked-360")
    # The award pays the heirs: the case page asks for them; the applicant is
    # the only one (the heirs page has its own browser test).
    expect(page.get_by_role("link", name="填写继承人名单")).to_be_visible()
    in_a_worker(lambda case: declare_sole_heir(case, payee_account=ACCOUNT), case)

    # The funeral services, from the home's published list, with the bill.
    choose_funeral_services(page)
    confirm_as_the_funeral_home(browser, site, case)
    booking = case.burials.get()
    assert (booking.status, booking.award) == (BookingStatus.CONFIRMED, 1000)
    # The other departments do their part, and the case finishes.
    in_a_worker(complete_everything, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    page.reload()
    expect(page.get_by_role("link", name="查看办结反馈清单")).to_be_visible()
    page.get_by_role("link", name="查看办结反馈清单").click()
    expect(page.get_by_text("A区3排12号", exact=False).first).to_be_visible()
    expect(page.get_by_text("1000.00", exact=False).first).to_be_visible()
    # The bill stays on the result list: what was waived, what they paid.
    expect(page.get_by_role("heading", name="殡葬服务项目和费用")).to_be_visible()
    expect(page.get_by_role("cell", name="¥600.00").first).to_be_visible()
