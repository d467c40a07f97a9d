"""`make run` on another port: the links the site sends point at that port."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Run under `make test`, the environment carries the outer make's exports
# and flags: the inner make must start from a clean one.
OUTER_MAKE = {"PUBLIC_BASE_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}


def clean_environment(**extra):
    import os

    return {k: v for k, v in os.environ.items() if k not in OUTER_MAKE} | extra


def base_url(*args, env=None):
    result = subprocess.run(  # noqa: S603 - our own Makefile, fixed arguments
        [
            shutil.which("make") or "make",
            "--no-print-directory",
            "-s",
            "--eval=show-base-url: ; @echo $$PUBLIC_BASE_URL",
            "show-base-url",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env or clean_environment(),
    )
    return result.stdout.strip()


def test_sms_links_follow_the_port_of_make_run():
    assert base_url("PORT=8123") == "http://127.0.0.1:8123"


def test_an_operators_public_address_wins():
    env = clean_environment(PUBLIC_BASE_URL="https://shenhou.example.gov.cn")
    assert base_url("PORT=8123", env=env) == "https://shenhou.example.gov.cn"


def processes_in(var_dir):
    """PIDs of processes whose environment names ``var_dir`` (what `make
    run` started for it, however deep)."""
    from tests.workers import processes_where

    marker = f"VAR_DIR={var_dir}".encode()
    return processes_where(lambda proc: marker in (proc / "environ").read_bytes().split(b"\0"))


def answers(port):
    import socket

    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def _lines_seen(output):
    text = output.read_text()
    return [marker for marker in ("Serving http://", "Quit the server") if marker in text]


@pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""),
    reason="make run is the SQLite demo: it runs in the SQLite pass (about a minute)",
)
@pytest.mark.django_db  # the database copied
def test_sigterm_to_make_runs_group_stops_everything_it_started(tmp_path):
    """What a service manager or a time-out does: the site, the worker and the
    scheduler all stop, and the port is free for the next `make run`."""
    import os
    import signal
    import socket
    import time

    from tests.workers import copy_of_test_database

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    var_dir = tmp_path / "var"
    # `make run` on a machine where it ran before: the database is migrated
    # (a copy of this test database, which the same migrations built from
    # nothing), so what runs is the rest — the demo data, the certificates,
    # the three services — not 40 seconds of migrations again.
    copy_of_test_database(var_dir / "db.sqlite3")
    log = (tmp_path / "make-run.log").open("w")
    make = subprocess.Popen(  # noqa: S603 - our own Makefile, fixed arguments
        [shutil.which("make") or "make", "--no-print-directory", "run", f"PORT={port}"],
        cwd=ROOT,
        # On SQLite, as a newcomer runs it (the PostgreSQL test pass sets DATABASE_URL).
        env={
            **{k: v for k, v in clean_environment().items() if k != "DATABASE_URL"},
            "VAR_DIR": str(var_dir),
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        },
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        output = tmp_path / "make-run.log"
        while not {"Serving http://", "Quit the server"} <= set(_lines_seen(output)):
            assert make.poll() is None, output.read_text()[-2000:]
            assert time.monotonic() < deadline, "make run did not start serving"
            time.sleep(0.5)
        assert answers(port)
        # The accounts and ID numbers come last, after the server's lines.
        printed = output.read_text()
        assert printed.index("Quit the server") < printed.index("Deceased the demo registry knows")
        started = processes_in(var_dir)
        # runserver (and its reloader), db_worker, run_scheduled
        assert len(started) >= 4, (started, printed[-2000:])
        os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=30)
        deadline = time.monotonic() + 15
        while processes_in(var_dir) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_in(var_dir) == []
        assert not answers(port)
    finally:
        for pid in processes_in(var_dir):
            os.kill(pid, signal.SIGKILL)
