"""What each member of staff may see and do in the department workbench.

A clerk sees the tasks of their own department only, and of each case only
what their matter needs (its contract, cases.services.contract); the rest
is not shown. Opening a task, a document or a certificate is an audit event.
A completed task can be corrected only by a supervisor of its department (or
an administrator), with a reason; who may do what is cases.roles.
"""

import datetime
from decimal import Decimal

from auditlog.signals import accessed
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record
from ..constants import OPEN_TASK_STATUSES, PauseReason, TaskStatus
from ..models import AuditEventKind, Case, Certificate, Delegation, DepartmentTask
from ..roles import SUPERVISOR_ACTIONS, departments_for, is_supervisor, may_act
from ..transitions import clerk_may_move
from . import burial, events, fees, heirs, notary, offsets, statements, tasks
from .bank_answers import PRODUCTS
from .certificates import revoke_certificate
from .consent import NOTARY_MATTER_CODE
from .contract import contract_for
from .results import CAUSE_LINES, structured_result
from .reversal import open_reversal


class NotFound(ObjectDoesNotExist):
    """Nothing the user may see by that number: the faces answer 404, the
    same for what does not exist and for what is not theirs."""


FILTERS = {
    "ready": Q(status=TaskStatus.READY),
    "in_progress": Q(status=TaskStatus.IN_PROGRESS),
    "awaiting_materials": Q(status=TaskStatus.AWAITING_MATERIALS),
    "overdue": Q(overdue_since__isnull=False, status__in=OPEN_TASK_STATUSES),
    "cremation": Q(status=TaskStatus.WAITING, pause_reason=PauseReason.CREMATION),
}
# A queue counts its rows up to this many and then says "1,000+": counting
# further would read the rows only to count them.
COUNT_CAP = 1000


def queue(user, *, status="", search=""):
    """The tasks ``user`` may work: the open ones by default, ``status`` one
    of FILTERS or "due_today"; ``search`` a case reference. Ordered by due
    date (see ``queue_page``)."""
    # The user's departments as ids: an IN over a subquery with an OR across
    # groups is a plan no index serves.
    departments = list(departments_for(user).values_list("pk", flat=True))
    tasks = DepartmentTask.objects.filter(department_id__in=departments)
    if status == "due_today":
        tasks = tasks.filter(due_date=timezone.localdate(), status__in=OPEN_TASK_STATUSES)
    elif status in FILTERS:
        tasks = tasks.filter(FILTERS[status])
    else:
        tasks = tasks.filter(status__in=OPEN_TASK_STATUSES)
    if search:
        reference = "".join(ch for ch in search.upper() if ch.isalnum())
        tasks = tasks.filter(case__reference__startswith=reference)
    return tasks.select_related("case__deceased", "department")


def queue_page(tasks, after=None, size=50):
    """(rows, cursor of the next page or "") by key: the due date and id of
    the last row shown, so a page costs the same at the end of a long queue
    as at its start."""
    if after is not None:
        due, pk = after
        tasks = tasks.filter(Q(queue_due__gt=due) | Q(queue_due=due, pk__gt=pk))
    # In the order of the partial index task_queue_due: no sort of the queue.
    rows = list(tasks.order_by("queue_due", "pk")[: size + 1])
    if len(rows) <= size:
        return rows, ""
    last = rows[size - 1]
    return rows[:size], f"{last.queue_due.isoformat()}_{last.pk}"


def queue_cursor(value):
    """The (due date, id) a cursor names, or None (the first page)."""
    day, _sep, pk = (value or "").rpartition("_")
    try:
        return datetime.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def capped_count(tasks):
    """(count, capped): at most COUNT_CAP + 1 rows are counted."""
    count = tasks.order_by().values("pk")[: COUNT_CAP + 1].count()
    return min(count, COUNT_CAP), count > COUNT_CAP


def task_for(user, pk):
    """A task of the user's departments, or 404 (not 403: no probing)."""
    task = (
        DepartmentTask.objects.filter(pk=pk, department__in=departments_for(user))
        .select_related("case__deceased", "case__applicant", "department")
        .first()
    )
    if task is None:
        raise NotFound
    return task


def case_summary(user, task, *, remote_addr=None):
    """The case as this task's department may see it — its contract (what
    the matter needs, cases.services.contract) — and an access event for it."""
    case = task.case
    with acting_as(user):
        accessed.send(sender=Case, instance=case)
    record(
        AuditEventKind.TASK_OPENED,
        actor=user,
        case=case,
        subject=f"task:{task.pk}",
        remote_addr=remote_addr,
        matter=task.matter_code,
    )
    contract = contract_for(task)
    return {
        "reference": case.display_reference,
        "scenario": case.get_scenario_display(),
        "due_date": case.due_date,
        "overdue_since": case.overdue_since,
        "deceased_name": contract.deceased_name,
        "deceased_id_number": contract.deceased_id_shown,
        "contract": contract,
    }


def document_of(user, pk, document_id, *, remote_addr=None, inline=False):
    """A document the family gave that this task's matter needs (or a reply
    to this task), for the department's staff: 404 for anything else, so a
    clerk cannot reach another department's documents by guessing."""
    task = task_for(user, pk)
    document = contract_for(task).document(document_id)
    if document is None:
        raise NotFound
    # A preview shown in the page is a view; a file taken away, a download.
    _read(
        AuditEventKind.DOCUMENT_VIEWED if inline else AuditEventKind.DOCUMENT_DOWNLOADED,
        user,
        task,
        f"document:{document.pk}",
        remote_addr,
        document_kind=document.kind,
    )
    return document


# The workbench actions that move a task, and where each moves it: offered
# only where cases.transitions lets a clerk make that move.
MOVES = {
    "accept": TaskStatus.IN_PROGRESS,
    "request_materials": TaskStatus.AWAITING_MATERIALS,
    "complete": TaskStatus.COMPLETED,
    "not_applicable": TaskStatus.NOT_APPLICABLE,
    "reject": TaskStatus.REJECTED,
    "reopen": TaskStatus.READY,
}


def move_offered(action, task):
    """For an action of MOVES: whether the task's status lets a clerk take it.
    A burial booking is completed by confirming it (its result is the place
    and the award), not by the general form."""
    if action == "complete" and task.matter_code == burial.BURIAL_MATTER:
        return False
    return clerk_may_move(task.status, MOVES[action])


def perform(action, task, user, data):
    """Take a workbench ``action`` on ``task`` for ``user``: the role check
    (``cases.roles.may_act``) and then the one service that does it."""
    if not may_act(user, action, task.department):
        if action in SUPERVISOR_ACTIONS:
            raise PermissionDenied(_("Only a supervisor of this department can do this."))
        raise PermissionDenied(_("Only this department's clerks and supervisors work its tasks."))
    if action == "accept":
        return tasks.accept_task(task, actor=user)
    if action == "request_materials":
        return tasks.request_materials(task, actor=user, message=data["message"])
    if action == "complete":
        if task.matter_code == burial.BURIAL_MATTER:
            raise ValidationError(_("Confirm the family's booking instead: it records the award."))
        result = result_from(task, data)
        bill = fees.waiver_bill(task)
        if bill is not None:
            result = fees.waiver_result(bill, result)
        with transaction.atomic():
            _send_statement(task, result, data, user)
            if (result.get("bank") or {}).get("notary"):
                return notary.route_bank_to_notary(task, actor=user, result=result)
            return tasks.complete_task(task, actor=user, result=result)
    if action == "confirm_burial":
        return burial.confirm(task, by=user)
    if action == "add_funeral_service":
        # The price is the published list's: the clerk cannot type another.
        price = fees.published_price(task.case, data["service"])
        fees.add_service(
            task.case, name_zh=data["service"], unit_price=price, quantity=data["quantity"], by=user
        )
        return task
    if action == "not_applicable":
        return tasks.mark_not_applicable(task, actor=user, reason=data["reason"])
    if action == "reject":
        return tasks.reject_task(task, actor=user, reason=data["reason"])
    if action == "reopen":
        return tasks.reopen_task(task, actor=user, reason=data["reason"])
    if action == "revoke":
        certificate = Certificate.objects.filter(task=task).first()
        if certificate is None:
            raise ValidationError(_("This task has no certificate."))
        return revoke_certificate(certificate, by=user, reason=data["reason"])
    if action == "reverse_death":
        return open_reversal(
            task.case, by=user, reason=data["reason"], person_phone=data.get("person_phone", "")
        )
    if action == "release_body":
        return events.release_body(task.case, actor=user)
    if action == "rule_natural":
        return events.rule_natural(task.case, actor=user, note=data["note"])
    if action == "cremation":
        return events.record_cremation(task.case, at=data["at"], actor=user)
    if action == "appointment":
        return notary.reschedule_notary_appointment(
            task, actor=user, at=data["at"], place=data["place"]
        )
    if action == "correct":
        result = result_from(task, data)
        with transaction.atomic():
            _send_statement(task, result, data, user)
            return correct_completed_task(task, by=user, reason=data["reason"], result=result)
    raise ValueError(action)


def _send_statement(task, result, data, user):
    """A bank's answer (or its correction) carries the statement the heirs
    asked for, where it holds accounts; call inside the answer's transaction."""
    statement = data.get("statement")
    statements.check_completion(task, result, statement)
    if statement is not None:
        statements.attach(task, statement, by=user)


def _payment(result):
    """What a result pays before any deduction, or None."""
    paid = result.get("gross") or result.get("amount")
    return Decimal(paid) if paid else None


def result_from(task, data):
    """The structured result of the completion (or correction) form's
    ``data``: what the office's form validates and what the service stores."""
    return structured_result(
        task,
        outcome_text=data.get("outcome_text", ""),
        outcome_text_en=data.get("outcome_text_en", ""),
        date=data.get("date"),
        amount=data.get("amount"),
        account=data.get("account", ""),
        cause_chain=[
            (data.get(f"cause_{n}", ""), data.get(f"icd10_{n}", ""))
            for n in range(1, CAUSE_LINES + 1)
        ],
        institution=data.get("institution", ""),
        doctor=data.get("doctor", ""),
        paid_through=data.get("paid_through"),
        monthly=data.get("monthly"),
        found=data.get("found"),
        balances={key: data.get(key) for key in PRODUCTS if key in data},
    )


def certificate_of(user, pk, serial=None, *, remote_addr=None):
    """A sealed certificate from a task of the user's departments, its
    download recorded: the task's own, or (``serial``) one of another matter
    that this task's matter needs (the death certificate for household
    cancellation, say). 404 for anything else."""
    task = task_for(user, pk)
    if serial is None:
        certificate = Certificate.objects.filter(task=task).first()
    else:
        certificate = contract_for(task).certificate(serial)
    if certificate is None:
        raise NotFound
    _read(
        AuditEventKind.CERTIFICATE_DOWNLOADED,
        user,
        task,
        f"certificate:{certificate.serial}",
        remote_addr,
    )
    return certificate


def sees_heirs(task):
    """The money matters and the notary's task show the heirs' authorization."""
    return task.requires_consent or task.matter_code == NOTARY_MATTER_CODE


def authorization_of(user, pk, delegation_id, *, remote_addr=None):
    """An heir's signed authorization, for the departments that pay (and the
    notary): only from a task of the same case that needs it; its download
    recorded."""
    task = task_for(user, pk)
    if not sees_heirs(task):
        raise NotFound
    delegation = Delegation.objects.filter(
        pk=delegation_id, declaration__case_id=task.case_id
    ).first()
    if delegation is None or not delegation.document:
        raise NotFound
    _read(
        AuditEventKind.AUTHORIZATION_DOWNLOADED,
        user,
        task,
        f"delegation:{delegation.pk}",
        remote_addr,
    )
    return delegation


def _read(kind, user, task, subject, remote_addr, **details):
    """The access event of a member of staff reading ``subject`` from a task."""
    record(
        kind,
        actor=user,
        case=task.case,
        subject=subject,
        remote_addr=remote_addr,
        task=task.pk,
        **details,
    )


def correct_completed_task(task, *, by, reason, result):
    """A supervisor of the task's department changes a completed task's result."""
    if not is_supervisor(by, task.department):
        raise PermissionDenied(_("Only a supervisor of this department can correct a result."))
    if task.status != TaskStatus.COMPLETED:
        raise ValidationError(_("Only a completed task can be corrected."))
    if not reason.strip():
        raise ValidationError(_("Say why the result is corrected."))
    with transaction.atomic(), acting_as(by):
        # The case first, as every change of its tasks locks it: the heirs
        # may be asked again.
        case = Case.objects.select_for_update().get(pk=task.case_id)
        task = DepartmentTask.objects.select_for_update().get(pk=task.pk)
        before = task.result or {}
        now = timezone.now()
        task.result = {**result, "corrected_at": now.isoformat()}
        task.reason = reason.strip()
        task.save(update_fields=["result", "reason", "updated_at"])
        offsets.on_correction(task, before, now)
        if task.requires_consent and _payment(before) != _payment(task.result):
            # The heirs agreed to this payment as it was: a bank's (or a
            # benefit's) new amount is asked again, as a new payee would be.
            heirs.ask_heirs_again(case, now, actor=by)
        record(
            AuditEventKind.RESULT_CORRECTED,
            actor=by,
            case=task.case,
            subject=f"task:{task.pk}",
            matter=task.matter_code,
        )
    return task
