import json

from cases.constants import ProfileFlag
from cases.fields import hash_for
from cases.registry.base import RegistryRecord, RegistrySource
from cases.registry.registry import register

from .models import DemoRegistryPerson


@register("demo")
class DemoRegistry(RegistrySource):
    verbose_name = "Demo registry (seeded people)"

    def lookup(self, id_number):
        person = DemoRegistryPerson.objects.filter(
            id_number_hash=hash_for(DemoRegistryPerson, "id_number", id_number)
        ).first()
        if person is None:
            return None
        return RegistryRecord(
            id_number=person.id_number,
            name=person.name,
            gender=person.gender,
            birth_date=person.birth_date,
            hukou_region=person.hukou_region,
            hukou_area_code=person.hukou_area_code,
            flags={flag: bool(person.flags.get(flag)) for flag in ProfileFlag.values},
            relatives=tuple(json.loads(person.relatives)) if person.relatives else (),
            died_at=person.died_at,
            death_contact_phone=person.death_contact_phone or "",
            banks=tuple(person.banks) if person.banks is not None else None,
            insurers=tuple(person.insurers) if person.insurers is not None else None,
            arranged_otherwise=person.arranged_otherwise,
        )
