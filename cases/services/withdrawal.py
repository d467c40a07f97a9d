"""Withdrawing a case the family no longer wants handled: every unfinished
task stops, the departments' own systems are told, the family is texted.
Once money has been paid to an heir the case can no longer be withdrawn
here: what was paid must be settled with the department."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import CaseStatus, TaskStatus
from ..models import AuditEventKind, Case, DispatchEvent
from ..notifications import notify
from ..punctuation import enumeration
from ..transitions import check_case_transition
from .burial import release_places
from .tasks import close_unfinished


def withdraw_case(case, *, actor, reason):
    """Stop every unfinished task with ``reason``; finished ones keep their result."""
    reason = (reason or "").strip() or _("Withdrawn by the family.")
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
        check_case_transition(case.status, CaseStatus.WITHDRAWN)
        paid = _paid(case)
        if paid.exists():
            raise ValidationError(
                _(
                    "Money has already been paid for %(matters)s, so this case can no longer "
                    "be withdrawn here. Call 12345 and we will help with what was paid."
                )
                % {"matters": enumeration(task.matter_name for task in paid)},
                code="money_paid",
            )
        sent = close_unfinished(case, reason, now, actor=actor)
        release_places(case)
        case.status = CaseStatus.WITHDRAWN
        case.completed_at = now
        case.save()
        record_event(AuditEventKind.CASE_WITHDRAWN, actor=actor, case=case)
        dispatch_ready_tasks(sent, event=DispatchEvent.WITHDRAWN)
        notify(
            "case_withdrawn",
            phone=case.applicant.phone,
            case=case,
            context={"reference": case.display_reference},
            dedupe_key=f"case:{case.pk}:withdrawn",
        )
    return case


def may_withdraw(case):
    """Whether the family can still withdraw ``case`` themselves."""
    return case.status == CaseStatus.IN_PROGRESS and not _paid(case).exists()


def _paid(case):
    """The money matters already paid: after one, no withdrawal here."""
    return case.tasks.filter(requires_consent=True, status=TaskStatus.COMPLETED)
