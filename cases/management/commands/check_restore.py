from django.core.management.base import BaseCommand, CommandError

from cases.models import CaseDocument, Certificate
from cases.services.certificates import verify_document


class Command(BaseCommand):
    help = (
        "After a restore: open the newest sealed certificates and documents with this "
        "system's keys and check each certificate's seal against the register. Fails "
        "naming the first file that does not open (wrong keys, missing files)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sample", type=int, default=20, metavar="N")

    def handle(self, *args, sample, **options):
        certificates = Certificate.objects.order_by("-issued_at")[:sample]
        for certificate in certificates:
            try:
                data = certificate.file.open().read()
            except Exception as failure:
                raise CommandError(
                    f"certificate {certificate.serial} does not open: {failure}"
                ) from failure
            verdict = verify_document(data).status
            # A revoked certificate keeps its seal: it still opens and verifies.
            if verdict not in ("valid", "revoked"):
                raise CommandError(f"certificate {certificate.serial} is {verdict}")
        documents = CaseDocument.objects.order_by("-id")[:sample]
        for document in documents:
            try:
                document.file.open().read()
            except Exception as failure:
                raise CommandError(f"document {document.pk} does not open: {failure}") from failure
        self.stdout.write(
            f"restore checked: {len(certificates)} certificates valid, "
            f"{len(documents)} documents opened"
        )
