"""What ``/healthz/`` checks, with django-health-check: the database and the
cache a request needs, and the things that fail silently — a worker that
drains no queue, a scheduler that no longer runs, a year the working-day
calendar does not know (every time limit crossing into it would be wrong).

``/healthz/web/`` checks only what this web process needs to answer: it is
the load balancer's probe, since a stopped worker must raise an alert, not
take every web server out of rotation."""

import dataclasses
import datetime

from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from cases.models import Heartbeat
from cases.workdays import years_missing_schedule
from web.network import client_ip

from .metrics import LOOPBACK, carries_metrics_token

# The scheduler runs every minute and asks the worker for a beat each time.
SCHEDULER_SILENCE = datetime.timedelta(minutes=3)
WORKER_SILENCE = datetime.timedelta(minutes=5)
# Time limits run up to 20 working days: a case filed today may be due a
# month from now, and that month's days must be known.
CALENDAR_HORIZON_DAYS = 31


class _OwnConnection:
    """Checks run in django-health-check's thread pool: close the thread's
    connection afterwards, or each probe thread keeps one open."""

    def run(self):
        try:
            self.probe()
        finally:
            connection.close()


@dataclasses.dataclass
class HeartbeatRecent(_OwnConnection, HealthCheck):
    process: str = "worker"
    silence: datetime.timedelta = dataclasses.field(default=WORKER_SILENCE, repr=False)

    def probe(self):
        last = Heartbeat.last(self.process)
        if last is None:
            raise ServiceUnavailable(f"no heartbeat from the {self.process} yet")
        quiet = timezone.now() - last
        if quiet > self.silence:
            raise ServiceUnavailable(
                f"the {self.process} has been silent for {int(quiet.total_seconds())} s"
            )


@dataclasses.dataclass
class CalendarKnown(_OwnConnection, HealthCheck):
    def probe(self):
        missing = years_missing_schedule(timezone.localdate(), CALENDAR_HORIZON_DAYS)
        if missing:
            years = ", ".join(str(year) for year in missing)
            raise ServiceUnavailable(
                f"the working-day calendar does not know {years}: enter the State "
                f"Council's holiday notice under Holiday notices"
            )


WEB_CHECKS = (Database, Cache)
ALL_CHECKS = (
    *WEB_CHECKS,
    (HeartbeatRecent, {"process": "worker", "silence": WORKER_SILENCE}),
    (HeartbeatRecent, {"process": "scheduler", "silence": SCHEDULER_SILENCE}),
    CalendarKnown,
)


def _sees_details(request):
    """Which check failed and why is for operators: loopback (the machine
    itself, a monitoring agent on it) or the metrics token."""
    return client_ip(request) in LOOPBACK or carries_metrics_token(request)


def _up_or_down(view):
    """Anyone else learns only whether the service is up: the checks' names
    and errors say how it is built and what is broken."""

    @never_cache
    async def answer(request, *args, **kwargs):
        # django-health-check's view is asynchronous.
        response = await view(request, *args, **kwargs)
        if _sees_details(request):
            return response
        up = response.status_code == 200
        return JsonResponse({"status": "up" if up else "down"}, status=response.status_code)

    return answer


health = _up_or_down(HealthCheckView.as_view(checks=ALL_CHECKS))
web_health = _up_or_down(HealthCheckView.as_view(checks=WEB_CHECKS))
