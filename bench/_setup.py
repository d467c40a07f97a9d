"""Shared start-up of the benchmarks: a workspace of their own, settings, a
throw-away database.

Each run works alone and cleans up after itself: its own ``var/`` folder,
its own database (and Redis database where it needs one), all named after
the benchmark and its process ID, removed on exit — SIGINT, SIGTERM and
SIGHUP included. What a run killed outright (SIGKILL) left behind is removed
by the next run of any benchmark before it starts. A run says how much disk
it needs and refuses to start without that plus 10 GB free.

``--smoke`` runs a benchmark at its smallest size (``bench/smoke.py`` runs
them all in CI); there the database is cloned from a template that
``bench/smoke.py`` migrated once (BENCH_TEMPLATE_SQLITE,
BENCH_TEMPLATE_POSTGRES) instead of migrated again by every benchmark.
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
PREFIX = "shenhou_bench"
KEEP_FREE = 10 * 1024**3
# Redis databases the benchmarks may claim (the applications use 0-7).
REDIS_DATABASES = range(8, 16)
REDIS_OWNER_KEY = "shenhou-bench:owner"
GB = 1024**3


def workspace_root():
    return Path(tempfile.gettempdir())


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid_of(name):
    match = re.search(r"_(\d+)$", name)
    return int(match.group(1)) if match else None


def _postgres_admin_url():
    parts = urlsplit(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    return urlunsplit(parts._replace(path="/postgres"))


def _postgres_execute(sql, params=()):
    import psycopg

    with psycopg.connect(_postgres_admin_url(), autocommit=True, connect_timeout=10) as db:
        cursor = db.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def postgres_databases(pattern=f"%{PREFIX}_%"):
    return [
        row[0]
        for row in _postgres_execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (pattern,)
        )
    ]


def drop_postgres_database(name):
    _postgres_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def remove_leftovers(*, postgres):
    """Drop what runs that no longer exist left: their folders, their
    databases, their Redis databases."""
    removed = []
    for path in workspace_root().glob(f"{PREFIX}_*"):
        pid = _pid_of(path.name)
        if pid and not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(str(path))
    if postgres:
        for name in postgres_databases():
            pid = _pid_of(name)
            if pid and not _alive(pid):
                drop_postgres_database(name)
                removed.append(f"database {name}")
    for number, owner in _redis_owners():
        if owner and not _alive(owner):
            _redis(number).flushdb()
            removed.append(f"Redis database {number}")
    if removed:
        print("Removed what killed runs left: " + ", ".join(removed), flush=True)


def _redis(number):
    import redis

    return redis.Redis(host="127.0.0.1", port=6379, db=number, socket_timeout=5)


def _redis_owners():
    import redis

    try:
        return [
            (number, int(_redis(number).get(REDIS_OWNER_KEY) or 0)) for number in REDIS_DATABASES
        ]
    except redis.RedisError:
        return []  # no Redis here: no benchmark can have left anything in it


def claim_redis_database():
    """A Redis database of this run's own: an empty one, marked with its PID."""
    for number in REDIS_DATABASES:
        db = _redis(number)
        if db.dbsize() == 0 and db.set(REDIS_OWNER_KEY, os.getpid(), nx=True):
            _cleanups.append(db.flushdb)
            return number
    sys.exit("No free Redis database among 8-15 for the benchmark.")


def check_disk(needed_bytes):
    """Print what the run needs; refuse to start without that plus 10 GB."""
    free = shutil.disk_usage(workspace_root()).free
    print(
        f"disk: needs about {needed_bytes / GB:.2f} GB, {free / GB:.1f} GB free "
        f"(10 GB are kept free)",
        flush=True,
    )
    if free < needed_bytes + KEEP_FREE:
        sys.exit(
            f"Not started: {needed_bytes / GB:.2f} GB needed plus 10 GB kept free, "
            f"only {free / GB:.1f} GB free. Use a smaller --cases."
        )


_cleanups = []


def _run_cleanups():
    while _cleanups:
        with contextlib.suppress(Exception):
            _cleanups.pop()()


def _stop(signum, _frame):
    raise SystemExit(128 + signum)


def open_workspace(name, *, postgres=False, needed_bytes=0):
    """This run's own folder (VAR_DIR) and database name; what killed runs
    left is removed first. Returns the workspace folder."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)  # unwinds like Ctrl-C: every finally runs
    remove_leftovers(postgres=postgres)
    check_disk(needed_bytes)
    folder = workspace_root() / f"{PREFIX}_{name}_{os.getpid()}"
    folder.mkdir()
    _cleanups.append(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ.pop("DATABASE_URL", None)  # SQLite, unless PostgreSQL is asked for
    if postgres:
        parts = urlsplit(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
        # The test database Django makes from it is "test_" + this name.
        database = f"{PREFIX}_{name}_{os.getpid()}"
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{database}"))
    return folder


def django_with_test_database(database_url=None):
    """Set Django up on a fresh test database of this run; return the
    teardown callable. (``database_url`` is kept for callers that give one;
    open_workspace decides it otherwise.)"""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get(
        "DJANGO_SETTINGS_MODULE", "cms.settings.test"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # the test client's host

    keepdb = _clone_template(connection)
    config = setup_databases(verbosity=0, interactive=False, keepdb=keepdb)

    def teardown():
        teardown_databases(config, verbosity=0)
        if connection.vendor == "postgresql":
            drop_postgres_database(connection.settings_dict["NAME"])

    _cleanups.append(teardown)
    return _run_cleanups


def _clone_template(connection):
    """In a smoke run, start from the template bench/smoke.py migrated: the
    migrations then only check that everything is applied."""
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite" and os.environ.get("BENCH_TEMPLATE_SQLITE"):
        Path(test_name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(os.environ["BENCH_TEMPLATE_SQLITE"], test_name)
        return True
    if connection.vendor == "postgresql" and os.environ.get("BENCH_TEMPLATE_POSTGRES"):
        template = os.environ["BENCH_TEMPLATE_POSTGRES"]
        _postgres_execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
        return True
    return False


def arguments(description, *, smoke, **sizes):
    """Parse a benchmark's sizes (``--cases``, ``--repeat``… with their
    defaults) and ``--smoke``, which replaces them by ``smoke``'s: the
    smallest run that still goes through every step."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    for key, default in sizes.items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=int, default=default)
    parser.add_argument(
        "--smoke", action="store_true", help="the smallest size: does it still run? (CI)"
    )
    args = parser.parse_args()
    if args.smoke:
        for key, value in smoke.items():
            setattr(args, key, value)
    return {key: getattr(args, key) for key in sizes}


def run_benchmark(name, description, measure, *, postgres=False, bytes_per_case=0, smoke, **sizes):
    """The whole of a benchmark: its arguments (``sizes`` and their
    ``smoke`` values), its workspace and database, ``measure(**sizes)``, and
    the clean-up, whatever ends it."""
    values = arguments(description, smoke=smoke, **sizes)
    try:
        open_workspace(
            name, postgres=postgres, needed_bytes=bytes_per_case * values.get("cases", 0)
        )
        django_with_test_database()
        measure(**values)
    finally:
        _run_cleanups()


def run_with_repeat(description, measure, *, repeat, name, smoke_repeat=2):
    """A benchmark that takes ``--repeat`` on a throw-away SQLite database."""
    run_benchmark(
        name,
        description,
        lambda repeat: measure(repeat),
        repeat=repeat,
        smoke={"repeat": smoke_repeat},
    )


def run_on_postgres(description, measure, *, cases, repeat, name, bytes_per_case, smoke):
    """A benchmark that takes ``--cases`` and ``--repeat`` on a throw-away
    PostgreSQL database of its own (on the server of BENCH_POSTGRES_URL)."""
    run_benchmark(
        name,
        description,
        lambda cases, repeat: measure(cases, repeat),
        postgres=True,
        bytes_per_case=bytes_per_case,
        cases=cases,
        repeat=repeat,
        smoke=smoke,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(workdir, database_url, redis_database, **extra):
    """The environment of a benchmark's own server under the production
    settings: fresh keys, its database and Redis database, its folders, no
    TLS on loopback, the shared registry over HTTP (production installs no
    demo registry); ``extra`` on top."""
    from cryptography.fernet import Fernet

    workdir = Path(workdir)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:6379/{redis_database}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "AUDIT_TRAIL_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SHARED_REGISTRY_SOURCE": "http",
        "SHARED_REGISTRY_SECRET": "bench-" + "x" * 40,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        **extra,
    }


def count_queries(client, url):
    """SQL queries of one GET through the test client (which must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def timed(function, repeat):
    """Median seconds of ``repeat`` calls."""
    import statistics
    import time

    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def bulk_cases(count, open_share=1.0):
    """``count`` cases of other families, 10 tasks each, written in bulk; a
    share ``1 - open_share`` of the cases is finished (as most are, in a
    province's history), the rest have their tasks ready."""
    import datetime
    import uuid

    from django.utils import timezone

    from cases.constants import PersonRole, Relationship, Scenario, TaskStatus
    from cases.models import Case, DepartmentTask, Matter, Person
    from cases.references import generate_reference

    matters = list(Matter.objects.select_related("department").order_by("code")[:10])
    now = timezone.now()
    batch = 1000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        people = Person.objects.bulk_create(
            [Person(role=PersonRole.DECEASED, name="测试逝者", id_number="") for _ in range(size)]
            + [
                Person(
                    role=PersonRole.APPLICANT,
                    name="测试家属",
                    phone=f"137{start + n:08d}",
                    relationship=Relationship.CHILD,
                )
                for n in range(size)
            ]
        )
        cases = Case.objects.bulk_create(
            [
                Case(
                    reference=generate_reference(),
                    scenario=Scenario.HOSPITAL,
                    channel="web",
                    deceased=people[n],
                    # A death of its own each: one open case per death.
                    deceased_id_hash=f"bench:{uuid.uuid4().hex}",
                    applicant=people[size + n],
                    submitted_at=now,
                    due_date=now.date() + datetime.timedelta(days=3),
                )
                for n in range(size)
            ]
        )
        open_cases = max(1, round(size * open_share)) if open_share else 0
        DepartmentTask.objects.bulk_create(
            [
                DepartmentTask.for_matter(
                    case,
                    matter,
                    status=TaskStatus.READY if n < open_cases else TaskStatus.COMPLETED,
                    due_date=now.date() + datetime.timedelta(days=n % 30),
                    completed_at=None if n < open_cases else now,
                )
                for n, case in enumerate(cases)
                for matter in matters
            ]
        )
