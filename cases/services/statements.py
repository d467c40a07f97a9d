"""The transactions of the 6 months before the death (交易明细), on the heirs'
request (catalogue.md, "Banks").

The payee asks once, on the case page or in the app, while a bank is still
to answer; each bank that holds accounts then sends its statement as a PDF
with its answer, and cannot complete without it. The file is encrypted at
rest like every file of the case; the family downloads it, and each download
is an access event. A bank that already answered is not asked: the page
names it, so the family knows which statements will not come."""

import calendar
import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import RESOLVED_TASK_STATUSES, CaseStatus
from ..models import AuditEventKind, BankStatement, Case
from .bank_answers import DEPOSIT_MATTER
from .documents import content_type_of

MONTHS = 6
# A bank's statement of six months is a few pages; 10 MB leaves room for a scan.
MAX_BYTES = 10 * 1024 * 1024


def period(case):
    """The first and last day the statement covers: the 6 months up to the
    day of the death (Beijing's day)."""
    end = case.death_day
    month = end.month - MONTHS
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(end.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day), end


def banks_to_answer(case):
    return [
        task
        for task in case.tasks.filter(matter_code=DEPOSIT_MATTER).select_related("department")
        if task.status not in RESOLVED_TASK_STATUSES
    ]


def may_request(case):
    return (
        case.status == CaseStatus.IN_PROGRESS
        and case.statements_requested_at is None
        and bool(banks_to_answer(case))
    )


def request(case, *, actor):
    """The payee asks every bank still to answer for its statement."""
    with transaction.atomic(), acting_as(actor):
        given, case = case, Case.objects.select_for_update().get(pk=case.pk)
        if case.statements_requested_at is not None:
            given.statements_requested_at = case.statements_requested_at
            return case
        if not may_request(case):
            raise ValidationError(
                _(
                    "Every bank has already answered, so a statement can no longer be asked "
                    "for here. Please call 12345 and we will ask the bank for you."
                )
            )
        case.statements_requested_at = timezone.now()
        case.save(update_fields=["statements_requested_at", "updated_at"])
        record_event(AuditEventKind.STATEMENTS_REQUESTED, actor=actor, case=case)
    given.statements_requested_at = case.statements_requested_at
    return case


def asked_of(task):
    """Whether this bank was asked for a statement: the request came while
    its task was still open."""
    requested = task.case.statements_requested_at
    if task.matter_code != DEPOSIT_MATTER or requested is None:
        return False
    return task.completed_at is None or task.completed_at > requested


def check_file(uploaded):
    """The statement's bytes, or ValidationError saying what is wrong."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(_("The statement is larger than 10 MB. Please send a smaller PDF."))
    uploaded.seek(0)
    content = uploaded.read()
    if content_type_of(content[:16]) != "application/pdf":
        raise ValidationError(_("The statement must be a PDF file."))
    return content


def check_completion(task, result, uploaded):
    """A bank asked for a statement and holding accounts sends it with its
    answer: ValidationError (on the form's field) when it is missing."""
    if not asked_of(task) or not (result.get("bank") or {}).get("found"):
        return
    if uploaded is None and not BankStatement.objects.filter(task=task).exists():
        raise ValidationError(
            {
                "statement": _(
                    "The heirs asked for the transactions of the 6 months before the death: "
                    "attach the statement (PDF)."
                )
            }
        )


def attach(task, content, *, by):
    """Keep ``content`` as the bank's statement for the case, replacing an
    earlier one; call inside the transaction of the answer."""
    start, end = period(task.case)
    statement = BankStatement.objects.filter(task=task).first() or BankStatement(
        case_id=task.case_id, task=task
    )
    if statement.file:
        statement.file.delete(save=False)
    statement.period_start, statement.period_end = start, end
    statement.sha256 = hashlib.sha256(content).hexdigest()
    statement.size = len(content)
    statement.uploaded_by = by if getattr(by, "is_authenticated", False) else None
    statement.file.save("statement.pdf", ContentFile(content), save=False)
    statement.save()
    record_event(
        AuditEventKind.STATEMENT_SENT,
        actor=by,
        case=task.case,
        subject=f"statement:{statement.pk}",
        task=task.pk,
    )
    return statement


def for_family(case):
    """Each bank of the case with what the family may expect of it: the
    statement sent, one still to come, none (no account), or not asked."""
    if case.statements_requested_at is None:
        return []
    sent = {s.task_id: s for s in BankStatement.objects.filter(case=case)}
    rows = []
    for task in (
        case.tasks.filter(matter_code=DEPOSIT_MATTER)
        .select_related("department")
        .order_by("department__name_zh")
    ):
        statement = sent.get(task.pk)
        if statement is not None:
            state = "sent"
        elif not asked_of(task):
            state = "not_asked"
        elif task.status in RESOLVED_TASK_STATUSES:
            state = "no_account"
        else:
            state = "coming"
        rows.append({"task": task, "bank": task.department, "state": state, "statement": statement})
    return rows


def open_for_family(cases, statement_id, *, user, remote_addr=None):
    """A statement of one of ``cases`` (those the family may see), the
    download recorded; None for any other."""
    statement = (
        BankStatement.objects.filter(pk=statement_id, case__in=cases).select_related("case").first()
    )
    if statement is not None:
        record_event(
            AuditEventKind.STATEMENT_DOWNLOADED,
            actor=user,
            case=statement.case,
            subject=f"statement:{statement.pk}",
            remote_addr=remote_addr,
        )
    return statement
