"""Every benchmark at its smallest size (``--smoke``), two at a time, so that
a broken one fails CI; the figures mean nothing at this size.

The migrations run once per database, into a template each benchmark
clones, instead of once per benchmark; the templates go with the run.

    .venv/bin/python bench/smoke.py [NAME ...]
"""

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from _setup import (  # noqa: E402
    PREFIX,
    _cleanups,
    _postgres_execute,
    _run_cleanups,
    drop_postgres_database,
    open_workspace,
)

# A benchmark that has not finished its smallest run by then is stuck.
TIMEOUT_SECONDS = 300


def benchmarks():
    return sorted(
        path.stem
        for path in HERE.glob("*.py")
        if not path.name.startswith("_") and path.stem != "smoke"
    )


def main():
    names = sys.argv[1:] or benchmarks()
    # The benchmarks get this environment, not the one open_workspace sets.
    environment = {k: v for k, v in os.environ.items() if k not in ("VAR_DIR", "DATABASE_URL")}
    started = time.perf_counter()
    try:
        folder = open_workspace("smoke", postgres=True, needed_bytes=2 * 1024**3)
        templates = make_templates(folder, environment)
        environment.update(templates)
        with ThreadPoolExecutor(max_workers=2) as pool:
            outcomes = list(pool.map(lambda name: run(name, environment), names))
    finally:
        _run_cleanups()
    failed = [name for name, ok, _seconds in outcomes if not ok]
    print("\n== benchmarks at their smallest size")
    for name, ok, seconds in outcomes:
        print(f"{name:<24} {'ok' if ok else 'FAILED':<7} {seconds:6.1f} s")
    print(f"benchmarks: {len(outcomes)} run, {len(failed)} failed")
    print(f"in {time.perf_counter() - started:.0f} s")
    sys.exit(1 if failed else 0)


def make_templates(folder, environment):
    """A migrated SQLite file and PostgreSQL database, side by side."""
    sqlite = folder / "template.sqlite3"
    postgres = f"{PREFIX}_template_{os.getpid()}"
    _postgres_execute(f'CREATE DATABASE "{postgres}"')
    _cleanups.append(lambda: drop_postgres_database(postgres))
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    migrations = [
        subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env={
                **environment,
                "DJANGO_SETTINGS_MODULE": "cms.settings.test",
                "VAR_DIR": str(folder),
                "DATABASE_URL": url,
            },
        )
        for url in (f"sqlite:///{sqlite}", f"{server}/{postgres}")
    ]
    for migration in migrations:
        if migration.wait(timeout=TIMEOUT_SECONDS) != 0:
            sys.exit("The templates' migrations failed.")
    return {"BENCH_TEMPLATE_SQLITE": str(sqlite), "BENCH_TEMPLATE_POSTGRES": postgres}


def run(name, environment):
    began = time.perf_counter()
    # Its own process group: a benchmark that hangs is stopped with what it
    # started (servers, workers); SIGTERM lets it drop its database.
    process = subprocess.Popen(  # noqa: S603 - our own benchmark, fixed arguments
        [sys.executable, str(HERE / f"{name}.py"), "--smoke"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        ok = process.returncode == 0
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
        ok, output = False, f"timed out after {TIMEOUT_SECONDS} s\n{output}"
    seconds = time.perf_counter() - began
    print(f"\n== {name} ({'ok' if ok else 'FAILED'}, {seconds:.1f} s)\n{output}", flush=True)
    return name, ok, seconds


if __name__ == "__main__":
    main()
