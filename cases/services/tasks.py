"""What happens to a department task: accept, ask for materials, complete…

Every change locks the case row first. That serialises all changes to one
case, so two clerks cannot both complete the same task, and two tasks
finishing at the same moment cannot both miss that together they release a
third. Each function returns the task as it now is.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import queue
from ..audit import acting_as
from ..audit_events import record as record_event
from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import (
    FINISHED_TASK_STATUSES,
    OPEN_TASK_STATUSES,
    POLICE_CERTIFICATE,
    RESOLVED_TASK_STATUSES,
    CaseStatus,
    PauseReason,
    TaskStatus,
)
from ..models import AuditEventKind, Case, DepartmentTask, DispatchEvent, Reversal
from ..notifications import notify
from ..transitions import InvalidTransition, check_case_transition
from ..workdays import calendar_for
from . import clock, offsets, release
from .consent import NOTARY_MATTER_CODE, record_notarisation
from .ratings import rating_link
from .results import issue_result_list, outcome_phrase
from .status_history import change_status

# The matter whose completion is the funeral booking the family waits to hear of.
FUNERAL_BOOKING = "C01"


def accept_task(task, *, actor):
    return _change(task, TaskStatus.IN_PROGRESS, actor, assign=True)


def request_materials(task, *, actor, message):
    """Ask the family for something; ``message`` is shown to them as written."""
    return _change(task, TaskStatus.AWAITING_MATERIALS, actor, message_to_family=message)


def materials_supplied(task, *, actor=None, reply=""):
    return _change(task, TaskStatus.IN_PROGRESS, actor, family_reply=reply)


def answer_rejection(task, *, actor=None, reply=""):
    """The family answers a rejected task (a document, a correction, a note):
    it stays rejected until its department reopens it or closes it as not
    applicable, and the department's own system hears of the answer."""
    with transaction.atomic(), acting_as(actor):
        task = DepartmentTask.objects.select_for_update().get(pk=task.pk)
        if task.status != TaskStatus.REJECTED:
            raise InvalidTransition(_("This matter is not waiting for anything from you any more."))
        task.family_reply = reply
        task.save(update_fields=["family_reply", "updated_at"])
        record_event(
            AuditEventKind.MATERIALS_SUPPLIED,
            actor=actor,
            case=task.case,
            subject=f"task:{task.pk}",
            matter=task.matter_code,
        )
        dispatch_ready_tasks([task], event=DispatchEvent.MATERIALS)
    return task


def complete_task(task, *, actor, result=None):
    """Complete with a structured result (outcome, date, amount…), then make
    ready whatever was waiting only for this, and complete the case if this
    was the last open task."""
    return _change(task, TaskStatus.COMPLETED, actor, result=dict(result or {}))


def mark_not_applicable(task, *, actor, reason):
    return _change(task, TaskStatus.NOT_APPLICABLE, actor, reason=reason)


def reject_task(task, *, actor, reason):
    return _change(task, TaskStatus.REJECTED, actor, reason=reason)


def reopen_task(task, *, actor, reason):
    return _change(task, TaskStatus.READY, actor, reason=reason)


def _change(task, status, actor, *, assign=False, **fields):
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=task.case_id)
        # Read again under the lock: what the caller holds may be stale.
        task = DepartmentTask.objects.select_for_update().get(pk=task.pk)
        if case.status == CaseStatus.WITHDRAWN:
            raise InvalidTransition(_("This case was withdrawn; its tasks can no longer change."))
        previous = change_status(task, status, at=now, actor=actor, reason=fields.get("reason", ""))
        for name, value in fields.items():
            setattr(task, name, value)
        if assign and getattr(actor, "is_authenticated", False):
            task.assignee = actor
        if status == TaskStatus.IN_PROGRESS and task.accepted_at is None:
            task.accepted_at = now
        if status == TaskStatus.READY:
            task.start_clock(now, calendar_for([task.limit], now))
        if status in RESOLVED_TASK_STATUSES:
            task.completed_at = now
            offsets.on_completion(task, case, now)
        if status == TaskStatus.AWAITING_MATERIALS:
            clock.pause(task, case, PauseReason.FAMILY, now)
        elif previous == TaskStatus.AWAITING_MATERIALS:
            clock.resume(task, case, now)
        task.save()
        record_event(
            _move_event(previous, status),
            actor=actor,
            case=case,
            subject=f"task:{task.pk}",
            matter=task.matter_code,
        )
        if status == TaskStatus.COMPLETED and task.matter_id and task.matter.starts_case_clock:
            clock.start_case_clock(case, now)
        if status == TaskStatus.COMPLETED and task.matter_code == POLICE_CERTIFICATE:
            release.body_released(case, now)  # if the police had not said so before
        if status == TaskStatus.COMPLETED and task.issues_certificate:
            # Signed in the background: it takes a moment, and the job row is
            # written in this transaction, so the certificate is never lost.
            queue.enqueue(queue.ISSUE_CERTIFICATE, task.pk)
        if status == TaskStatus.READY:
            dispatch_ready_tasks([task])
        if previous == TaskStatus.AWAITING_MATERIALS and status == TaskStatus.IN_PROGRESS:
            # The department's own system hears that the family answered.
            dispatch_ready_tasks([task], event=DispatchEvent.MATERIALS)
        if status == TaskStatus.AWAITING_MATERIALS:
            _tell_family_materials_needed(case, task, now)
        if status == TaskStatus.REJECTED:
            _tell_family_rejected(case, task)
        if status == TaskStatus.COMPLETED and not task.is_automatic:
            _tell_family_done(case, task)
        if status == TaskStatus.COMPLETED and task.matter_code == NOTARY_MATTER_CODE:
            record_notarisation(case, now)
            release.release_consent_tasks(case, now)
        if status in RESOLVED_TASK_STATUSES and case.status == CaseStatus.REVERSED:
            finish_reversal_if_done(case, now)
        elif status in RESOLVED_TASK_STATUSES:
            release.release_dependants(task, case, now)
            _complete_case_if_done(case, now)
    return task


def _move_event(previous, status):
    """The write event of a clerk's (or the family's) move of a task."""
    if status == TaskStatus.IN_PROGRESS and previous == TaskStatus.AWAITING_MATERIALS:
        return AuditEventKind.MATERIALS_SUPPLIED
    return {
        TaskStatus.IN_PROGRESS: AuditEventKind.TASK_ACCEPTED,
        TaskStatus.AWAITING_MATERIALS: AuditEventKind.MATERIALS_REQUESTED,
        TaskStatus.COMPLETED: AuditEventKind.TASK_COMPLETED,
        TaskStatus.NOT_APPLICABLE: AuditEventKind.TASK_CLOSED,
        TaskStatus.REJECTED: AuditEventKind.TASK_REJECTED,
        TaskStatus.READY: AuditEventKind.TASK_REOPENED,
    }[status]


def close_unfinished(case, reason, now, *, actor=None):
    """Close every unfinished task of ``case`` as not applicable, with
    ``reason`` (the case is withdrawn, or its death retracted); a closed task
    waits for nothing any more. Returns those a department already had, to
    be told to stop. Call with the case row locked."""
    had = []
    unfinished = case.tasks.exclude(status__in=FINISHED_TASK_STATUSES).select_related("department")
    for task in unfinished:
        if task.status in OPEN_TASK_STATUSES:
            had.append(task)  # its department has it, in the admin or its system
        change_status(task, TaskStatus.NOT_APPLICABLE, at=now, actor=actor, reason=reason)
        task.reason = reason
        task.completed_at = now
        task.paused_since, task.pause_reason = None, ""
        task.save()
    return had


def finish_reversal_if_done(case, now):
    """The reversal of ``case`` (a death reported in error) is done once every
    compensating task is. Call with the case row locked."""
    undoing = case.tasks.filter(compensates__isnull=False)
    if undoing.exclude(status__in=FINISHED_TASK_STATUSES).exists():
        return
    Reversal.objects.filter(case=case, completed_at__isnull=True).update(completed_at=now)


def _complete_case_if_done(case, now):
    if case.tasks.exclude(status__in=FINISHED_TASK_STATUSES).exists():
        return
    check_case_transition(case.status, CaseStatus.COMPLETED)
    case.status = CaseStatus.COMPLETED
    case.completed_at = now
    issued = issue_result_list(case, now)
    case.save()
    if issued:
        # After the save: the job reads the issued list (cases.services.result_document).
        queue.enqueue(queue.SEAL_RESULT_LIST, case.pk)
    notify(
        "case_completed",
        phone=case.applicant.phone,
        case=case,
        context={"reference": case.display_reference, "link": rating_link(case)},
        dedupe_key=f"case:{case.pk}:completed",
    )


def matter_for_family(case, task):
    """The matter's name in the language the family applied in."""
    if case.language.startswith("en") and task.matter_name_en:
        return task.matter_name_en
    return task.matter_name_zh


def _tell_family_done(case, task):
    """A text at every step (步步反馈): what the matter's completion means.
    A certificate's own text says it for the matters that issue one; the
    funeral booking says when and where, with the funeral home's phone."""
    english = case.language.startswith("en")
    outcome = outcome_phrase(task, english=english)
    amount = (task.result or {}).get("amount")
    if amount:
        outcome += f", ¥{amount}" if english else f"，金额 ¥{amount}"
    context = {
        "reference": case.display_reference,
        "matter": matter_for_family(case, task),
        "outcome": outcome,
    }
    if task.matter_code == FUNERAL_BOOKING and task.department.public_phone:
        code = "funeral_booked"
        context["phone"] = task.department.public_phone
    elif task.matter_code == FUNERAL_BOOKING:
        # 12345 is not the funeral home: without its number, say it calls.
        code = "funeral_booked_call"
    elif task.issues_certificate:
        return
    else:
        code = "matter_done"
    notify(
        code,
        phone=case.applicant.phone,
        case=case,
        context=context,
        dedupe_key=f"task:{task.pk}:done",
    )


def _tell_family_rejected(case, task):
    # Why, and what the family can do: a rejection is never a dead end.
    notify(
        "task_rejected",
        phone=case.applicant.phone,
        case=case,
        context={
            "reference": case.display_reference,
            "matter": matter_for_family(case, task),
            "reason": task.reason,
        },
        dedupe_key=f"task:{task.pk}:rejected:{task.updated_at:%Y%m%d%H%M%S%f}",
    )


def _tell_family_materials_needed(case, task, now):
    # At most one such SMS per task and day, however often a clerk asks.
    notify(
        "materials_needed",
        phone=case.applicant.phone,
        case=case,
        context={"reference": case.display_reference, "matter": matter_for_family(case, task)},
        dedupe_key=f"task:{task.pk}:materials:{timezone.localdate(now)}",
    )
