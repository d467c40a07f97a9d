"""The catalogue's new limits (catalogue.md), for cases filed from now on;
tasks already created keep theirs, and get the moment they are due: the end
of office hours on their due date, as working days always meant."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import migrations

# code: (amount, unit, {scenario: (amount, unit)})
LIMITS = {
    "BD01": (0, "wd", {}),
    "H01": (4, "wh", {"home": (1, "wd")}),
    "P01": (5, "wd", {}),
    "P02": (1, "wd", {}),
    "P03": (1, "wd", {}),
    "C01": (48, "ch", {}),
    "C02": (4, "wh", {}),
    "C03": (1, "wd", {}),
    "C05": (1, "wd", {}),
    "C06": (4, "wh", {}),
    "D01": (1, "wd", {}),
    "D02": (1, "wd", {}),
    "R01": (1, "wd", {}),
    "R02": (2, "wd", {}),
    "R03": (2, "wd", {}),
    "R04": (1, "wd", {}),
    "M01": (1, "wd", {}),
    "M02": (2, "wd", {}),
    "F01": (2, "wd", {}),
    "V01": (2, "wd", {}),
    "B01": (2, "wd", {}),
    "B02": (2, "wd", {}),
}
CLOCK_STARTERS = ("H01", "P01")


def seed(apps, schema_editor):
    Matter = apps.get_model("cases", "Matter")
    for code, (amount, unit, by_scenario) in LIMITS.items():
        Matter.objects.filter(code=code).update(
            time_limit=amount,
            time_limit_unit=unit,
            time_limits_by_scenario={s: list(limit) for s, limit in by_scenario.items()},
        )
    Matter.objects.filter(code__in=CLOCK_STARTERS).update(starts_case_clock=True)
    Matter.objects.filter(code="C02").update(starts_after="cremation")
    _backfill_due_at(schema_editor)


def _backfill_due_at(schema_editor):
    # Set-based: a province has tens of millions of tasks.
    closes = settings.OFFICE_HOURS[-1][1]
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    offset = datetime.datetime.now(zone).utcoffset()
    hours = int(offset.total_seconds() // 3600)
    table = "cases_departmenttask"
    if schema_editor.connection.vendor == "postgresql":
        sql = (
            f"UPDATE {table} SET due_at = (due_date + time %s) AT TIME ZONE %s "
            "WHERE due_date IS NOT NULL AND due_at IS NULL"
        )
        params = [closes, settings.TIME_ZONE]
    else:
        sql = (
            f"UPDATE {table} SET due_at = datetime(due_date || ' ' || %s || ':00', %s) "
            "WHERE due_date IS NOT NULL AND due_at IS NULL"
        )
        params = [closes, f"{-hours:+d} hours"]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(sql, params)


class Migration(migrations.Migration):
    dependencies = [("cases", "0035_limits_with_units")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
