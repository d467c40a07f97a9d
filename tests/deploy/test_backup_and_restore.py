"""deploy/backup.sh and deploy/restore.sh, as an operator runs them: a dump of
the database and the encrypted files, restored into an empty database and
empty folders, where the certificate opens and its seal verifies — with the
keys kept apart, and only with them (issue 22).

PostgreSQL only: pg_dump and pg_restore are the backup, as in production."""

import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from cases.models import Certificate
from tests.cases.helpers import complete
from tests.factories import applicant_data, submitted_case
from tests.workers import ROOT, child_env, database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("backups are pg_dump's: run with DATABASE_URL=postgres://… (CI does)")


@pytest.fixture
def empty_database(postgres):
    name = f"shenhou_restore_{uuid.uuid4().hex[:8]}"
    admin = connection.settings_dict
    dsn = (
        f"host={admin['HOST'] or '127.0.0.1'} port={admin['PORT'] or 5432} "
        f"user={admin['USER']} dbname=postgres"
    )
    with psycopg.connect(dsn, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield database_url().rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(dsn, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def backup(postgres, settings, tmp_path):
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete(case, "BD01", "H01")
    certificate = Certificate.objects.get(task__matter_code="H01")
    media = tmp_path / "media"
    media.mkdir()
    done = subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / "deploy" / "backup.sh"), str(tmp_path / "backups")],
        env=child_env(
            DATABASE_URL=database_url(),
            PRIVATE_MEDIA_ROOT=str(settings.PRIVATE_MEDIA_ROOT),
            MEDIA_ROOT=str(media),
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    return certificate, done.stdout.strip()


def restore(folder, database, tmp_path, **keys):
    return subprocess.run(  # noqa: S603 - our own script
        [str(ROOT / "deploy" / "restore.sh"), folder],
        env=child_env(
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            DATABASE_URL=database,
            PRIVATE_MEDIA_ROOT=str(tmp_path / "restored" / "private"),
            MEDIA_ROOT=str(tmp_path / "restored" / "media"),
            PYTHON=str(ROOT / ".venv" / "bin" / "python"),
            **keys,
        ),
        capture_output=True,
        text=True,
    )


def test_a_backup_restored_into_an_empty_database_opens_its_certificate(
    backup, empty_database, tmp_path, settings
):
    certificate, folder = backup
    done = restore(
        folder, empty_database, tmp_path, FIELD_ENCRYPTION_KEYS=settings.FIELD_ENCRYPTION_KEYS[0]
    )
    assert done.returncode == 0, done.stderr
    assert "restore checked: 1 certificates valid" in done.stdout
    # The file on disk is still encrypted: the backup never held it in clear.
    restored = tmp_path / "restored" / "private"
    (on_disk,) = restored.rglob("*.pdf")
    assert not on_disk.read_bytes().startswith(b"%PDF")
    assert certificate.serial in on_disk.name


def test_a_restore_with_other_keys_names_the_certificate_it_cannot_open(
    backup, empty_database, tmp_path
):
    from cryptography.fernet import Fernet

    certificate, folder = backup
    done = restore(
        folder, empty_database, tmp_path, FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode()
    )
    assert done.returncode != 0
    assert f"certificate {certificate.serial} does not open" in done.stderr


def test_the_backup_holds_no_key(backup, settings):
    _certificate, folder = backup
    for part in ("database.dump", "private-files.tar", "media.tar"):
        data = (Path(folder) / part).read_bytes()
        assert settings.FIELD_ENCRYPTION_KEYS[0].encode() not in data
