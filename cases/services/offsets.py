"""An overpaid benefit settled inside the case (catalogue.md, "Benefits").

When a stop finds a benefit paid for months after the death, the case holds
it as an ``Overpayment`` of that department. Where the payee agreed (once,
on the case page or in the app), each later payment of the same department
to the family — the personal-account balance, the funeral subsidy, the
survivors' benefit — is paid less what is still overpaid, and its result
says both. When the department has nothing more to pay in the case, what is
left is to be returned: shown once, with whom to call, on the case page and
the result list. No letter comes months later."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import RESOLVED_TASK_STATUSES
from ..models import AuditEventKind, Case, DepartmentTask, Overpayment
from .benefits import BENEFIT_STOPS
from .results import pays_money


def agree(case, *, actor):
    """The payee agrees that overpaid benefits are deducted from what the
    same department pays; once for the case."""
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.offset_agreed_at is None:
            case.offset_agreed_at = timezone.now()
            case.save(update_fields=["offset_agreed_at", "updated_at"])
            record_event(AuditEventKind.OFFSET_AGREED, actor=actor, case=case)
    return case


def on_completion(task, case, now):
    """``task`` is being completed (its result set, not yet saved), the case
    row locked: keep the overpayment its stop found, deduct what the payee
    agreed from its payment, and settle the department's overpayments once
    it has nothing more to pay here."""
    result = task.result
    overpaid = _overpaid(result)
    if overpaid > 0:
        Overpayment.objects.update_or_create(
            task=task,
            defaults={
                "case": case,
                "department_id": task.department_id,
                "amount": overpaid,
                "created_at": now,
            },
        )
    if pays_money(task) and case.offset_agreed_at is not None and result.get("amount"):
        _deduct(task, case)
    _settle(task, case, now)


def on_correction(task, now):
    """A supervisor corrected a stop: an overpayment it now shows is kept
    (found after the stop: the statistics count these, the goal being
    none), and settled at once where the department pays nothing more."""
    overpaid = _overpaid(task.result)
    if overpaid <= 0:
        return
    existing = Overpayment.objects.filter(task=task).first()
    if existing is not None:
        # What was deducted already stays deducted.
        existing.amount = max(overpaid, existing.offset)
        existing.save(update_fields=["amount"])
        return
    Overpayment.objects.create(
        case_id=task.case_id,
        task=task,
        department_id=task.department_id,
        amount=overpaid,
        created_at=now,
    )
    _settle(task, task.case, now)


def _overpaid(result):
    """What a stop's result says was paid for months after the death."""
    return Decimal((result.get("benefit") or {}).get("overpaid") or 0)


def _deduct(task, case):
    gross = Decimal(task.result["amount"])
    taken = Decimal(0)
    owed = Overpayment.objects.select_for_update().filter(
        case=case, department_id=task.department_id, settled_at=None
    )
    for overpayment in owed.order_by("created_at", "pk"):
        take = min(overpayment.remaining, gross - taken)
        if take <= 0:
            break
        overpayment.offset += take
        overpayment.save(update_fields=["offset"])
        taken += take
    if taken:
        task.result = {
            **task.result,
            "gross": f"{gross:.2f}",
            "offset": f"{taken:.2f}",
            "amount": f"{gross - taken:.2f}",
        }


def _settle(task, case, now):
    """Once no payment of the department is still to come in this case,
    what is left of its overpayments is to be returned."""
    still_to_pay = [
        other
        for other in DepartmentTask.objects.filter(case=case, department_id=task.department_id)
        .exclude(pk=task.pk)
        .exclude(status__in=RESOLVED_TASK_STATUSES)
        if pays_money(other)
    ]
    if not still_to_pay:
        Overpayment.objects.filter(
            case=case, department_id=task.department_id, settled_at=None
        ).update(settled_at=now)


def to_return(case):
    """What the family must still return, by department, once settled."""
    return [
        overpayment
        for overpayment in Overpayment.objects.filter(case=case, settled_at__isnull=False)
        .select_related("department", "task")
        .order_by("created_at")
        if overpayment.remaining > 0
    ]


def may_agree(case):
    """Whether to ask the payee: not agreed yet, and a benefit stop of a
    department that pays the family here is still to come or found an
    overpayment not yet settled."""
    if case.offset_agreed_at is not None:
        return False
    if Overpayment.objects.filter(case=case, settled_at=None).exists():
        return True
    tasks = list(case.tasks.exclude(status__in=RESOLVED_TASK_STATUSES))
    paying = {t.department_id for t in tasks if pays_money(t)}
    return any(t.matter_code in BENEFIT_STOPS and t.department_id in paying for t in tasks)


def awaiting_agreement(case):
    """Overpayments the payee could still let the department deduct."""
    if case.offset_agreed_at is not None:
        return []
    return list(
        Overpayment.objects.filter(case=case, settled_at=None).select_related("department", "task")
    )
