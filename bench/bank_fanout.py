"""A case fanned out to 20 banks, against the same case whose deposits go
to the finance group's one task (the anchor), interleaved round by round on
PostgreSQL: milliseconds per submission, tasks and SQL queries, and the
ratio. One notice reaches every bank; what it costs is one task (and its
edges and status row) per bank, in the same few inserts.

    .venv/bin/python bench/bank_fanout.py [--repeat 40] [--smoke]
"""

import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_benchmark

BANKS = 20


def main():
    run_benchmark(
        "bank_fanout",
        __doc__,
        measure,
        postgres=True,
        bytes_per_case=0,
        repeat=40,
        smoke={"repeat": 2},
    )


def measure(repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.constants import Scenario
    from tests.factories import (
        ALL_FLAGS,
        DemoRegistryPersonFactory,
        DepartmentFactory,
        applicant_data,
        deceased_data,
        resident_id,
        submitted_case,
    )

    banks = [DepartmentFactory(bank=True).code for _ in range(BANKS)]
    numbers = (
        resident_id(n % 999 + 1, datetime.date(1940, 1, 1) + datetime.timedelta(days=n // 999))
        for n in range(10**7)
    )
    phones = (f"139{n:08d}" for n in range(10**8))

    def submit(bank_list):
        id_number = next(numbers)
        DemoRegistryPersonFactory(
            id_number=id_number, name="王五", flags=ALL_FLAGS, banks=bank_list
        )
        start = time.perf_counter()
        case = submitted_case(
            Scenario.HOSPITAL,
            ALL_FLAGS,
            deceased=deceased_data(id_number=id_number),
            applicant=applicant_data(phone=next(phones)),
        )
        return time.perf_counter() - start, case

    for _ in range(3):  # warm up caches (content types, translations)
        submit(None)
        submit(banks)
    shapes = {}
    for label, bank_list in (("finance group", None), (f"{BANKS} banks", banks)):
        with CaptureQueriesContext(connection) as queries:
            _took, case = submit(bank_list)
        shapes[label] = (case.tasks.count(), len(queries))
    timings = {"finance group": [], f"{BANKS} banks": []}
    for _ in range(repeat):  # interleaved: the machine's mood hits both alike
        timings["finance group"].append(submit(None)[0])
        timings[f"{BANKS} banks"].append(submit(banks)[0])
    print(f"{'':16} {'tasks':>6} {'queries':>8} {'median ms':>10} {'p90 ms':>8}")
    medians = {}
    for label, durations in timings.items():
        tasks, queries = shapes[label]
        medians[label] = statistics.median(durations) * 1000
        p90 = statistics.quantiles(durations, n=10)[-1] * 1000 if len(durations) > 1 else 0
        print(f"{label:16} {tasks:>6} {queries:>8} {medians[label]:>10.1f} {p90:>8.1f}")
    ratio = medians[f"{BANKS} banks"] / medians["finance group"]
    print(f"ratio ({BANKS} banks ÷ finance group): {ratio:.2f}")


if __name__ == "__main__":
    main()
