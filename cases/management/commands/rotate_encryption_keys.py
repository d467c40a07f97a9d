from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.fields import BlindIndexField, EncryptedTextField, hash_for
from cases.storage import private_storage

BATCH = 500


class Command(BaseCommand):
    help = (
        "Re-encrypt personal data under the newest key in FIELD_ENCRYPTION_KEYS: database "
        "fields and every stored file (documents, certificates, authorizations, draft "
        "uploads). Put the new key first, keep the old ones after it, run this until it "
        "reports no failures, then remove the old keys. It can be interrupted and run "
        "again: files already under the newest key are skipped. With --rehash, also "
        "recompute the blind indexes after BLIND_INDEX_KEY changed."
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
        rotated, current = self._rotate_files()
        self.stdout.write(f"files: {rotated} re-encrypted, {current} already under the newest key")
        self.stdout.write(
            "Every stored value and file is now under the newest key; the old keys may be "
            "removed from FIELD_ENCRYPTION_KEYS."
        )

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

    def _rotate_files(self):
        # Files are walked on disk, not through the models, so a file no row
        # points to any more (a draft's upload, say) is not left behind under
        # a key about to be removed. A file no configured key opens stops the
        # run with an error naming it: removing keys then would be wrong.
        storage = private_storage()
        rotated = current = 0
        for name in storage.stored_names():
            try:
                changed = storage.rotate(name)
            except InvalidToken:
                raise CommandError(
                    f"The file {name} opens with no key in FIELD_ENCRYPTION_KEYS. Nothing is "
                    f"lost yet: keep every old key, restore that file from the backup, and run "
                    f"this again ({rotated} files were re-encrypted before it)."
                ) from None
            if changed:
                rotated += 1
            else:
                current += 1
        return rotated, current
