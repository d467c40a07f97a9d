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


def on_correction(task, before, now):
    """A supervisor corrected ``task``, whose result was ``before``. The
    corrected result replaces the payment and its deduction: that deduction
    is undone and made again from the new amount. An overpayment the
    correction shows is kept (found after the stop: the statistics count
    these, the goal being none), and settled at once where the department
    pays nothing more. One made smaller than what was already deducted
    gives the difference back: the payments that carried the deduction are
    paid that much more. A stop corrected to no overpayment leaves none."""
    case = task.case
    own = Decimal((before or {}).get("offset") or 0)
    if own:
        _undo(case, task.department_id, own)
    overpaid = max(_overpaid(task.result), Decimal(0))
    existing = Overpayment.objects.select_for_update().filter(task=task).first()
    if existing is None and overpaid > 0:
        Overpayment.objects.create(
            case=case,
            task=task,
            department_id=task.department_id,
            amount=overpaid,
            created_at=now,
        )
    elif existing is not None:
        if existing.offset > overpaid:
            _give_back(task, existing.offset - overpaid)
            existing.offset = overpaid
        if overpaid == 0:
            existing.delete()
        else:
            existing.amount = overpaid
            existing.save(update_fields=["amount", "offset"])
    if pays_money(task) and case.offset_agreed_at is not None and task.result.get("amount"):
        _deduct(task, case)
        task.save(update_fields=["result", "updated_at"])
    _settle(task, case, now)


def _undo(case, department_id, amount):
    """Take ``amount`` off the deductions counted on the department's
    overpayments, the latest first: a payment that carried it was replaced."""
    for overpayment in (
        Overpayment.objects.select_for_update()
        .filter(case=case, department_id=department_id, offset__gt=0)
        .order_by("-created_at", "-pk")
    ):
        take = min(overpayment.offset, amount)
        overpayment.offset -= take
        overpayment.save(update_fields=["offset"])
        amount -= take
        if amount <= 0:
            return


def _give_back(stop, excess):
    """Undo ``excess`` of the deductions from the department's payments in
    the case, the latest payment first: each is paid that much more, and
    its result says how much was given back."""
    payments = (
        DepartmentTask.objects.select_for_update()
        .filter(case_id=stop.case_id, department_id=stop.department_id)
        .exclude(pk=stop.pk)
        .order_by("-completed_at", "-pk")
    )
    for payment in payments:
        deducted = Decimal((payment.result or {}).get("offset") or 0)
        give = min(deducted, excess)
        if give <= 0:
            continue
        result = payment.result
        payment.result = {
            **result,
            "offset": f"{deducted - give:.2f}",
            "amount": f"{Decimal(result['amount']) + give:.2f}",
            "given_back": f"{Decimal(result.get('given_back') or 0) + give:.2f}",
        }
        payment.save(update_fields=["result", "updated_at"])
        excess -= give
        if excess <= 0:
            return


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
