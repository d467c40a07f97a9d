"""Guidance pages for anonymous visitors, served whole from the cache
(cms/page_cache.py) against the same pages rendered by Wagtail on every
request: the home page (the anchor, the nearest to Wagtail's starter page)
and the hospital scenario guide. Interleaved rounds in one process, SQLite,
the test client (no network); queries per request counted.

    .venv/bin/python bench/guidance_cache.py [--repeat 300]
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import count_queries, run_with_repeat, timed

ROUNDS = 5


def main():
    run_with_repeat(__doc__, measure, repeat=300, name="guidance_cache")


def measure(repeat):
    from django.test import Client

    from demo.pages import seed_pages

    seed_pages()
    client = Client()
    # A bearer header makes a request not anonymous: Wagtail renders it.
    uncached = Client(HTTP_AUTHORIZATION="Bearer bench")

    def get(who, url):
        def call():
            assert who.get(url).status_code == 200

        return call

    runs = {
        "home page, rendered (anchor)": get(uncached, "/"),
        "guide page, rendered": get(uncached, "/hospital/"),
        "guide page, kept": get(client, "/hospital/"),
    }
    client.get("/hospital/")  # kept from here on
    samples = {label: [] for label in runs}
    per_round = max(repeat // ROUNDS, 1)
    for _ in range(ROUNDS):
        for label, call in runs.items():
            samples[label].append(timed(call, per_round))
    queries = {
        "home page, rendered (anchor)": count_queries(uncached, "/"),
        "guide page, rendered": count_queries(uncached, "/hospital/"),
        "guide page, kept": count_queries(client, "/hospital/"),
    }
    medians = {label: statistics.median(values) * 1000 for label, values in samples.items()}
    for label, ms in medians.items():
        print(f"{label:30} {ms:7.2f} ms  {queries[label]:2} queries")
    anchor = medians["home page, rendered (anchor)"]
    kept = medians["guide page, kept"]
    print(f"ratio anchor ÷ kept guide page:        {anchor / kept:6.1f}×")
    print(f"ratio rendered ÷ kept guide page:      {medians['guide page, rendered'] / kept:6.1f}×")


if __name__ == "__main__":
    main()
