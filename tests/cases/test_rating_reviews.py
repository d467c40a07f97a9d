"""The supervisors' side of 好差评: a poor rating waits in the department's
review list, soonest due first; the supervisor reads the family's reason
(an access event) and answers; the statistics count the ratings."""

import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from cases.constants import StaffRole
from cases.models import AuditEvent, AuditEventKind, Department, Matter, SmsMessage
from tests.factories import DepartmentTaskFactory, RatingFactory, UserFactory
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

URL = "/admin/rating-reviews/"


@pytest.fixture
def health():
    return Department.objects.get(code="health")


@pytest.fixture
def poor(health):
    rating = RatingFactory(poor=True, department=health, reason="证明开了三天")
    DepartmentTaskFactory(case=rating.case, matter=Matter.objects.get(code="H01"))
    return rating


@pytest.fixture
def supervisor(client):
    return staff_login(client, department_member("health", supervisor=True))


def test_the_supervisor_sees_the_open_review_in_the_list(supervisor, poor):
    page = supervisor.get(URL).content.decode()
    assert poor.case.display_reference in page and "不满意" in page
    assert "证明开了三天" not in page  # the reason is read on the review's own page


def test_the_list_is_in_the_menu_of_supervisors_only(client, supervisor, poor):
    assert URL in supervisor.get("/admin/").content.decode()
    clerk = staff_login(client, department_member("health"))
    assert URL not in clerk.get("/admin/").content.decode()
    assert clerk.get(URL)["Location"] == "/admin/"  # Wagtail: not permitted


def test_opening_the_review_shows_the_reason_and_records_the_read(supervisor, poor):
    page = supervisor.get(f"{URL}{poor.pk}/").content.decode()
    assert "证明开了三天" in page
    assert AuditEvent.objects.filter(kind=AuditEventKind.RATING_READ, case=poor.case).count() == 1


def test_another_departments_supervisor_gets_not_found(client, poor):
    other = staff_login(client, department_member("civil_affairs", supervisor=True))
    assert other.get(f"{URL}{poor.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.RATING_READ).exists()


def test_the_supervisor_answers_and_the_review_leaves_the_list(supervisor, poor):
    response = supervisor.post(f"{URL}{poor.pk}/", {"answer": "已核实，流程已改为当天出具。"})
    assert response.status_code == 302
    poor.refresh_from_db()
    assert poor.answer == "已核实，流程已改为当天出具。"
    assert SmsMessage.objects.filter(template_code="rating_answered", case=poor.case).exists()
    assert poor.case.display_reference not in supervisor.get(URL).content.decode()


def test_an_empty_answer_is_explained_and_nothing_is_sent(supervisor, poor):
    response = supervisor.post(f"{URL}{poor.pk}/", {"answer": " "})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not SmsMessage.objects.filter(template_code="rating_answered").exists()


def test_an_overdue_review_is_marked(supervisor, poor):
    from django.utils import timezone

    poor.review_due = timezone.now() - timezone.timedelta(hours=1)
    poor.save(update_fields=["review_due"])
    assert "已超期" in supervisor.get(URL).content.decode()


def test_the_statistics_show_and_export_the_ratings(client, health):
    for level in (5, 5, 2):
        rating = RatingFactory(department=health, level=level, reason="慢")
        DepartmentTaskFactory(case=rating.case, matter=Matter.objects.get(code="H01"))
    administrator = UserFactory(is_staff=True)
    administrator.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    staff_login(client, administrator)
    page = client.get("/admin/statistics/").content.decode()
    assert "服务评价（按部门）" in page and "2/3" in page
    book = load_workbook(io.BytesIO(client.get("/admin/statistics/export.xlsx").content))
    rows = list(book["服务评价（按事项）"].iter_rows(values_only=True))
    assert rows[0][:3] == ("事项", "评价数", "平均分(1-5)")
    assert rows[1][0].startswith("H01") and rows[1][1:3] == (3, 4.0)
