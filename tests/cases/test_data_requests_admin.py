"""The data-protection officer's screens: the queue, nearest deadline first
with the late ones marked; each request's actions; a department's
supervisors see only the corrections sent to them; clerks see none."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Department, RequestKind, RequestStatus
from cases.services import rights_answers
from tests.factories import DataRequestFactory, data_protection_officer
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = data_protection_officer()
    staff_login(client, user)
    return user


def test_the_queue_marks_a_request_past_its_deadline(client, officer):
    late = DataRequestFactory(due_date=timezone.localdate() - datetime.timedelta(days=1))
    page = client.get("/admin/data-requests/").content.decode()
    assert late.reference in page and "已超期" in page


def test_a_clerk_sees_no_requests(client):
    DataRequestFactory()
    staff_login(client, department_member("health"))
    response = client.get("/admin/data-requests/")
    assert response.status_code in (302, 403)


def test_the_officer_prepares_the_copy_from_the_requests_page(client, officer):
    made = DataRequestFactory()
    response = client.post(f"/admin/data-requests/{made.pk}/copy/", follow=True)
    assert "已完成，已短信通知近亲属" in response.content.decode()
    made.refresh_from_db()
    assert made.status == RequestStatus.ANSWERED and made.copy_pdf


def test_a_refusal_without_words_is_refused_and_nothing_changes(client, officer):
    made = DataRequestFactory()
    response = client.post(
        f"/admin/data-requests/{made.pk}/refuse/", {"refusal": "other", "text": ""}, follow=True
    )
    assert "答复（近亲属可见）：必需字段" in response.content.decode()
    made.refresh_from_db()
    assert made.status == RequestStatus.RECEIVED


def test_a_supervisor_sees_and_answers_only_corrections_sent_to_them(client):
    mine = DataRequestFactory(kind=RequestKind.CORRECTION, fact="place_of_death", details="x")
    other = DataRequestFactory(kind=RequestKind.CORRECTION, fact="name", details="y")
    officer = data_protection_officer()
    rights_answers.route_correction(
        mine, department=Department.objects.get(code="health"), by=officer
    )
    rights_answers.route_correction(
        other, department=Department.objects.get(code="public_security"), by=officer
    )
    staff_login(client, department_member("health", supervisor=True))
    page = client.get("/admin/data-requests/").content.decode()
    assert mine.reference in page and other.reference not in page
    assert client.get(f"/admin/data-requests/{other.pk}/").status_code == 404
    client.post(
        f"/admin/data-requests/{mine.pk}/department/", {"corrected": "yes", "note": "已更正"}
    )
    mine.refresh_from_db()
    assert (mine.status, mine.department_corrected) == (RequestStatus.RECEIVED, True)
