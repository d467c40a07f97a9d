"""A benchmark killed outright leaves its database and folder behind; the
next run of any benchmark removes them before it starts, so a machine never
fills up with the remains of killed runs."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.workers import child_env, copy_of_test_database

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "shenhou_bench"


def start(name, **env):
    return subprocess.Popen(  # noqa: S603 - our own benchmark, fixed arguments
        [sys.executable, f"bench/{name}.py", "--smoke"],
        cwd=ROOT,
        env=child_env("DATABASE_URL", "VAR_DIR", "DJANGO_SETTINGS_MODULE", **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_until(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def folder_of(name, pid):
    return Path(tempfile.gettempdir()) / f"{PREFIX}_{name}_{pid}"


def on_server(url, sql, params=()):
    """``sql`` on the server's own database (creating and dropping others)."""
    import psycopg

    with psycopg.connect(url + "postgres", autocommit=True, connect_timeout=10) as db:
        cursor = db.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def postgres_databases(url, pid):
    rows = on_server(
        url, "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"%{PREFIX}_%_{pid}",)
    )
    return [row[0] for row in rows]


def killed_outright(name, ready, **env):
    run = start(name, **env)
    try:
        wait_until(lambda: ready(run.pid))
    finally:
        os.kill(run.pid, signal.SIGKILL)
        run.communicate(timeout=30)
    return run.pid


@pytest.mark.django_db  # the database copied
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the PostgreSQL pass kills a PG one")
def test_a_killed_benchmarks_folder_is_removed_by_the_next_run(tmp_path):
    # Both runs start from a copy of this test database, as bench/smoke.py's
    # runs start from the template it migrated (what is tested is the
    # clean-up, not 40 seconds of migrations).
    template = str(copy_of_test_database(tmp_path / "template.sqlite3"))
    killed = killed_outright(
        "three_days",
        lambda pid: (folder_of("three_days", pid) / "test-db.sqlite3").exists(),
        BENCH_TEMPLATE_SQLITE=template,
    )
    assert folder_of("three_days", killed).exists()
    again = start("three_days", BENCH_TEMPLATE_SQLITE=template)
    output, _ = again.communicate(timeout=300)
    assert again.returncode == 0, output
    assert not folder_of("three_days", killed).exists()
    assert not folder_of("three_days", again.pid).exists()  # its own went too


# Transactional: PostgreSQL copies a database only while no one is connected to
# it, this test's connection included.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's databases")
def test_a_benchmark_killed_and_run_again_leaves_no_database():
    server = connection.settings_dict
    url = f"postgres://{server['USER']}@{server['HOST'] or '127.0.0.1'}:{server['PORT'] or 5432}/"
    # Both runs start from a copy of this test database (PostgreSQL copies a
    # database no one is connected to), as bench/smoke.py's start from the
    # template it migrated: what is tested is the clean-up.
    template = f"shenhou_test_template_{os.getpid()}"
    connection.close()
    on_server(url, f'CREATE DATABASE "{template}" TEMPLATE "{server["NAME"]}"')
    try:
        killed = killed_outright(
            "my_cases",
            lambda pid: bool(postgres_databases(url, pid)),
            BENCH_POSTGRES_URL=url,
            BENCH_TEMPLATE_POSTGRES=template,
        )
        assert postgres_databases(url, killed)  # what SIGKILL leaves behind
        again = start("my_cases", BENCH_POSTGRES_URL=url, BENCH_TEMPLATE_POSTGRES=template)
        output, _ = again.communicate(timeout=300)
        assert again.returncode == 0, output
        assert postgres_databases(url, killed) == []
        assert postgres_databases(url, again.pid) == []
    finally:
        on_server(url, f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
