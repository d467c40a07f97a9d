"""`make run`'s background worker stops when its PID is killed (issue 15,
item 9): under DEBUG, db_worker's autoreloader ran the worker as a child the
trap of `make run` never reached, and it outlived `make run`."""

import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.workers import ROOT, child_env, database_url, processes_where

pytestmark = pytest.mark.django_db


def make_run_worker_command():
    script = (Path(ROOT) / "scripts" / "run-dev").read_text()
    return re.search(r"^start (db_worker.*)$", script, re.MULTILINE).group(1).split()


def processes_with(marker):
    return processes_where(
        lambda proc: marker in (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    )


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the worker")
def test_killing_the_dev_worker_leaves_no_process_behind():
    marker = f"dev-worker-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *make_run_worker_command(), "--worker-id", marker],
        cwd=ROOT,
        env=child_env(DJANGO_SETTINGS_MODULE="cms.settings.dev", DATABASE_URL=database_url()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(3)  # long enough for an autoreloader to start its child
        assert worker.poll() is None, "the worker did not start"
        # As a supervisor or `kill -9` does: nothing gets to pass it on.
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=15)
        deadline = time.monotonic() + 10
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes_with(marker) == []
    finally:
        for pid in processes_with(marker):
            os.kill(pid, signal.SIGKILL)
