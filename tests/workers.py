"""Real ``db_worker`` processes against the database the caller is using
(the test database in tests, the benchmark's in bench/)."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def copy_of_test_database(path):
    """This process's SQLite test database, copied to ``path`` (a consistent
    snapshot, through SQLite's backup API), for a child process that needs a
    migrated database: the migrations from nothing take 40 seconds or more,
    and every test database is already built by them. For a test marked
    ``django_db`` (the database then exists); what it reads is what is
    committed: the migrations' rows."""
    import sqlite3

    assert connection.vendor == "sqlite", "a copy is made of SQLite test databases only"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(connection.settings_dict["NAME"]) as source:
        with sqlite3.connect(path) as copy:
            source.backup(copy)
    copy.close()
    source.close()
    return Path(path)


def child_env(*drop, **extra):
    """This process's environment for a child process: without ``drop``, nor
    DJANGO_ALLOW_ASYNC_UNSAFE (the browser tests set it for this process only,
    and Django's deployment check rightly refuses it)."""
    env = {k: v for k, v in os.environ.items() if k not in {*drop, "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return {**env, **extra}


def start_worker(name, **extra_env):
    env = child_env(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url(),
        TASKS_BACKEND="database",
        **extra_env,
    )
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.05",
            "--no-startup-delay",
            "--worker-id",
            name,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def processes_where(test):
    """PIDs of the processes for which ``test(pid_folder)`` holds, reading
    /proc (a process that ends while it is read is passed over)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if test(entry):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
