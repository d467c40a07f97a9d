"""Sending ready tasks to departments' systems and applying their answers.

Every step is safe to repeat: a dispatch is claimed with a conditional
update before it is sent, the department sees the same idempotency key on
every attempt, a callback's request id is accepted once, and an outcome is
applied to its task once.
"""

import json
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .. import queue, retrying
from ..audit import acting_as
from ..audit_events import record
from ..models import (
    AuditEventKind,
    CallbackNonce,
    Department,
    DepartmentTask,
    Dispatch,
    DispatchStatus,
)
from ..services import benefits
from ..services import tasks as task_services
from ..services.contract import contract_for
from ..transitions import InvalidTransition
from . import file_links, signing
from .base import DeliveryFailed, DeliveryRefused
from .registry import register

logger = logging.getLogger(__name__)

OUTCOMES = {"accepted", "awaiting_materials", "completed", "not_applicable", "rejected"}


class CallbackRefused(Exception):
    """Answer ``status`` with ``message`` (no personal data, no secrets)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def deliver(dispatch_id):
    """One attempt to send a dispatch (run by the ``deliver_dispatch`` job)."""
    now = timezone.now()
    claimed = Dispatch.objects.filter(
        pk=dispatch_id, status__in=[DispatchStatus.PENDING, DispatchStatus.RETRYING]
    ).update(
        status=DispatchStatus.SENDING,
        attempts=F("attempts") + 1,
        lease_expires_at=now + timedelta(seconds=settings.CONNECTOR_LEASE_SECONDS),
        updated_at=now,
    )
    if not claimed:
        return "not claimed"  # delivered, dead, or another worker has it
    dispatch = Dispatch.objects.select_related(
        "department", "task__case__deceased", "task__case__applicant"
    ).get(pk=dispatch_id)
    try:
        if dispatch.connector not in register:
            raise DeliveryRefused(f"no connector '{dispatch.connector}' is installed")
        delivery = register[dispatch.connector].deliver(dispatch)
    except DeliveryFailed as exc:
        with transaction.atomic():
            dispatch.last_error = str(exc)[:300]
            dispatch.lease_expires_at = None
            if (
                isinstance(exc, DeliveryRefused)
                or dispatch.attempts >= settings.CONNECTOR_MAX_ATTEMPTS
            ):
                dispatch.status = DispatchStatus.DEAD
                dispatch.next_attempt_at = None
                logger.warning(
                    "Dispatch %s given up after %s attempts: %s",
                    dispatch.key,
                    dispatch.attempts,
                    dispatch.last_error,
                )
            else:
                dispatch.status = DispatchStatus.RETRYING
                dispatch.next_attempt_at = timezone.now() + backoff(dispatch.attempts)
                queue.enqueue(
                    queue.DELIVER_DISPATCH, dispatch.pk, run_after=dispatch.next_attempt_at
                )
            dispatch.save()
        return dispatch.status
    dispatch.status = DispatchStatus.DELIVERED
    dispatch.delivered_at = timezone.now()
    dispatch.lease_expires_at = None
    dispatch.next_attempt_at = None
    dispatch.last_error = ""
    dispatch.external_reference = delivery.external_reference
    dispatch.save()
    return dispatch.status


def backoff(attempt):
    return retrying.backoff(
        attempt,
        base=settings.CONNECTOR_RETRY_BASE_SECONDS,
        cap=settings.CONNECTOR_RETRY_CAP_SECONDS,
    )


def retry(dispatch, *, actor):
    """An administrator sends a dead dispatch again, attempts counted afresh."""
    with transaction.atomic(), acting_as(actor):
        dispatch = Dispatch.objects.select_for_update().get(pk=dispatch.pk)
        if dispatch.status != DispatchStatus.DEAD:
            return dispatch
        dispatch.status = DispatchStatus.PENDING
        dispatch.attempts = 0
        dispatch.last_error = ""
        dispatch.save()
        queue.enqueue(queue.DELIVER_DISPATCH, dispatch.pk)
    return dispatch


def recover_stalled(now=None):
    """Dispatches whose worker died mid-send (the lease ran out) go back to
    the queue. The department recognises the key if the first try got there."""
    now = now or timezone.now()
    recovered = 0
    with transaction.atomic():
        stalled = Dispatch.objects.select_for_update(skip_locked=True).filter(
            status=DispatchStatus.SENDING, lease_expires_at__lt=now
        )
        for dispatch in stalled:
            dispatch.lease_expires_at = None
            if dispatch.attempts >= settings.CONNECTOR_MAX_ATTEMPTS:
                # Sending keeps killing its worker (or failing in a way no
                # attempt records): stop and let an administrator look.
                dispatch.status = DispatchStatus.DEAD
                dispatch.last_error = "the sending worker stopped on every attempt"
                dispatch.save()
                continue
            dispatch.status = DispatchStatus.RETRYING
            dispatch.last_error = "the sending worker stopped; sending again"
            dispatch.save()
            queue.enqueue(queue.DELIVER_DISPATCH, dispatch.pk)
            recovered += 1
    return recovered


def receive_callback(department_code, headers, body):
    """Check a department's callback and queue it to be applied; raise
    CallbackRefused otherwise."""
    department = Department.objects.filter(code=department_code).first()
    if department is None or not department.shared_secret:
        raise CallbackRefused(404, "unknown department")
    try:
        verified = signing.verify(department.shared_secret, headers, body)
    except signing.SignatureError as exc:
        raise CallbackRefused(401, str(exc)) from None
    try:
        payload = json.loads(body)
        key, outcome = str(payload["key"]), payload["outcome"]
    except (ValueError, KeyError, TypeError):
        raise CallbackRefused(400, "the body must be JSON with 'key' and 'outcome'") from None
    if outcome not in OUTCOMES:
        raise CallbackRefused(400, f"outcome must be one of {sorted(OUTCOMES)}")
    if not Dispatch.objects.filter(key=_uuid_or_none(key), department=department).exists():
        raise CallbackRefused(400, "no dispatch with this key for this department")
    try:
        with transaction.atomic():
            CallbackNonce.objects.create(department=department, request_id=verified.request_id)
            queue.enqueue(queue.APPLY_DEPARTMENT_RESULT, key, payload)
    except IntegrityError:
        raise CallbackRefused(409, "this request was already received") from None


def apply_result(key, payload):
    """Apply one reported outcome to the task, once (``apply_department_result`` job)."""
    outcome = payload["outcome"]
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().select_related("task").get(key=key)
        if outcome in dispatch.applied_outcomes:
            return "duplicate"
        task = dispatch.task
        try:
            _apply(task, outcome, payload)
        except InvalidTransition as exc:
            # Kept for administrators; retrying would not make it fit.
            dispatch.last_error = f"'{outcome}' not applied: {exc}"[:300]
            dispatch.save()
            return "not applicable to the task's state"
        dispatch.applied_outcomes = [*dispatch.applied_outcomes, outcome]
        dispatch.save()
    return "applied"


def _apply(task, outcome, payload):
    if outcome == "accepted":
        task_services.accept_task(task, actor=None)
    elif outcome == "awaiting_materials":
        if task.status == "ready":
            task = task_services.accept_task(task, actor=None)
        task_services.request_materials(task, actor=None, message=payload.get("message", ""))
    elif outcome == "completed":
        result = benefits.with_stop(task, payload.get("result") or {})
        task_services.complete_task(task, actor=None, result=result)
    elif outcome == "not_applicable":
        task_services.mark_not_applicable(task, actor=None, reason=payload.get("reason", ""))
    elif outcome == "rejected":
        task_services.reject_task(task, actor=None, reason=payload.get("reason", ""))


def _uuid_or_none(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def fetch_contract_file(department_code, task_id, kind, ident, *, expires, signature, remote_addr):
    """The document or certificate a signed link opens, for the department's
    own system; None when the task's contract does not name it. Raises
    file_links.LinkRefused for a bad or expired link. Each fetch is an
    access event."""
    department = Department.objects.filter(code=department_code).first()
    if department is None:
        raise file_links.LinkRefused("no such link")
    file_links.check(department, task_id, kind, ident, expires, signature)
    task = (
        DepartmentTask.objects.filter(pk=task_id, department=department)
        .select_related("case__deceased", "case__applicant", "department")
        .first()
    )
    if task is None:
        return None
    contract = contract_for(task)
    if kind == file_links.CERTIFICATE:
        found = contract.certificate(ident)
    else:
        found = contract.document(ident)
    if found is not None:
        record(
            AuditEventKind.FILE_FETCHED,
            actor=None,
            case=task.case,
            subject=f"{kind}:{ident}",
            remote_addr=remote_addr,
            department=department.code,
            task=task.pk,
        )
    return found
