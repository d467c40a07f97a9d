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

    def stored_names(self):
        """Every stored file below this storage, as names it opens. A
        ``.rotating`` file left by an interrupted rotation is removed: the
        file it was to replace is still whole, under a configured key."""
        root = self.location
        for folder, _dirs, files in os.walk(root):
            # Leftovers go first: rotating a file writes its own ``.rotating``.
            for filename in files:
                if filename.endswith(ROTATING):
                    os.remove(os.path.join(folder, filename))
            for filename in sorted(files):
                if not filename.endswith(ROTATING):
                    yield os.path.relpath(os.path.join(folder, filename), root)

    def rotate(self, name):
        """Re-encrypt one file under the newest key; False if it already is.

        The new token is written beside the file and moved over it in one
        step (``os.replace``), so a crash at any point leaves either the old
        file or the new one, each readable by a key still configured."""
        path = self.path(name)
        with open(path, "rb") as stored:
            token = stored.read()
        if crypto.encrypted_with_newest_key(token):
            return False
        rotated = crypto.fernet().rotate(token)
        temporary = path + ROTATING
        with open(temporary, "wb") as out:
            out.write(rotated)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        return True


ROTATING = ".rotating"


def private_storage():
    """Everything under PRIVATE_MEDIA_ROOT: documents, certificates,
    authorizations and draft uploads alike."""
    return EncryptedFileSystemStorage()


def document_storage():
    return EncryptedFileSystemStorage("documents")


def draft_storage():
    return EncryptedFileSystemStorage("drafts")
