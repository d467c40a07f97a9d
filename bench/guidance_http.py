"""Guidance pages over HTTP as deployed, against the anchor issue 36 names.

- **ours**: gunicorn with deploy/gunicorn.conf.py (production settings, two
  workers, its access log) on PostgreSQL and Redis, serving the hospital
  scenario guide to anonymous visitors — whole from the shared cache after
  the first visit (cms/page_cache.py);
- **anchor**: Wagtail's own starter project (``wagtail start``, this
  Wagtail's version), its production settings, SQLite, gunicorn with two
  workers, its home page rendered on every request.

wrk loads each on loopback in turn, in interleaved rounds, as a browser asks
(``Accept-Encoding: gzip``); the medians of requests per second and their
ratio are printed (goal ≥ 5). Needs wrk (Debian's package ``wrk``).

    .venv/bin/python bench/guidance_http.py [--seconds 10] [--rounds 3] [--smoke]
"""

import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, _cleanups, claim_redis_database, free_port, production_env, run_benchmark

PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUIDE = "/hospital/"


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is needed to load the servers: apt-get install wrk")
    run_benchmark(
        "guidance_http",
        __doc__,
        measure,
        postgres=True,
        seconds=10,
        rounds=3,
        smoke={"seconds": 1, "rounds": 1},
    )


def run(command, env, cwd=ROOT):
    done = subprocess.run(  # noqa: S603 - our own commands and Wagtail's
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode:
        sys.exit(f"{' '.join(map(str, command[:3]))} failed:\n{done.stdout}\n{done.stderr}")


def serve(command, env, cwd, port):
    """Start a gunicorn in a process group of its own, stopped (by its PID)
    when the run ends; wait until it answers."""
    log = open(Path(env["VAR_DIR"]) / f"gunicorn-{port}.log", "w")  # open while it runs
    server = subprocess.Popen(  # noqa: S603 - gunicorn, fixed arguments
        command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )

    def stop():
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=30)
        log.close()

    _cleanups.append(stop)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"gunicorn on {port} did not start: see {log.name}")
            time.sleep(0.2)


def ours(workspace):
    """The platform under production settings on the bench's database."""
    from django.db import connection

    from demo.pages import seed_pages
    from tests.workers import database_url

    seed_pages()
    database = database_url()
    connection.close()
    port = free_port()
    env = production_env(
        workspace,
        database,
        claim_redis_database(),
        SMS_BACKEND="file",
        PROMETHEUS_MULTIPROC_DIR=str(workspace / "metrics"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="WARNING",
    )
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    command = [PYTHON, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi"]
    serve(command, env, ROOT, port)
    return f"http://127.0.0.1:{port}{GUIDE}"


def starter(workspace):
    """Wagtail's starter project, made by Wagtail's own command."""
    folder = workspace / "starter"
    folder.mkdir()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VAR_DIR")},
        "VAR_DIR": str(workspace),
        "DJANGO_SETTINGS_MODULE": "starter.settings.production",
    }
    run([str(ROOT / ".venv" / "bin" / "wagtail"), "start", "starter", str(folder)], env)
    # Its production settings take the secret and hosts from a local file.
    (folder / "starter" / "settings" / "local.py").write_text(
        f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\nALLOWED_HOSTS = ['127.0.0.1']\n"
    )
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, cwd=folder)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, cwd=folder)
    port = free_port()
    command = [PYTHON, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "starter.wsgi"]
    serve(command, env, folder, port)
    return f"http://127.0.0.1:{port}/"


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})  # noqa: S310 - loopback
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
        return response.status, dict(response.headers)


def wrk(url, seconds):
    done = subprocess.run(  # noqa: S603 - wrk, fixed arguments
        [shutil.which("wrk"), "-t2", "-c16", f"-d{seconds}s", "-H", "Accept-Encoding: gzip", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if done.returncode or errors:
        sys.exit(f"wrk on {url}:\n{done.stdout}\n{done.stderr}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))


def measure(seconds, rounds):
    workspace = Path(os.environ["VAR_DIR"])
    urls = {"anchor": starter(workspace), "ours": ours(workspace)}
    for name, url in urls.items():
        status, headers = fetch(url)  # the first visit renders (and, ours, keeps it)
        assert status == 200, (name, status)
    status, headers = fetch(urls["ours"])
    print(
        f"ours: {GUIDE} {status}, Content-Encoding {headers.get('Content-Encoding')}, "
        f"Cache-Control {headers.get('Cache-Control')}"
    )
    rates = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            rates[name].append(wrk(url, seconds))
    print(f"wrk -t2 -c16, {rounds} interleaved rounds of {seconds} s, median requests/s:")
    median = {name: statistics.median(values) for name, values in rates.items()}
    print(f"  anchor (Wagtail starter home page, uncached)  {median['anchor']:9.1f}")
    print(f"  ours ({GUIDE}, cached whole)          {median['ours']:9.1f}")
    print(f"ratio ours ÷ anchor: {median['ours'] / median['anchor']:.1f}  (goal ≥ 5)")


if __name__ == "__main__":
    main()
