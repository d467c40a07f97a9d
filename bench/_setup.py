"""Shared start-up of the benchmarks: settings, a throw-away database."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/shenhou_bench"


def django_with_test_database(database_url=None):
    """Set Django up on a fresh test database; return the teardown callable."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]  # the test client's host

    config = setup_databases(verbosity=0, interactive=False)
    return lambda: teardown_databases(config, verbosity=0)


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
