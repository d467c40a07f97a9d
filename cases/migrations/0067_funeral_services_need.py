"""The funeral home's booking (C01) reads the services the family chose
and the bill, like every other need of the data contract."""

from django.db import migrations

NEED = "funeral.services"


def add_need(apps, schema_editor):
    Matter = apps.get_model("cases", "Matter")
    for matter in Matter.objects.filter(code="C01"):
        if NEED not in matter.needs:
            needs = list(matter.needs)
            # After the farewell choices, as the catalogue lists it.
            at = needs.index("funeral.farewell") + 1 if "funeral.farewell" in needs else len(needs)
            matter.needs = [*needs[:at], NEED, *needs[at:]]
            matter.save(update_fields=["needs"])


def remove_need(apps, schema_editor):
    Matter = apps.get_model("cases", "Matter")
    for matter in Matter.objects.filter(code="C01"):
        matter.needs = [need for need in matter.needs if need != NEED]
        matter.save(update_fields=["needs"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0066_fee_permissions")]

    operations = [migrations.RunPython(add_need, remove_need)]
