"""Tests: development keys, fast hashing, the in-memory SMS outbox.

``DATABASE_URL`` still decides the database, so the same suite runs on SQLite
and on PostgreSQL.
"""

import hashlib
import os
import tempfile
from pathlib import Path

# Tests write nothing under the checkout's var/ (which `make run` uses): their
# files go to a folder of their own per checkout, outside it, unless VAR_DIR
# says otherwise. Set before the base settings read it, and in the
# environment, so the processes tests start (workers, servers) use it too.
_CHECKOUT = str(Path(__file__).resolve().parents[2])
os.environ.setdefault(
    "VAR_DIR",
    str(
        Path(tempfile.gettempdir())
        / f"shenhou-tests-{hashlib.sha256(_CHECKOUT.encode()).hexdigest()[:12]}"
    ),
)

from .dev import *  # noqa: E402, F403
from .env import env  # noqa: E402

# pytest-xdist runs the suite in several processes at once ("gw0", "gw1"…):
# each has its own database (pytest-django adds the suffix) and its own files.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Wagtail's own background work (search and reference indexes) runs at once in
# tests; tests of our own jobs use the database backend explicitly.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING["root"]["level"] = "WARNING"
SMS_BACKEND = "memory"
# The in-memory outbox exists only here: no other environment can select it.
INSTALLED_APPS = [*INSTALLED_APPS, "cases.sms.contrib.memory"]

# Threads of the live server and of the concurrency tests must not keep
# connections open after their work, or the test database cannot be dropped.
# A worker process a benchmark starts (and stops before the drop) keeps its
# connection as production's do (TEST_CONN_MAX_AGE=60): a new connection for
# every job was a tenth of a dispatch's cost.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("TEST_CONN_MAX_AGE", "0"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: the browser tests' live server then reads the same
    # database through its own connection, as a real server would.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}

if env("TASKS_BACKEND") == "database":
    # Worker processes started by the tests (test_worker_crash) need real job rows.
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# A development CA of the tests' own, per test process; made when the session
# starts (tests/conftest.py), before any test moves the clock.
PKI_DIR = VAR_DIR / f"test-pki{WORKER and '-' + WORKER}"
PUBLIC_BASE_URL = "http://testserver"
