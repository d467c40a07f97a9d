from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cases.fields import BlindIndexField, EncryptedTextField, hash_for

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data under the newest key in FIELD_ENCRYPTION_KEYS. Put the "
        "new key first, keep the old ones after it, run this, then remove the old keys. "
        "With --rehash, also recompute the blind indexes after BLIND_INDEX_KEY changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rehash", action="store_true", help="Recompute blind indexes too.")

    def handle(self, *args, rehash, **options):
        for model in apps.get_models():
            encrypted = [f for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if not encrypted:
                continue
            indexes = [f for f in model._meta.fields if isinstance(f, BlindIndexField)]
            count = self._rotate(model, encrypted, indexes if rehash else [])
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")

    def _rotate(self, model, encrypted, indexes):
        # Loading decrypts with whichever key fits; saving encrypts with the
        # newest. bulk_update writes no audit entries: the data is unchanged.
        count, last_pk = 0, 0
        field_names = [f.name for f in encrypted + indexes]
        while True:
            with transaction.atomic():
                rows = list(
                    model.objects.select_for_update().filter(pk__gt=last_pk).order_by("pk")[:BATCH]
                )
                if not rows:
                    return count
                for row in rows:
                    for index in indexes:
                        setattr(
                            row,
                            index.attname,
                            hash_for(model, index.source, getattr(row, index.source)),
                        )
                model.objects.bulk_update(rows, field_names)
            count += len(rows)
            last_pk = rows[-1].pk
