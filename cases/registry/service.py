"""The only functions other code calls to reach the shared registry.

Every look-up is an access event with its purpose (what the platform needed
the record for) and its outcome, whoever asked and whether or not the
record was shown to anyone: the registry holds living people too."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..audit_events import record
from ..masking import mask_id_number
from ..models import AuditEventKind
from ..validators import normalise_id_number
from .base import RegistryRecord, RegistryUnavailable
from .registry import register

# Why the platform asks: the only purposes a look-up may have.
REGISTRY_CHECK = "registry_check"  # the application's check of the deceased
SUBMISSION = "submission"  # the identity check and profile at submission
HEIRS_PREFILL = "heirs_prefill"  # the heirs list the applicant starts from
FOUND_LATER = "found_later"  # the banks and insurers of a matter found later
# Whether the deceased arranged that relatives are not given their data.
DATA_REQUEST = "data_request"
PURPOSES = {REGISTRY_CHECK, SUBMISSION, HEIRS_PREFILL, FOUND_LATER, DATA_REQUEST}


def get_source():
    identifier = settings.SHARED_REGISTRY_SOURCE
    if identifier not in register:
        known = ", ".join(sorted(p.identifier for p in register)) or "none"
        raise ImproperlyConfigured(
            f"SHARED_REGISTRY_SOURCE is '{identifier}', which is not a registered "
            f"registry source (registered: {known})."
        )
    return register[identifier]


def lookup_person(id_number: str, *, purpose, actor=None, case=None) -> RegistryRecord | None:
    """Identity and profile of a person by resident ID number, or ``None``;
    recorded as an access event for ``purpose`` (one of ``PURPOSES``)."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown registry purpose {purpose!r}")
    id_number = normalise_id_number(id_number)
    try:
        found = get_source().lookup(id_number)
    except RegistryUnavailable:
        _record(id_number, purpose, actor, case, "unavailable")
        raise
    _record(id_number, purpose, actor, case, _outcome(found))
    return found


def _outcome(found):
    if found is None:
        return "unknown"
    return "alive" if found.died_at is None else "death_recorded"


def _record(id_number, purpose, actor, case, outcome):
    record(
        AuditEventKind.REGISTRY_LOOKUP,
        actor=actor,
        case=case,
        subject=mask_id_number(id_number),
        purpose=purpose,
        outcome=outcome,
    )
