"""The shared registry over HTTP: a signed JSON request with the ID number,
a signed JSON answer (``SHARED_REGISTRY_URL``, ``SHARED_REGISTRY_SECRET``)."""

import datetime

from django.conf import settings
from django.utils import timezone

from cases.connectors import signing
from cases.constants import ProfileFlag

from ...base import RegistryRecord, RegistrySource, RegistryUnavailable
from ...registry import register


@register("http")
class HttpRegistry(RegistrySource):
    verbose_name = "Shared registry over HTTP"

    def lookup(self, id_number):
        try:
            answer = signing.ask(
                settings.SHARED_REGISTRY_URL,
                settings.SHARED_REGISTRY_SECRET,
                {"id_number": id_number},
                timeout=settings.SHARED_REGISTRY_TIMEOUT_SECONDS,
            )
        except signing.NoAnswer as exc:
            raise RegistryUnavailable(f"the registry: {exc}") from None
        if not answer.get("found"):
            return None
        person = answer["person"]
        return RegistryRecord(
            id_number=id_number,
            name=person["name"],
            gender=person.get("gender", ""),
            birth_date=datetime.date.fromisoformat(person["birth_date"]),
            hukou_region=person.get("hukou_region", ""),
            hukou_area_code=str(person.get("hukou_area_code", "")),
            flags={flag: bool(person.get("flags", {}).get(flag)) for flag in ProfileFlag.values},
            relatives=tuple(
                {
                    key: str(relative.get(key, ""))
                    for key in ("name", "relationship", "id_number", "phone")
                }
                for relative in person.get("relatives", [])
            ),
            died_at=_moment(person.get("died_at")),
            death_contact_phone=str(person.get("death_contact_phone", "")),
            banks=_codes(person.get("banks")),
            insurers=_codes(person.get("insurers")),
            arranged_otherwise=person.get("arranged_otherwise") is True,
        )


def _codes(value):
    """A list of institution codes, or None where the registry sent none."""
    if value is None:
        return None
    return tuple(str(code) for code in value)


def _moment(text):
    """An ISO 8601 moment with its offset, or None; one without an offset is
    read in the platform's time zone (Beijing), as the registry records it."""
    if not text:
        return None
    moment = datetime.datetime.fromisoformat(text)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
