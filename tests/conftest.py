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
def platform_language():
    """Every test starts in the platform's language. A request to an /en/
    page leaves English active in the thread (LocaleMiddleware activates,
    nothing deactivates), and a case filed by the next test in the same
    process was then an English family's."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


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
        _fresh_test_pki()
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not _seeded(connection):
                connection.creation.deserialize_db_from_string(contents)


def _fresh_test_pki():
    """The tests' development CA and department certificates, made now, at the
    real time: made on first use instead, inside a test that moved the clock
    weeks ahead, they were "not valid yet" for every test after it. A folder
    left by an earlier run with such certificates is made anew."""
    import datetime
    import shutil
    from pathlib import Path

    from cryptography import x509
    from django.conf import settings

    from cases.models import Department
    from cases.pki import create_dev_pki

    directory = Path(settings.PKI_DIR)
    now = datetime.datetime.now(datetime.UTC)
    for path in directory.glob("*.cert.pem"):
        cert = x509.load_pem_x509_certificate(path.read_bytes())
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            shutil.rmtree(directory)
            break
    create_dev_pki(directory, Department.objects.values_list("code", "name_zh"))


def _kept_for_the_module(django_db_blocker, *seeders):
    """Data the seeders write, kept for every test of a module: written once
    inside a transaction that each test's own nests in (and rolls back to),
    and that is rolled back when the module ends. Building the page tree
    for each test was a third of the suite's time."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            for seed in seeders:
                seed()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """The demo guidance pages, for a module of non-transactional tests."""
    from demo.pages import seed_pages

    yield from _kept_for_the_module(django_db_blocker, seed_pages)


@pytest.fixture(scope="module")
def demo_pages_and_forms(django_db_setup, django_db_blocker):
    """The demo guidance pages and application forms, likewise."""
    from demo.forms import seed_forms
    from demo.pages import seed_pages

    yield from _kept_for_the_module(django_db_blocker, seed_pages, seed_forms)
