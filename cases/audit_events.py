"""Recording audit events (``cases.models.AuditEvent``): one call per event,
with one short template per kind that says what happened in words."""

import logging

from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, AuditEventKind

logger = logging.getLogger(__name__)

TEMPLATES = {
    AuditEventKind.TASK_OPENED: _("%(actor)s opened task %(subject)s"),
    AuditEventKind.DOCUMENT_DOWNLOADED: _("%(actor)s downloaded document %(subject)s"),
    AuditEventKind.DOCUMENT_VIEWED: _("%(actor)s viewed document %(subject)s on the task page"),
    AuditEventKind.CERTIFICATE_DOWNLOADED: _("%(actor)s downloaded certificate %(subject)s"),
    AuditEventKind.AUTHORIZATION_DOWNLOADED: _(
        "%(actor)s downloaded the heir's authorization %(subject)s"
    ),
    AuditEventKind.HOTLINE_LOOKUP: _("%(actor)s looked the case up for a caller (%(outcome)s)"),
    AuditEventKind.FILE_FETCHED: _("The system of %(department)s fetched %(subject)s"),
    AuditEventKind.RATING_READ: _("%(actor)s read the family's rating %(subject)s to review it"),
    AuditEventKind.DEATH_CERTIFICATE_OPENED: _("%(actor)s opened %(subject)s"),
    AuditEventKind.REGISTRY_LOOKUP: _(
        "%(actor)s looked %(subject)s up in the shared registry (%(purpose)s: %(outcome)s)"
    ),
    AuditEventKind.CASE_SUBMITTED: _("%(actor)s submitted the case (%(channel)s)"),
    AuditEventKind.CASE_WITHDRAWN: _("%(actor)s withdrew the case"),
    AuditEventKind.TASK_ACCEPTED: _("%(actor)s accepted %(matter)s"),
    AuditEventKind.MATERIALS_REQUESTED: _(
        "%(actor)s asked the family for something for %(matter)s"
    ),
    AuditEventKind.MATERIALS_SUPPLIED: _("%(actor)s answered what %(matter)s asked"),
    AuditEventKind.TASK_COMPLETED: _("%(actor)s completed %(matter)s"),
    AuditEventKind.TASK_CLOSED: _("%(actor)s closed %(matter)s as not applicable"),
    AuditEventKind.TASK_REJECTED: _("%(actor)s rejected %(matter)s"),
    AuditEventKind.TASK_REOPENED: _("%(actor)s reopened %(matter)s"),
    AuditEventKind.RESULT_CORRECTED: _("%(actor)s corrected the result of %(matter)s"),
    AuditEventKind.CERTIFICATE_REVOKED: _("%(actor)s revoked certificate %(subject)s"),
    AuditEventKind.HEIRS_DECLARED: _("%(actor)s declared the heirs and the payee"),
    AuditEventKind.AUTHORIZATION_ANSWERED: _(
        "%(actor)s answered an heir's authorization (%(outcome)s)"
    ),
    AuditEventKind.MATTERS_ADDED: _("%(actor)s added matters found later (%(matter)s)"),
    AuditEventKind.DEATH_RETRACTED: _("%(actor)s retracted the death as reported in error"),
    AuditEventKind.BODY_RELEASED: _("%(actor)s released the body"),
    AuditEventKind.CREMATION_RECORDED: _("%(actor)s recorded the cremation"),
    AuditEventKind.RULED_NATURAL: _("%(actor)s ruled the death natural"),
    AuditEventKind.APPOINTMENT_MOVED: _("%(actor)s moved the notary appointment"),
    AuditEventKind.SERVICE_RATED: _("%(actor)s rated %(department)s (%(outcome)s)"),
    AuditEventKind.RATING_ANSWERED: _("%(actor)s answered the family's rating of %(department)s"),
    AuditEventKind.ASSISTANT_ASSIGNED: _("%(actor)s assigned the funeral assistant (%(outcome)s)"),
    AuditEventKind.DEATH_CERTIFIED: _(
        "%(actor)s issued the medical certificate of death %(subject)s"
    ),
    AuditEventKind.DEATH_CERTIFICATE_CORRECTED: _(
        "%(actor)s corrected the medical certificate of death (now %(subject)s)"
    ),
    AuditEventKind.BURIAL_BOOKED: _("%(actor)s booked an ecological burial (%(subject)s)"),
    AuditEventKind.BURIAL_DECLINED: _("%(actor)s said no ecological burial is wanted"),
    AuditEventKind.BURIAL_CONFIRMED: _("%(actor)s confirmed the burial booking %(subject)s"),
    AuditEventKind.BANK_SEARCH: _("The cross-bank search was asked about %(subject)s"),
    AuditEventKind.OFFSET_AGREED: _(
        "%(actor)s agreed that overpaid benefits are deducted from the payments"
    ),
    AuditEventKind.STATEMENTS_REQUESTED: _(
        "%(actor)s asked the banks for the transactions before the death"
    ),
    AuditEventKind.STATEMENT_SENT: _("%(actor)s sent the bank statement %(subject)s"),
    AuditEventKind.STATEMENT_DOWNLOADED: _("%(actor)s downloaded the bank statement %(subject)s"),
    AuditEventKind.DATA_REQUEST_RECEIVED: _(
        "A close relative asked about the deceased's personal information (%(outcome)s)"
    ),
    AuditEventKind.DATA_REQUEST_ROUTED: _(
        "%(actor)s sent the relative's correction to %(department)s"
    ),
    AuditEventKind.DATA_REQUEST_ANSWERED: _(
        "%(actor)s answered the relative's request %(subject)s (%(outcome)s)"
    ),
    AuditEventKind.DATA_COPY_DOWNLOADED: _(
        "The relative downloaded the copy of personal information %(subject)s"
    ),
    AuditEventKind.SHARING_GRANTED: _("%(actor)s let %(department)s read the case (%(purpose)s)"),
    AuditEventKind.SHARING_WITHDRAWN: _("%(actor)s withdrew the consent of %(department)s"),
    AuditEventKind.SHARED_DATA_READ: _("%(department)s read %(purpose)s"),
    AuditEventKind.PERSONAL_DATA_ERASED: _(
        "The case's personal data was erased, its retention period over"
    ),
}
# The events that record a read of personal data; every other kind records
# a change.
READ_KINDS = frozenset(
    {
        AuditEventKind.TASK_OPENED,
        AuditEventKind.DOCUMENT_DOWNLOADED,
        AuditEventKind.DOCUMENT_VIEWED,
        AuditEventKind.CERTIFICATE_DOWNLOADED,
        AuditEventKind.AUTHORIZATION_DOWNLOADED,
        AuditEventKind.HOTLINE_LOOKUP,
        AuditEventKind.FILE_FETCHED,
        AuditEventKind.REGISTRY_LOOKUP,
        AuditEventKind.RATING_READ,
        AuditEventKind.DEATH_CERTIFICATE_OPENED,
        AuditEventKind.BANK_SEARCH,
        AuditEventKind.STATEMENT_DOWNLOADED,
        AuditEventKind.DATA_COPY_DOWNLOADED,
        AuditEventKind.SHARED_DATA_READ,
    }
)
WRITE_KINDS = frozenset(AuditEventKind) - READ_KINDS


def record(kind, *, actor, case=None, subject="", remote_addr=None, **details):
    """Write one event. ``details`` must hold no personal data: codes, ids,
    channels and outcomes only."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        kind=kind,
        actor=user,
        case=case,
        subject=subject,
        remote_addr=remote_addr or None,
        details=details,
    )


def describe(event):
    """The event in words, for the admin's list."""
    actor = event.actor.get_username() if event.actor_id else _("the system")
    return TEMPLATES[event.kind] % {
        "actor": actor,
        "subject": event.subject,
        "outcome": event.details.get("outcome", ""),
        "department": event.details.get("department", ""),
        "purpose": event.details.get("purpose", ""),
        "matter": event.details.get("matter", ""),
        "channel": event.details.get("channel", ""),
    }
