"""The registry check of an application: what the shared registry may tell
the person applying about the ID number they typed.

The registry holds the living as well as the dead, and the deceased's record
is for the family only. So the check reveals nothing about a person the
registry holds as alive (no death is recorded yet: the family is told what
to do, e.g. for a death at home before the health centre's visit), and shows
a deceased's record only to someone the registry or the death record links
to them: the family contact the hospital, health centre or police recorded
with the death (in the registry, or with a medical certificate issued here),
a household member whose mobile number the register holds, or someone
listed in an earlier (withdrawn) case of that death as its applicant or an
heir. Everyone else — staff filing for a family included,
who see the registry only after the family's own code at submission —
answers the situation questions themselves, and the departments check.
"""

import dataclasses

from ..fields import hash_for
from ..models import Case, Delegation, Person, PhoneDevice
from ..registry.base import RegistryRecord, RegistryUnavailable
from ..registry.service import HEIRS_PREFILL, REGISTRY_CHECK, lookup_person
from ..validators import normalise_phone
from .medical_certificates import current_for
from .open_cases import deceased_key

FOUND = "found"  # a death is recorded and the applicant is linked: shown
NOT_LINKED = "not_linked"  # a death is recorded; the applicant is not linked
ALIVE = "alive"  # no death is recorded for this ID number
UNKNOWN = "unknown"  # the registry does not know the ID number
UNAVAILABLE = "unavailable"  # the registry could not be asked


@dataclasses.dataclass(frozen=True)
class RegistryCheck:
    status: str
    # Only when status is FOUND: what the applicant may see.
    record: RegistryRecord | None = None


def check_deceased(id_number, *, actor, for_staff):
    """What the registry may tell ``actor`` (signed in with a verified
    mobile number) about ``id_number`` at the application's registry check."""
    try:
        found = lookup_person(id_number, purpose=REGISTRY_CHECK, actor=actor)
    except RegistryUnavailable:
        return RegistryCheck(UNAVAILABLE)
    if found is None:
        return RegistryCheck(UNKNOWN)
    # A death certified in this system counts before the registry hears of it.
    medical = current_for(id_number)
    if found.died_at is None and medical is None:
        return RegistryCheck(ALIVE)
    phone = verified_phone(actor)
    if for_staff or not (linked(found, phone) or contact_of(medical, phone)):
        return RegistryCheck(NOT_LINKED)
    return RegistryCheck(FOUND, found)


def contact_of(medical, phone):
    """Whether ``phone`` is the family contact the certifying institution
    recorded with ``medical`` (a medical certificate, or None)."""
    phone = normalise_phone(phone or "")
    return bool(medical and phone and normalise_phone(medical.contact_phone) == phone)


def verified_phone(user):
    """The mobile number ``user`` signed in with (their SMS device), or ""."""
    if not getattr(user, "is_authenticated", False):
        return ""
    device = PhoneDevice.objects.filter(user=user).only("phone").first()
    return device.phone if device else ""


def linked(found, phone, *, besides=None):
    """Whether the holder of the verified mobile ``phone`` is linked to the
    deceased of ``found`` (see the module's docstring); a case ``besides``
    (the one being handled) does not count as an earlier one."""
    phone = normalise_phone(phone or "")
    if not phone:
        return False
    known = {found.death_contact_phone, *(r.get("phone", "") for r in found.relatives)}
    if phone in {normalise_phone(number) for number in known if number}:
        return True
    earlier = Case.objects.filter(deceased_id_hash=deceased_key(found.id_number))
    if besides is not None:
        earlier = earlier.exclude(pk=besides.pk)
    phone_key = hash_for(Person, "phone", phone)
    return (
        earlier.filter(applicant__phone_hash=phone_key).exists()
        or Delegation.objects.filter(
            declaration__case__in=earlier, phone_hash=hash_for(Delegation, "phone", phone)
        ).exists()
    )


def relatives_for(case):
    """The registry's relatives of ``case``'s deceased, for the applicant's
    heirs list — only when the applicant is linked to the deceased."""
    try:
        found = lookup_person(case.deceased.id_number, purpose=HEIRS_PREFILL, case=case)
    except RegistryUnavailable:
        return []
    if found is None or not linked(found, case.applicant.phone, besides=case):
        return []
    return list(found.relatives)
