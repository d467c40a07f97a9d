"""Private files (uploaded documents, draft uploads): never under MEDIA_URL,
and encrypted at rest like the personal data in the database."""

import os

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from . import crypto


@deconstructible
class EncryptedFileSystemStorage(FileSystemStorage):
    """Files are Fernet tokens on disk; ``open`` gives the plaintext back.

    Documents are small (the forms cap uploads at 20 MB), so whole-file
    encryption in memory is fine.
    """

    def __init__(self, subdirectory="", **kwargs):
        self.subdirectory = subdirectory
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(
            self._location, settings.PRIVATE_MEDIA_ROOT / self.subdirectory
        )

    @property
    def location(self):
        # Not cached (Django caches it per instance): tests and deployments
        # may point PRIVATE_MEDIA_ROOT elsewhere after the storage exists.
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        # Never served directly: views check who asks, then stream the file.
        return None

    def _save(self, name, content):
        content.seek(0)
        token = crypto.fernet().encrypt(content.read())
        return super()._save(name, ContentFile(token))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as stored:
            plaintext = crypto.fernet().decrypt(stored.read())
        return ContentFile(plaintext, name=name)

    def size(self, name):
        # The plaintext's size, which is what the form validated.
        return len(self._open(name).read())

    def url(self, name):
        raise NotImplementedError("Private files have no public URL.")


def document_storage():
    return EncryptedFileSystemStorage("documents")


def draft_storage():
    return EncryptedFileSystemStorage("drafts")
