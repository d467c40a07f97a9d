"""/metrics gives Prometheus the requests and the service's own gauges:
queue depth, overdue tasks, SMS failures, dispatch dead letters (issue 22);
only to loopback or the bearer token."""

import datetime

import pytest
from django.utils import timezone

from cases.constants import TaskStatus
from cases.models.dispatch import DispatchStatus
from cases.models.notifications import SmsStatus
from tests.factories import DepartmentTaskFactory, DispatchFactory, SmsMessageFactory

pytestmark = pytest.mark.django_db


def scrape(client, **headers):
    response = client.get("/metrics", **headers)
    return response.status_code, response.content.decode()


def value(text, name):
    (line,) = [line for line in text.splitlines() if line.startswith(name + " ")]
    return float(line.split()[-1])


def test_the_gauges_count_open_overdue_failed_and_dead_rows(client):
    past = timezone.now() - datetime.timedelta(hours=1)
    DepartmentTaskFactory(status=TaskStatus.READY, due_at=past)
    DepartmentTaskFactory(
        status=TaskStatus.READY, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    DepartmentTaskFactory(status=TaskStatus.COMPLETED, due_at=past)
    SmsMessageFactory(status=SmsStatus.FAILED)
    SmsMessageFactory(status=SmsStatus.SENT)
    DispatchFactory(status=DispatchStatus.DEAD, task__status=TaskStatus.COMPLETED)
    DispatchFactory(status=DispatchStatus.DELIVERED, task__status=TaskStatus.COMPLETED)
    status, text = scrape(client)
    assert status == 200
    assert value(text, 'shenhou_department_tasks_open{status="ready"}') == 2
    assert value(text, "shenhou_department_tasks_overdue") == 1
    assert value(text, "shenhou_sms_failed") == 1
    assert value(text, "shenhou_dispatch_dead_letters") == 1
    assert value(text, "shenhou_background_jobs_waiting") == 0


def test_a_paused_task_past_its_due_moment_is_not_counted_overdue(client):
    past = timezone.now() - datetime.timedelta(hours=1)
    DepartmentTaskFactory(status=TaskStatus.READY, due_at=past, paused_since=past)
    assert value(scrape(client)[1], "shenhou_department_tasks_overdue") == 0


def test_requests_are_counted_by_view(client):
    client.get("/healthz/web/")
    _status, text = scrape(client)
    assert 'view="healthz_web"' in text
    assert "django_http_requests_total_by_view_transport_method_total" in text


def test_without_a_token_only_loopback_may_scrape(client):
    assert scrape(client, REMOTE_ADDR="10.0.0.7")[0] == 403


def test_with_a_token_set_only_its_bearer_may_scrape(client, settings):
    settings.METRICS_TOKEN = "scrape-" + "x" * 30
    assert scrape(client)[0] == 403
    assert scrape(client, HTTP_AUTHORIZATION="Bearer wrong")[0] == 403
    assert scrape(client, HTTP_AUTHORIZATION="Bearer " + settings.METRICS_TOKEN)[0] == 200


def test_the_page_makes_the_same_queries_whatever_the_rows(client, django_assert_max_num_queries):
    for _ in range(20):
        DepartmentTaskFactory(status=TaskStatus.READY)
    with django_assert_max_num_queries(6):
        assert scrape(client)[0] == 200
