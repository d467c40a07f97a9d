"""What a task can wait for besides other tasks: an event recorded by a
department — the cremation (the funeral home), the body released (the
police) — and the police's ruling that a death thought unnatural was natural,
after which the case goes on as a death at home.

A matter says which event it waits for (``Matter.starts_after``) and in
which scenarios (``starts_after_scenarios``); until the event is recorded
the task waits, and the case clock with it (``cases.services.clock``).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import (
    MEDICAL_CERTIFICATE,
    POLICE_CERTIFICATE,
    CaseStatus,
    ExternalEvent,
    Scenario,
    TaskStatus,
)
from ..models import AuditEventKind, Case, DepartmentTask, Matter
from ..transitions import InvalidTransition
from . import release, tasks
from .status_history import record_created


def _locked_open_case(case):
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != CaseStatus.IN_PROGRESS:
        raise InvalidTransition(_("This case is closed; nothing can be changed in it."))
    return case


def record_cremation(case, *, at, actor):
    """The funeral home records the cremation: the cremation certificate
    (and what else waited for it) starts now, and the case clock goes on."""
    now = timezone.now()
    if at > now:
        raise ValidationError(_("The cremation cannot be recorded before it has taken place."))
    with transaction.atomic(), acting_as(actor):
        case = _locked_open_case(case)
        if case.cremated_at is not None:
            raise ValidationError(_("The cremation was already recorded."))
        case.cremated_at = at
        case.save(update_fields=["cremated_at", "updated_at"])
        record_event(AuditEventKind.CREMATION_RECORDED, actor=actor, case=case)
        release.release_waiting_for(case, ExternalEvent.CREMATION, now)
    return case


def release_body(case, *, actor):
    """The police release the body (before their certificate, if the
    investigation allows): body transport can be booked."""
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = _locked_open_case(case)
        if case.body_released_at is None:
            record_event(AuditEventKind.BODY_RELEASED, actor=actor, case=case)
        release.body_released(case, now)
    return case


def rule_natural(case, *, actor, note):
    """The police rule the death natural: their investigation form
    (涉尸调查表) replaces the investigation, the body is released, and the case
    goes on as a death at home — the community health centre issues the
    medical death certificate, and what waited for the police's certificate
    now waits for it."""
    if not note.strip():
        raise ValidationError(_("Say what the police found (the investigation form's number)."))
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = _locked_open_case(case)
        if case.scenario != Scenario.ABNORMAL:
            raise ValidationError(_("Only an unnatural death can be ruled natural."))
        police = case.tasks.select_for_update().get(matter_code=POLICE_CERTIFICATE)
        if police.status not in (TaskStatus.READY, TaskStatus.IN_PROGRESS):
            raise ValidationError(_("The police certificate is no longer open."))
        case.scenario = Scenario.HOME
        case.save(update_fields=["scenario", "updated_at"])
        record_event(AuditEventKind.RULED_NATURAL, actor=actor, case=case)
        release.body_released(case, now)
        health = _medical_certificate_task(case, police)
        record_created([health], at=now, actor=actor)
        for dependant in police.dependants.all():
            dependant.depends_on.add(health)
        tasks.mark_not_applicable(
            police,
            actor=actor,
            reason=_("Ruled a natural death: %(note)s") % {"note": note.strip()},
        )
        release.release_waiting(case, [health], now)  # ready if what it waits for is done
    return case


def _medical_certificate_task(case, police):
    matter = Matter.objects.select_related("department").get(code=MEDICAL_CERTIFICATE)
    health = DepartmentTask.for_matter(case, matter, status=TaskStatus.WAITING)
    health.save()
    health.depends_on.set(police.depends_on.all())
    return health
