"""``/metrics`` in Prometheus' text format: django-prometheus counts the
requests (its middleware); the figures of the service itself are read from
the database when Prometheus scrapes, each by an index, so a scrape costs the
same at a million cases.

Under gunicorn each worker counts its own requests: with
``PROMETHEUS_MULTIPROC_DIR`` set (``deploy/``) the workers' counts are
added up. The endpoint answers only the token in ``METRICS_TOKEN`` (or, with
none set, only loopback): queue sizes are nobody else's business."""

import hmac
import os

import prometheus_client
from django.conf import settings
from django.db.models import Count
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily

from cases.constants import OPEN_TASK_STATUSES
from cases.models import DepartmentTask, Dispatch, SmsMessage
from cases.models.dispatch import DispatchStatus
from cases.models.notifications import SmsStatus
from cases.services.time_limits import late_tasks
from web.network import client_ip


class ServiceCollector:
    """Reads the service's own gauges at scrape time (no state to keep in
    step across processes)."""

    def collect(self):
        tasks = GaugeMetricFamily(
            "shenhou_department_tasks_open",
            "Open department tasks, by status (the departments' queues).",
            labels=["status"],
        )
        by_status = dict(
            DepartmentTask.objects.filter(status__in=OPEN_TASK_STATUSES)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        for status in sorted(OPEN_TASK_STATUSES):
            tasks.add_metric([str(status)], by_status.get(status, 0))
        yield tasks

        yield GaugeMetricFamily(
            "shenhou_department_tasks_overdue",
            "Open tasks past their due moment whose clock is running.",
            value=late_tasks(timezone.now()).count(),
        )
        yield GaugeMetricFamily(
            "shenhou_background_jobs_waiting",
            "Background jobs (dispatches, SMS, certificates) waiting for a worker.",
            value=DBTaskResult.objects.ready().count(),
        )
        yield GaugeMetricFamily(
            "shenhou_sms_failed",
            "SMS that could not be sent after every attempt.",
            value=SmsMessage.objects.filter(status=SmsStatus.FAILED).count(),
        )
        yield GaugeMetricFamily(
            "shenhou_dispatch_dead_letters",
            "Dispatches to departments given up on, waiting for an administrator.",
            value=Dispatch.objects.filter(status=DispatchStatus.DEAD).count(),
        )


def _exposition():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = prometheus_client.REGISTRY
    service = prometheus_client.CollectorRegistry()
    service.register(ServiceCollector())
    return prometheus_client.generate_latest(requests) + prometheus_client.generate_latest(service)


LOOPBACK = {"127.0.0.1", "::1"}


def carries_metrics_token(request):
    """Whether the request bears METRICS_TOKEN (never, when none is set)."""
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def _allowed(request):
    if not settings.METRICS_TOKEN:
        return client_ip(request) in LOOPBACK
    return carries_metrics_token(request)


@never_cache
@require_GET
def metrics(request):
    if not _allowed(request):
        return HttpResponseForbidden("metrics need the METRICS_TOKEN bearer token\n")
    return HttpResponse(
        _exposition(),
        content_type=prometheus_client.CONTENT_TYPE_LATEST,
    )
