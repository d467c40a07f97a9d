"""Seed what each matter needs (catalogue.md, column "needs"). Tasks filed
before the catalogue knew needs get their matter's list, so their
departments see what the family gave; later edits of the catalogue never
reach a filed task again."""

from django.db import migrations

# A copy, not an import of cases.needs: a migration must not change when the
# code moves on.
SEEDED = {
    "BD01": ["deceased.identity"],
    "H01": [
        "deceased.identity",
        "death.time_place",
        "death.cause",
        "doc.death_report",
        "doc.care_home_report",
        "doc.medical_records",
    ],
    "P01": ["deceased.identity", "death.time_place", "doc.police_receipt"],
    "P02": ["deceased.identity", "cert.death", "applicant"],
    "P03": ["deceased.identity", "cert.death"],
    "C01": [
        "death.time_place",
        "funeral.pickup",
        "funeral.farewell",
        "care_home.contact",
        "applicant",
        "applicant.contact",
    ],
    "C02": ["cert.death", "doc.cremation_record"],
    "C03": ["deceased.identity", "death.time_place", "deceased.household"],
    "C05": ["deceased.identity", "death.time_place"],
    "C06": ["cert.cremation", "payee.account"],
    "D01": ["deceased.identity", "cert.death"],
    "D02": ["deceased.identity", "death.time_place"],
    "R01": ["deceased.identity", "death.time_place", "heirs", "payee.account"],
    "R02": ["cert.cremation", "heirs", "payee.account"],
    "R03": ["family.supported", "payee.account"],
    "R04": ["deceased.identity", "cert.household_cancellation"],
    "M01": ["deceased.identity", "death.time_place"],
    "M02": ["heirs", "payee.account"],
    "F01": ["cert.household_cancellation", "heirs", "payee.account"],
    "V01": ["deceased.identity", "death.time_place", "payee.account"],
    "B01": ["deceased.identity", "cert.household_cancellation", "heirs", "payee.account"],
    "B02": ["deceased.identity", "cert.death", "applicant", "applicant.contact"],
    "N01": ["applicant", "applicant.contact", "heirs"],
}


def seed(apps, schema_editor):
    Matter = apps.get_model("cases", "Matter")
    DepartmentTask = apps.get_model("cases", "DepartmentTask")
    for code, needs in SEEDED.items():
        Matter.objects.filter(code=code).update(needs=needs)
        DepartmentTask.objects.filter(matter_code=code, needs=[]).update(needs=needs)


class Migration(migrations.Migration):
    dependencies = [("cases", "0021_matter_needs")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
