"""What follows from the heirs' answers: the money matters are released when
every heir has consented and held while one has not; a consent missing for
good (a refusal, an expiry, a withdrawal, an heir who cannot answer online)
opens one notary task per case, with an appointment the family is texted.
The notary's completion covers the missing consents."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import OPEN_TASK_STATUSES, RESOLVED_TASK_STATUSES, PauseReason, TaskStatus
from ..models import AuditEventKind, Case, DepartmentTask, Matter
from ..models.delegations import MISSING_CONSENT_STATUSES
from ..notifications import notify
from ..workdays import add_working_days, calendar_for
from . import clock
from .consent import NOTARY_MATTER_CODE, all_consented, current_declaration
from .release import release_consent_tasks
from .status_history import change_status, record_created


def settle(case, declaration, now):
    """After any change: release the consent matters when consent is
    complete; otherwise hold them, and open the notary route when a consent
    is missing for good."""
    delegations = list(declaration.delegations.all())
    if all_consented(delegations):
        release_consent_tasks(case, now)
        _close_notary_route(case, now)
        return
    _hold_consent_tasks(case, now)
    if any(d.status in MISSING_CONSENT_STATUSES and d.notarised_at is None for d in delegations):
        _open_notary_route(case, now)


def _hold_consent_tasks(case, now):
    """Consent matters already under way go back to waiting: without every
    heir's consent nothing may be paid, and the case clock waits with them."""
    for task in case.tasks.select_for_update().filter(
        requires_consent=True, status__in=OPEN_TASK_STATUSES
    ):
        task.reason = _("Waiting again for the heirs' authorization.")
        change_status(task, TaskStatus.WAITING, at=now, reason=task.reason)
        task.ready_at = task.due_at = task.due_date = task.overdue_since = None
        task.paused_since = None  # its limit starts afresh when released
        clock.pause(task, case, PauseReason.HEIRS, now)
        task.save()


def _close_notary_route(case, now):
    """A notary task still open is not needed once every heir has confirmed
    online (after a new list, say); left open, the case could never finish."""
    task = (
        case.tasks.select_for_update()
        .filter(matter_code=NOTARY_MATTER_CODE, status__in=OPEN_TASK_STATUSES)
        .first()
    )
    if task is None:
        return
    task.reason = _("Every heir has now confirmed online: no notary appointment is needed.")
    change_status(task, TaskStatus.NOT_APPLICABLE, at=now, reason=task.reason)
    task.completed_at = now
    task.save()


def reschedule_notary_appointment(task, *, actor, at, place):
    """The notary office sets the appointment it agreed with the family; the
    family is texted the new time and place."""
    if task.matter_code != NOTARY_MATTER_CODE:
        raise ValidationError(_("Only the notary's task has an appointment to change."))
    if task.status not in OPEN_TASK_STATUSES:
        raise ValidationError(_("This task is finished; its appointment can no longer change."))
    if at <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    if not place.strip():
        raise ValidationError(_("Say where the family should go."))
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().select_related("applicant").get(pk=task.case_id)
        task = DepartmentTask.objects.select_for_update().get(pk=task.pk)
        task.appointment_at = at
        task.appointment_place = place.strip()
        task.save(update_fields=["appointment_at", "appointment_place", "updated_at"])
        record_event(
            AuditEventKind.APPOINTMENT_MOVED, actor=actor, case=case, subject=f"task:{task.pk}"
        )
        _tell_appointment(case, task, f"task:{task.pk}:appointment:{at.isoformat()}")
    return task


def _tell_appointment(case, task, dedupe_key):
    notify(
        "notary_appointment",
        phone=case.applicant.phone,
        case=case,
        context={
            "reference": case.display_reference,
            "time": task.appointment_at,
            "place": task.appointment_place,
        },
        dedupe_key=dedupe_key,
    )


def route_bank_to_notary(task, *, actor, result):
    """A bank holds more than ¥50,000: it pays only after a notarised
    succession. Its task keeps the balances and waits for the notary (the
    case clock with it); the notary route opens for the case, and once the
    notary certifies the heirs the bank pays what it holds. The other banks
    go on as they are."""
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=task.case_id)
        task = (
            DepartmentTask.objects.select_for_update().select_related("department").get(pk=task.pk)
        )
        task.result = result
        task.reason = _("Over ¥50,000 at %(bank)s: paid after a notarised succession.") % {
            "bank": task.department.name
        }
        change_status(task, TaskStatus.WAITING, at=now, actor=actor, reason=task.reason)
        task.ready_at = task.due_at = task.due_date = task.overdue_since = None
        task.paused_since = None
        clock.pause(task, case, PauseReason.HEIRS, now)
        task.save()
        _open_notary_route(case, now)
    return task


def notary_task(case):
    return case.tasks.filter(matter_code=NOTARY_MATTER_CODE).first()


def _open_notary_route(case, now):
    """One notary task per case, with an appointment the family is told about."""
    task = notary_task(case)
    if task is not None:
        return task
    matter = Matter.objects.select_related("department").get(code=NOTARY_MATTER_CODE)
    today = timezone.localdate(now)
    appointment_day = add_working_days(today, settings.NOTARY_APPOINTMENT_WORKING_DAYS)
    appointment = timezone.make_aware(
        datetime.datetime.combine(appointment_day, settings.NOTARY_APPOINTMENT_TIME)
    )
    task = DepartmentTask.for_matter(
        case,
        matter,
        status=TaskStatus.READY,
        appointment_at=appointment,
        appointment_place=settings.NOTARY_OFFICE_PLACE,
    )
    task.start_clock(now, calendar_for([task.limit], now))
    task.save()
    record_created([task], at=now)
    if case.keep_due_date_after(task.due_date):
        case.save(update_fields=["due_date", "updated_at"])
    dispatch_ready_tasks([task])
    _tell_appointment(case, task, f"case:{case.pk}:notary")
    return task


def consent_status(case, tasks=None):
    """What the family and the departments see: the current declaration, its
    delegations, the notary task, and whether consent is complete. ``tasks``,
    the case's tasks when the caller has them, saves reading them again."""
    declaration = current_declaration(case)
    delegations = list(declaration.delegations.all()) if declaration else []
    tasks = list(case.tasks.all()) if tasks is None else tasks
    return {
        "declaration": declaration,
        "delegations": delegations,
        "notary_task": next((t for t in tasks if t.matter_code == NOTARY_MATTER_CODE), None),
        "given": declaration is not None and all_consented(delegations),
        # Some consents came from the notary, not from every heir online.
        "notarised": any(d.notarised_at for d in delegations),
        "needs_declaration": declaration is None
        and any(t.requires_consent and t.status not in RESOLVED_TASK_STATUSES for t in tasks),
    }
