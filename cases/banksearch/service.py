"""The one function other code calls to search every bank. Each search is
an access event (the deceased's accounts are personal data); a search that
cannot answer leaves the finance group's own task to do it."""

from django.conf import settings

from ..audit_events import record
from ..masking import mask_id_number
from ..models import AuditEventKind
from ..validators import normalise_id_number
from .base import BankSearchUnavailable
from .registry import register


def search_banks(id_number):
    """The banks' department codes, or None where no search is configured or
    it could not answer."""
    identifier = settings.BANK_SEARCH_SOURCE
    if not identifier:
        return None
    id_number = normalise_id_number(id_number)
    try:
        found = tuple(register[identifier].search(id_number))
    except BankSearchUnavailable:
        _record(id_number, "unavailable")
        return None
    _record(id_number, f"{len(found)} found")
    return found


def _record(id_number, outcome):
    record(
        AuditEventKind.BANK_SEARCH,
        actor=None,
        subject=f"person:{mask_id_number(id_number)}",
        outcome=outcome,
    )
