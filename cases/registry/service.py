"""The only functions other code calls to reach the shared registry."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..validators import normalise_id_number
from .base import RegistryRecord
from .registry import register


def get_source():
    identifier = settings.SHARED_REGISTRY_SOURCE
    if identifier not in register:
        known = ", ".join(sorted(p.identifier for p in register)) or "none"
        raise ImproperlyConfigured(
            f"SHARED_REGISTRY_SOURCE is '{identifier}', which is not a registered "
            f"registry source (registered: {known})."
        )
    return register[identifier]


def lookup_person(id_number: str) -> RegistryRecord | None:
    """Identity and profile of a person by resident ID number, or ``None``."""
    return get_source().lookup(normalise_id_number(id_number))
