"""``pytest --reuse-db`` keeps working after a run whose last database test
was transactional (it used to leave the kept database without the seeded
catalogue and groups: Group.DoesNotExist on the next run)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workers import child_env, copy_of_test_database

ROOT = Path(__file__).resolve().parents[1]
TRANSACTIONAL = "tests/cases/test_concurrent_completion.py"
NEEDS_SEEDED_GROUPS = (
    "tests/cases/test_staff_roles.py::test_a_correction_by_an_administrator_is_kept_with_its_reason"
)


# What it checks is pytest-django's --reuse-db with our session fixture, the
# same on either database: it runs in the SQLite pass only (two nested runs
# of the migrations, over a minute on PostgreSQL).
pytestmark = pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""),
    reason="runs in the SQLite pass; the rule it checks does not depend on the database",
)


def pytest_run(*args, var_dir):
    return subprocess.run(  # noqa: S603 - our own test suite with fixed arguments
        [sys.executable, "-m", "pytest", "-q", "--reuse-db", *args],
        cwd=ROOT,
        env=child_env("DATABASE_URL", VAR_DIR=str(var_dir)),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db  # the database copied
def test_a_reused_database_keeps_its_seeded_data_after_a_transactional_test(tmp_path):
    # The kept database the first run reuses: a copy of this one, built by the
    # same migrations (building it again would take most of this test's time).
    copy_of_test_database(tmp_path / "test-db.sqlite3")
    first = pytest_run(TRANSACTIONAL, var_dir=tmp_path)
    assert first.returncode == 0, first.stdout[-2000:]
    second = pytest_run(NEEDS_SEEDED_GROUPS, var_dir=tmp_path)
    assert second.returncode == 0, second.stdout[-2000:]
    assert "1 passed" in second.stdout
