"""Replays a hostile corpus against gunicorn under production settings on
loopback: nested and repeated fragments, alias and token floods, documents
nested 1,000 deep, and every malformed body of the API's tests. Prints the
requests tried, how many answered 5xx, the slowest answer, and the same
figures for a plain allowed operation sent alongside (the anchor). Then, in
this process, how long the bounds of api/bounds.py take to refuse each kind
of document with the allow-list off (the check every caller meets).

    .venv/bin/python bench/hostile_corpus.py [--repeat 3] [--workers 2] [--smoke]
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import _run_cleanups as cleanup  # noqa: E402
from _setup import (  # noqa: E402
    arguments,
    claim_redis_database,
    free_port,
    open_workspace,
    production_env,
)


def nested_fragments(levels):
    parts = ["fragment F0 on ScenarioGuide { title }"]
    for n in range(1, levels + 1):
        parts.append(f"fragment F{n} on ScenarioGuide {{ ...F{n - 1} ...F{n - 1} }}")
    return " ".join(parts) + f" {{ scenarioGuides {{ ...F{levels} }} }}"


def hostile_documents():
    documents = {f"nested fragments x{n}": nested_fragments(n) for n in (10, 15, 20, 25, 30)}
    documents["500 aliases"] = (
        "{ " + " ".join(f"a{n}: scenarioGuides {{ title }}" for n in range(500)) + " }"
    )
    documents["20,000 tokens"] = "{ scenarioGuides { " + " ".join(["title"] * 20_000) + " } }"
    documents["nested 1,000 deep"] = "{ a " * 1000 + "}" * 1000
    documents["100 KB of comments"] = "#" + "x" * 100_000 + "\n{ scenarioGuides { title } }"
    return documents


def corpus():
    from tests.api.test_malformed_requests import MALFORMED

    requests = {
        name: (json.dumps({"query": document}).encode(), "application/json")
        for name, document in hostile_documents().items()
    }
    for name, (body, content_type) in MALFORMED.items():
        requests[name] = (body.encode() if isinstance(body, str) else body, content_type)
    return requests


def post(url, body, content_type):
    request = urllib.request.Request(  # noqa: S310 - our own server on loopback
        url, data=body, headers={"Content-Type": content_type}, method="POST"
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            status = response.status
            response.read()
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def replay(url, requests, repeat):
    anchor_body = json.dumps({"query": allowed_operation()}).encode()
    results, anchor = [], []
    for _ in range(repeat):
        for name, (body, content_type) in requests.items():
            status, seconds = post(url, body, content_type)
            results.append((name, status, seconds))
            anchor.append(post(url, anchor_body, "application/json")[1])
    return results, anchor


def allowed_operation():
    text = (ROOT / "graphql" / "operations" / "Guidance.graphql").read_text()
    return text.strip()


def in_process_bounds(repeat):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    import django

    django.setup()
    from api.bounds import parse_bounded

    print("\nIn this process, api.bounds.parse_bounded (allow-list or not, every caller):")
    for name, document in hostile_documents().items():
        samples = []
        for _ in range(repeat * 10):
            started = time.perf_counter()
            _document, errors = parse_bounded(document)
            samples.append(time.perf_counter() - started)
        verdict = "refused" if errors else "ACCEPTED"
        print(f"  {name:<22} {verdict:<9} median {statistics.median(samples) * 1000:7.2f} ms")


def main():
    sizes = arguments(__doc__, repeat=3, workers=2, smoke={"repeat": 1})
    try:
        workdir = open_workspace("hostile_corpus", needed_bytes=200 * 1024**2)
        replay_against_gunicorn(workdir, claim_redis_database(), **sizes)
        in_process_bounds(sizes["repeat"])
    finally:
        cleanup()


def replay_against_gunicorn(workdir, redis_database, *, repeat, workers):
    python = sys.executable
    env = production_env(
        workdir,
        f"sqlite:///{workdir}/bench.sqlite3",
        redis_database,
        SHARED_REGISTRY_URL="http://127.0.0.1:9/",
        LOG_LEVEL="ERROR",
    )
    template = os.environ.get("BENCH_TEMPLATE_SQLITE")
    if template:  # a smoke run: the migrated template, checked by migrate below
        shutil.copyfile(template, Path(workdir) / "bench.sqlite3")
    subprocess.run(  # noqa: S603 - our own manage.py
        [python, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    port = free_port()
    log = open(Path(workdir) / "gunicorn.log", "w")
    server = subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/graphql/"
    try:
        for _ in range(100):
            try:
                post(url, b"{}", "application/json")
                break
            except OSError:
                time.sleep(0.1)
        requests = corpus()
        results, anchor = replay(url, requests, repeat)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()
        worker_errors = [
            line
            for line in (Path(workdir) / "gunicorn.log").read_text().splitlines()
            if "ERROR" in line or "Traceback" in line or "WORKER TIMEOUT" in line
        ]
    errors = [r for r in results if r[1] >= 500]
    slowest = max(results, key=lambda r: r[2])
    hostile = [r[2] for r in results]
    print(f"gunicorn, production settings, {workers} workers, loopback")
    print(f"requests tried:        {len(results)} ({len(requests)} kinds x {repeat})")
    print(f"answered 5xx:          {len(errors)} {sorted({r[0] for r in errors})}")
    print(f"slowest answer:        {slowest[2] * 1000:7.2f} ms ({slowest[0]}, HTTP {slowest[1]})")
    print(f"median hostile answer: {statistics.median(hostile) * 1000:7.2f} ms")
    print(f"median anchor answer:  {statistics.median(anchor) * 1000:7.2f} ms (allowed Guidance)")
    print(f"ratio hostile/anchor:  {statistics.median(hostile) / statistics.median(anchor):.2f}")
    print(f"server errors logged:  {len(worker_errors)}")


if __name__ == "__main__":
    main()
