"""Rotating the encryption key re-encrypts the stored files too, so the old
key can be removed without losing a document (issue 15, item 1)."""

import io
import os

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from cases.models import CaseDocument
from cases.storage import document_storage, draft_storage, private_storage
from tests.factories import submitted_case

pytestmark = pytest.mark.django_db

# One of each kind of file the platform keeps, where it keeps it.
FILES = {
    "document": (document_storage, "care-home-report"),
    "certificate": (document_storage, "certificates/SH-0001.pdf"),
    "authorization": (document_storage, "delegations/1/1.pdf"),
    "draft upload": (draft_storage, "apply/abc/upload"),
}


@pytest.fixture
def stored_files():
    case = submitted_case()
    document = CaseDocument.objects.create(
        case=case,
        label="养老院证明",
        file=ContentFile(b"%PDF-1.7 care home report", name="upload"),
        original_name="证明.pdf",
        content_type="application/pdf",
        size=25,
    )
    names = {}
    for kind, (storage, name) in FILES.items():
        if kind == "document":
            names[kind] = (storage, document.file.name)
        else:
            names[kind] = (storage, storage().save(name, ContentFile(f"{kind} bytes".encode())))
    return names


def contents(names):
    return {kind: storage().open(name).read() for kind, (storage, name) in names.items()}


def rotate():
    out = io.StringIO()
    call_command("rotate_encryption_keys", stdout=out)
    return out.getvalue()


def test_every_file_opens_after_rotating_and_removing_the_old_key(settings, stored_files):
    before = contents(stored_files)
    old, new = settings.FIELD_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    report = rotate()
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert contents(stored_files) == before
    assert "files: 4 re-encrypted, 0 already under the newest key" in report


def test_files_stay_encrypted_on_disk_after_rotation(settings, stored_files):
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    rotate()
    for storage, name in stored_files.values():
        with open(storage().path(name), "rb") as raw:
            assert raw.read().startswith(b"gAAAA")


def test_an_interrupted_rotation_leaves_every_file_readable_and_a_rerun_finishes(
    settings, stored_files, monkeypatch
):
    before = contents(stored_files)
    old, new = settings.FIELD_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    # The disk fails while the second file's new copy is being written.
    real_fsync, calls = os.fsync, []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        rotate()
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert contents(stored_files) == before  # with both keys, nothing is lost

    report = rotate()
    assert "files: 3 re-encrypted, 1 already under the newest key" in report
    leftovers = [n for n in private_storage().stored_names() if n.endswith(".rotating")]
    assert leftovers == []
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert contents(stored_files) == before


def test_a_file_no_key_opens_stops_the_rotation_and_says_which(settings, stored_files):
    stray = document_storage()
    with open(stray.path(stored_files["document"][1]), "wb") as raw:
        raw.write(Fernet(Fernet.generate_key()).encrypt(b"under a lost key"))
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    with pytest.raises(CommandError, match="keep every old key"):
        rotate()
