"""补办: what the family finds after applying — a bank account, a housing
fund, an insurance policy — joins the same case, never a new one.

A death is one case for good (:mod:`.open_cases`), so something found later
is added to that case, in progress or completed: the applicant adds it on
the web or in the app, or a clerk for them. What is added is a fact about the
deceased (a profile flag, "had bank deposits"); the matters that fact brings
join the case's graph after what they wait for, and a completed case is in
progress again, with a fresh three-working-day target from that moment. A
matter that pays the heirs asks them again (:func:`.heirs.ask_heirs_again`).
When everything is done again the result list is issued anew with its line
(:func:`.results.issue_result_list`), sealed, and the earlier list is
superseded.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import CaseStatus, ProfileFlag, TaskStatus
from ..models import AuditEventKind, Case, DepartmentTask, HotlineAccess, Matter
from ..notifications import notify
from ..roles import is_hotline_agent
from ..transitions import check_case_transition
from . import clock, institutions
from .eligibility import applicable_dependencies
from .heirs import ask_heirs_again
from .release import release_waiting
from .status_history import record_created
from .tasks import matter_for_family

# What families find later most often comes first: money and benefits that
# pay out, then the rest (a card, a licence, an allowance) in the catalogue's
# order.
MOST_OFTEN_FOUND_LATER = [
    ProfileFlag.BANK_ACCOUNTS,
    ProfileFlag.HOUSING_FUND,
    ProfileFlag.COMMERCIAL_INSURANCE,
    ProfileFlag.MEDICAL_INSURED,
    ProfileFlag.PENSION,
]


@dataclasses.dataclass
class FoundLater:
    """One thing the family may still add: a fact and the matters it brings."""

    flag: str
    label: str
    matters: list


def found_later_choices(case):
    """What may still be added to ``case``, most often found later first:
    each fact that brings at least one matter the case does not hold yet."""
    if case.status in (CaseStatus.WITHDRAWN, CaseStatus.REVERSED):
        return []
    have = set(case.tasks.values_list("matter_code", flat=True))
    brought = {}
    for matter in Matter.objects.active().exclude(required_flag="").select_related("department"):
        flag = matter.required_flag
        if matter.code in have:
            continue
        if matter.applies_to(case.scenario, {**case.profile, flag: True}):
            brought.setdefault(flag, []).append(matter)
    order = [*MOST_OFTEN_FOUND_LATER, *ProfileFlag.values]
    return [
        FoundLater(flag, ProfileFlag(flag).label, brought.pop(flag))
        for flag in order
        if flag in brought
    ]


def add_found_later(case, flag, *, actor):
    """Add to ``case`` what ``flag`` brings; return the new tasks.

    Raises ValidationError (with a message for the person adding) when the
    case was withdrawn or the fact brings nothing new to it."""
    now = timezone.now()
    # Before the lock: the registry (and the cross-bank search) answer over
    # the network, and every bank or insurer gets its own task.
    record, banks = institutions.for_found_later(case, flag, actor=actor)
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
        if case.status == CaseStatus.WITHDRAWN:
            raise ValidationError(
                _("This case was withdrawn. To settle the affairs, please apply again.")
            )
        if case.status == CaseStatus.REVERSED:
            raise ValidationError(
                _("The death recorded in this case was retracted: nothing can be added to it.")
            )
        choice = next((c for c in found_later_choices(case) if c.flag == flag), None)
        if choice is None:
            raise ValidationError(
                _(
                    "This is already part of the case, or it does not apply to it. Each "
                    "matter is handled once; the case page shows where it stands."
                )
            )
        case.profile = {**case.profile, flag: True}
        case.save(update_fields=["profile", "updated_at"])
        tasks = [
            DepartmentTask.for_matter(
                case, matter, department, status=TaskStatus.WAITING, found_later=True
            )
            for matter in choice.matters
            for department in institutions.departments_for(matter, record, banks)
        ]
        join_case(case, tasks, now, actor=actor)
        record_event(
            AuditEventKind.MATTERS_ADDED,
            actor=actor,
            case=case,
            matter=",".join(task.matter_code for task in tasks),
        )
        if any(task.requires_consent for task in tasks):
            ask_heirs_again(case, now, actor=actor)
        # What the heirs' answer released already is not released twice.
        waiting = DepartmentTask.objects.filter(
            pk__in=[t.pk for t in tasks], status=TaskStatus.WAITING
        )
        release_waiting(case, waiting.select_related("matter").prefetch_related("depends_on"), now)
        notify(
            "matter_added",
            phone=case.applicant.phone,
            case=case,
            context={"reference": case.display_reference, "matter": _names(case, tasks)},
            dedupe_key=f"case:{case.pk}:found-later:{flag}",
        )
    # As they are now (released, or held for the heirs), in one query.
    return list(DepartmentTask.objects.filter(pk__in=[t.pk for t in tasks]).order_by("pk"))


# An agent adds for a caller only right after answering that caller about
# the case (the caller's number was on it): the look-up is the proof.
AGENT_WINDOW = datetime.timedelta(minutes=15)


def add_for_caller(agent, case, flag):
    """A 12345 agent adds what the caller found later, within
    ``AGENT_WINDOW`` of an answered look-up of this case by this agent."""
    if not is_hotline_agent(agent):
        raise PermissionDenied(_("Only hotline agents can add matters for a caller."))
    lately = HotlineAccess.objects.filter(
        agent=agent, case=case, answered=True, at__gte=timezone.now() - AGENT_WINDOW
    )
    if not lately.exists():
        raise PermissionDenied(
            _("Look the case up for the caller first: you can add for them only after that.")
        )
    return add_found_later(case, flag, actor=agent)


def _names(case, tasks):
    """The added matters' names in the family's language, for the text (a
    matter of several banks once)."""
    separator = ", " if case.language.startswith("en") else "、"
    return separator.join(dict.fromkeys(matter_for_family(case, task) for task in tasks))


def join_case(case, tasks, now, *, actor):
    """New (unsaved) tasks join ``case``: a completed case is in progress
    again, and the tasks wait for what their matters wait for. The caller
    releases them once whatever else holds them (the heirs) is settled.
    Call with the case row locked."""
    if case.status == CaseStatus.COMPLETED:
        reopen(case, now)
    for task in tasks:
        task.save()
    record_created(tasks, at=now, actor=actor)
    link_to_graph(case, tasks)


def reopen(case, now):
    """A completed case is in progress again, on a fresh case clock: the
    family is promised the added matters within the same three working days."""
    check_case_transition(case.status, CaseStatus.IN_PROGRESS)
    case.status = CaseStatus.IN_PROGRESS
    case.reopened_at = now
    case.completed_at = None
    case.overdue_since = None
    case.clock_started_at = None
    case.save(update_fields=["status", "reopened_at", "completed_at", "overdue_since"])
    clock.start_case_clock(case, now)


def link_to_graph(case, tasks):
    """The new tasks wait for what their matters wait for in this case,
    looking through matters the case does not have."""
    by_code = {task.matter_code: task for task in case.tasks.all()}
    catalogue = {matter.code: matter for matter in Matter.objects.prefetch_related("depends_on")}
    Through = DepartmentTask.depends_on.through
    Through.objects.bulk_create(
        [
            Through(
                from_departmenttask_id=task.pk,
                to_departmenttask_id=by_code[code].pk,
            )
            for task in tasks
            for code in applicable_dependencies(catalogue[task.matter_code], catalogue, by_code)
        ]
    )
