"""Periodic work, run by ``manage.py run_scheduled`` from cron or a systemd
timer on any number of machines: each job runs at most once per interval."""

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import queue
from .connectors.service import recover_stalled
from .connectors.signing import MAX_SKEW
from .models import CallbackNonce, Heartbeat, ScheduledJobRun
from .services import daily_figures, heir_reminders, reminders, retention, time_limits, trail

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: datetime.timedelta
    function: object


def recover_stalled_dispatches(now):
    return f"{recover_stalled(now)} dispatches sent again"


def prune_callback_nonces(now):
    # Older request ids cannot come back: their timestamps would be stale.
    cutoff = now - datetime.timedelta(seconds=MAX_SKEW * 2)
    deleted, _ = CallbackNonce.objects.filter(received_at__lt=cutoff).delete()
    return f"{deleted} old callback ids pruned"


def flag_overdue_tasks(now):
    return f"{time_limits.flag_overdue_tasks(now)} tasks became overdue"


def remind_and_escalate(now):
    return f"{reminders.remind_and_escalate(now)} reminders to staff"


def remind_and_expire_delegations(now):
    reminded, expired = heir_reminders.remind_and_expire(now)
    return f"{reminded} heirs reminded, {expired} requests expired"


def ask_worker_for_heartbeat(now):
    # The worker beats when it runs this: a queue it does not drain shows.
    queue.enqueue(queue.WORKER_HEARTBEAT)
    return "heartbeat asked of the worker"


def summarise_statistics(now):
    return f"{daily_figures.catch_up(timezone.localdate(now))} days summarised"


def seal_audit_trail(now):
    return f"{trail.seal_late(now)} audit rows sealed late"


def check_audit_trail(now):
    """Today's chain, and yesterday's once more after it closed (its last
    links may have been sealed after the last check of the day)."""
    today = timezone.localdate(now)
    yesterday = today - datetime.timedelta(days=1)
    days = [today]
    last = trail.latest_check(yesterday)
    if last is None or timezone.localdate(last.checked_at) < today:
        days.insert(0, yesterday)
    broken = [day for day in days if not trail.check(day, now=now).intact]
    return f"{len(broken)} days of the audit trail broken"


def erase_expired_cases(now):
    return f"{retention.erase_expired(now)} cases erased, their retention over"


def purge_old_audit(now):
    return f"{retention.purge_audit(now)} audit rows past their retention removed"


JOBS = [
    PeriodicJob("flag_overdue_tasks", datetime.timedelta(minutes=15), flag_overdue_tasks),
    # After the overdue flags, which it reads.
    PeriodicJob("remind_and_escalate", datetime.timedelta(minutes=15), remind_and_escalate),
    PeriodicJob(
        "recover_stalled_dispatches", datetime.timedelta(minutes=1), recover_stalled_dispatches
    ),
    PeriodicJob("prune_callback_nonces", datetime.timedelta(hours=1), prune_callback_nonces),
    # Catches up every day it missed, whenever it runs again.
    PeriodicJob("summarise_statistics", datetime.timedelta(hours=1), summarise_statistics),
    PeriodicJob(
        "ask_worker_for_heartbeat", datetime.timedelta(minutes=1), ask_worker_for_heartbeat
    ),
    PeriodicJob("seal_audit_trail", datetime.timedelta(minutes=1), seal_audit_trail),
    PeriodicJob("check_audit_trail", datetime.timedelta(minutes=15), check_audit_trail),
    PeriodicJob("erase_expired_cases", datetime.timedelta(hours=1), erase_expired_cases),
    PeriodicJob("purge_old_audit", datetime.timedelta(days=1), purge_old_audit),
    PeriodicJob(
        "remind_and_expire_delegations",
        datetime.timedelta(minutes=15),
        remind_and_expire_delegations,
    ),
]


def register_job(job):
    """Let an app that builds on ``cases`` add its own periodic job."""
    if all(existing.name != job.name for existing in JOBS):
        JOBS.append(job)


def run_due_jobs(jobs=None, now=None):
    """Run each job that is due and not running elsewhere; return {name: outcome}."""
    outcomes = {}
    for job in jobs or JOBS:
        ScheduledJobRun.objects.get_or_create(name=job.name)
        current = now or timezone.now()
        with transaction.atomic():
            run = (
                ScheduledJobRun.objects.select_for_update(skip_locked=True)
                .filter(name=job.name)
                .first()
            )
            if run is None:
                outcomes[job.name] = "running elsewhere"
                continue
            if run.last_started_at and run.last_started_at + job.every > current:
                outcomes[job.name] = "not due"
                continue
            run.last_started_at = current
            run.last_outcome = str(job.function(current))[:300]
            run.last_finished_at = timezone.now()
            run.save()
            outcomes[job.name] = run.last_outcome
            logger.info("Scheduled job %s: %s", job.name, run.last_outcome)
    Heartbeat.beat("scheduler", timezone.now())
    return outcomes
