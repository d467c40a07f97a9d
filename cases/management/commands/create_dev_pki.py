from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.models import Department
from cases.pki import create_dev_pki


class Command(BaseCommand):
    help = (
        "Create a development CA and a signing certificate for each department under "
        "PKI_DIR, for the sealed certificates. Never for production."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "A development CA is for development only (DEMO_DATA_ALLOWED is False). "
                "In production put the departments' real certificates in PKI_DIR."
            )
        departments = Department.objects.values_list("code", "name_zh")
        created = create_dev_pki(settings.PKI_DIR, departments)
        self.stdout.write(
            f"Development PKI in {settings.PKI_DIR}: {len(created)} department certificates added."
        )
