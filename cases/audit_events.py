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
    AuditEventKind.REGISTRY_LOOKUP: _(
        "%(actor)s looked %(subject)s up in the shared registry (%(purpose)s: %(outcome)s)"
    ),
}


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
    }
