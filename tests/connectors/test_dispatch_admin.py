import pytest
from django.urls import reverse

from cases.models import Department, Dispatch, DispatchStatus
from tests.factories import DepartmentTaskFactory, UserFactory
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_dispatch(database_jobs):
    task = DepartmentTaskFactory()
    return Dispatch.objects.create(
        task=task,
        department=task.department,
        connector="http_json",
        status=DispatchStatus.DEAD,
        attempts=8,
        last_error="HTTP 503 from the department",
    )


def test_administrators_see_dead_dispatches_with_a_retry_button(client, dead_dispatch):
    staff_login(client, UserFactory(superuser=True))
    response = client.get(reverse("cases_dispatch:index"), {"status": "dead"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "HTTP 503 from the department" in page
    assert reverse("cases_dispatch_retry", args=[dead_dispatch.pk]) in page


def test_retrying_queues_the_dispatch_again(client, dead_dispatch):
    staff_login(client, UserFactory(superuser=True))
    response = client.post(reverse("cases_dispatch_retry", args=[dead_dispatch.pk]))
    assert response.status_code == 302
    dead_dispatch.refresh_from_db()
    assert (dead_dispatch.status, dead_dispatch.attempts) == (DispatchStatus.PENDING, 0)


def test_staff_without_the_permission_cannot_retry(client, dead_dispatch):
    staff_login(client, UserFactory(staff=True))
    response = client.post(reverse("cases_dispatch_retry", args=[dead_dispatch.pk]))
    assert response.status_code in (302, 403)
    dead_dispatch.refresh_from_db()
    assert dead_dispatch.status == DispatchStatus.DEAD


def test_the_department_secret_is_never_sent_back_to_the_browser(client):
    Department.objects.filter(code="health").update(
        connector="http_json",
        endpoint_url="https://health.example/tasks",
        shared_secret="the-health-department-shared-secret-xyz",
    )
    staff_login(client, UserFactory(superuser=True))
    health = Department.objects.get(code="health")
    response = client.get(reverse("wagtailsnippets_cases_department:edit", args=[health.pk]))
    assert response.status_code == 200
    assert "the-health-department-shared-secret-xyz" not in response.content.decode()


def test_saving_a_department_without_a_new_secret_keeps_the_old_one(client):
    Department.objects.filter(code="health").update(shared_secret="s" * 40)
    health = Department.objects.get(code="health")
    staff_login(client, UserFactory(superuser=True))
    response = client.post(
        reverse("wagtailsnippets_cases_department:edit", args=[health.pk]),
        {
            "code": "health",
            "name_zh": health.name_zh,
            "name_en": health.name_en,
            "sort_order": 1,
            "connector": "http_json",
            "endpoint_url": "https://health.example/tasks",
            "shared_secret": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    health.refresh_from_db()
    assert health.shared_secret == "s" * 40
    assert health.connector == "http_json"


def test_a_sending_connector_needs_an_endpoint(client):
    health = Department.objects.get(code="health")
    staff_login(client, UserFactory(superuser=True))
    response = client.post(
        reverse("wagtailsnippets_cases_department:edit", args=[health.pk]),
        {
            "code": "health",
            "name_zh": health.name_zh,
            "sort_order": 1,
            "connector": "http_json",
            "endpoint_url": "",
            "shared_secret": "t" * 40,
        },
    )
    assert response.status_code == 200
    health.refresh_from_db()
    assert health.connector == "workbench"
