"""When a waiting task may start: its dependencies resolved, the heirs'
consent given where the matter needs it, and the event it waits for (the
cremation, the body's release) recorded. The rules and the release itself,
called by the services that change tasks, record events and take consent."""

from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import RESOLVED_TASK_STATUSES, ExternalEvent, PauseReason, TaskStatus
from ..notifications import notify
from ..workdays import calendar_for
from . import clock
from .consent import consent_given
from .status_history import change_status

PAUSE_REASONS = {
    ExternalEvent.CREMATION: PauseReason.CREMATION,
    ExternalEvent.BODY_RELEASE: PauseReason.BODY_RELEASE,
}
# The case's field that records each event.
RECORDED_IN = {
    ExternalEvent.CREMATION: "cremated_at",
    ExternalEvent.BODY_RELEASE: "body_released_at",
}


def pending_event(task, case):
    """The event ``task`` still waits for in ``case``, or None."""
    matter = task.matter
    if matter is None or not matter.starts_after:
        return None
    if matter.starts_after_scenarios and case.scenario not in matter.starts_after_scenarios:
        return None
    if getattr(case, RECORDED_IN[matter.starts_after]) is not None:
        return None
    return matter.starts_after


def release_consent_tasks(case, now):
    """Make ready the consent matters of ``case`` that waited only for the
    heirs' consent. Call with the case row locked."""
    waiting = case.tasks.filter(requires_consent=True, status=TaskStatus.WAITING)
    _release(waiting.select_related("matter").prefetch_related("depends_on"), case, now)


def release_waiting(case, waiting, now):
    """Make ready those of ``waiting`` (tasks of ``case``) that may start."""
    _release(waiting, case, now)


def release_waiting_for(case, event, now):
    """``event`` happened: make ready what waited for it (and nothing else).
    Call with the case row locked."""
    waiting = case.tasks.filter(status=TaskStatus.WAITING, matter__starts_after=event)
    _release(waiting.select_related("matter").prefetch_related("depends_on"), case, now)


def release_dependants(task, case, now):
    waiting = (
        task.dependants.filter(status=TaskStatus.WAITING)
        .select_related("matter")
        .prefetch_related("depends_on")
    )
    _release(waiting, case, now)


def _release(waiting, case, now):
    """Make ready those of ``waiting`` whose dependencies are all resolved;
    a consent matter also needs the heirs' consent."""
    released = [
        dependant
        for dependant in waiting
        if all(dep.status in RESOLVED_TASK_STATUSES for dep in dependant.depends_on.all())
    ]
    # What still waits outside the departments holds, and the clock stands still.
    heirs_missing = any(d.requires_consent for d in released) and not consent_given(case)
    ready = []
    for dependant in released:
        event = pending_event(dependant, case)
        if dependant.requires_consent and heirs_missing:
            _hold(dependant, PauseReason.HEIRS, case, now)
        elif event is not None:
            _hold(dependant, PAUSE_REASONS[event], case, now)
        else:
            ready.append(dependant)
    released = ready
    if not released:
        return
    calendar = calendar_for([d.limit for d in released], now)
    for dependant in released:
        change_status(dependant, TaskStatus.READY, at=now)
        clock.resume(dependant, case, now)
        dependant.start_clock(now, calendar)
        dependant.save()
    if case.keep_due_date_after(max(dependant.due_date for dependant in released)):
        case.save(update_fields=["due_date", "updated_at"])
    dispatch_ready_tasks(released)


def _hold(task, reason, case, now):
    if task.paused_since is None:
        clock.pause(task, case, reason, now)
        task.save(update_fields=["paused_since", "pause_reason", "updated_at"])


def body_released(case, now):
    """The body may be collected: what waited for it goes on, and the family,
    who could do nothing until now, is told."""
    if case.body_released_at is None:
        case.body_released_at = now
        case.save(update_fields=["body_released_at", "updated_at"])
        release_waiting_for(case, ExternalEvent.BODY_RELEASE, now)
        notify(
            "body_released",
            phone=case.applicant.phone,
            case=case,
            context={"reference": case.display_reference},
            dedupe_key=f"case:{case.pk}:body-released",
        )


def start_now(task, case, now):
    """Make ``task`` ready whatever it waits for, because what it waited for
    was done another way: a medical certificate issued before the identity
    check (``medical_certificates.take_up``). Call with the case row locked."""
    change_status(task, TaskStatus.READY, at=now)
    clock.resume(task, case, now)
    task.start_clock(now, calendar_for([task.limit], now))
    task.save()
