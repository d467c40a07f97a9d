import pytest

from cases.sms.contrib.memory import plugin as memory


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    """Every test starts with an empty in-memory SMS outbox."""
    memory.outbox.clear()
    memory.failures.clear()
    yield memory.outbox


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded documents go to a fresh directory per test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Per-network sign-in counters and cached page fragments start empty."""
    from django.core.cache import cache

    cache.clear()


def _seeded(connection):
    """Whether the data the migrations seed (the catalogue, the role groups)
    is in the database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM cases_department")
        return cursor.fetchone()[0] > 0


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, ready for ``--reuse-db``.

    A transactional test empties every table when it ends (Django restores
    the seeded rows only at the start of the next one), so a run whose last
    database test was transactional used to leave the kept database without
    its catalogue and groups, and the next ``--reuse-db`` run failed with
    Group.DoesNotExist. The seeded rows are put back when the session ends;
    a database already left empty by an older run is rebuilt."""
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if not _seeded(connection):
                connection.creation.create_test_db(
                    verbosity=0, autoclobber=True, serialize=True, keepdb=False
                )
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not _seeded(connection):
                connection.creation.deserialize_db_from_string(contents)
