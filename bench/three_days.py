"""Can the seeded catalogue keep the promise of 3 working days? 10,000
simulated cases per scenario over the catalogue's matters and limits (the
profile of each deceased drawn at random, each item true with probability
one half), each department finishing at a random moment within its limit,
and again with 10% of tasks late by up to one limit. Time runs on the case
clock of ``cases.services.critical_path`` (office hours laid end to end,
what the case waits for outside the departments not counted).

Prints, per scenario: the share of cases finished within 3 working days of
the death certificate, and the median and 90th percentile of the working
days used.

    .venv/bin/python bench/three_days.py [--cases 10000] [--seed 1]
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import run_benchmark


def main():
    run_benchmark(
        "three_days",
        __doc__,
        lambda cases, seed: measure(cases, random.Random(seed)),
        cases=10_000,
        seed=1,
        smoke={"cases": 20},
    )


def measure(cases, rng):
    from cases.constants import ProfileFlag, Scenario
    from cases.limits import office_day_hours
    from cases.models import Matter
    from cases.services.critical_path import day_of, downstream, finish, scenario_plan
    from cases.services.submission import CASE_TIME_LIMIT_DAYS

    matters = list(Matter.objects.active().prefetch_related("depends_on"))
    day = office_day_hours()
    plans = {}

    def plan(scenario, flags):
        key = (scenario, flags)
        if key not in plans:
            profile = {flag: flag in flags for flag in ProfileFlag.values}
            ordered, starters = scenario_plan(matters, scenario, profile)
            after = downstream(ordered, starters)
            plans[key] = (
                [
                    (
                        t.matter.code,
                        t.matter.time_limit_for(scenario),
                        [d.matter.code for d in t.depends_on],
                    )
                    for t in ordered
                    if t.matter.code in after
                ],
                starters,
            )
        return plans[key]

    def simulate(scenario, late_share):
        used = []
        for _ in range(cases):
            flags = frozenset(f for f in ProfileFlag.values if rng.random() < 0.5)
            tasks, starters = plan(scenario, flags)
            start = rng.random() * day
            done = dict.fromkeys(starters, start)
            for code, limit, deps in tasks:
                ready = max(done[d] for d in deps if d in done)
                window = finish(limit, ready, day) - ready
                taken = rng.random() * window
                if rng.random() < late_share:
                    taken = window + rng.random() * window
                done[code] = ready + taken
            end = max(done.values())
            used.append((day_of(end, day) - day_of(start, day), (end - start) / day))
        within = sum(1 for days, _ in used if days <= CASE_TIME_LIMIT_DAYS) / cases
        days = sorted(d for d, _ in used)
        spans = sorted(span for _, span in used)
        p90 = int(0.9 * (cases - 1))
        return within, days[cases // 2], days[p90], statistics.median(spans), spans[p90]

    began = time.perf_counter()
    print(f"{cases} cases per scenario; target {CASE_TIME_LIMIT_DAYS} working days")
    print(
        "working days: counted as the promise counts them, the certificate's own day "
        "being day 0; office days: office time used, in office days of "
        f"{day:g} hours"
    )
    print(
        f"{'scenario':10} {'tasks late':>10} {'within 3':>9} {'p50 days':>9} {'p90 days':>9}"
        f" {'p50 office':>11} {'p90 office':>11}"
    )
    for scenario in Scenario.values:
        for late_share in (0.0, 0.1):
            within, p50, p90, office50, office90 = simulate(scenario, late_share)
            print(
                f"{scenario:10} {late_share:>10.0%} {within:>9.1%} {p50:>9} {p90:>9}"
                f" {office50:>11.2f} {office90:>11.2f}"
            )
    print(f"({time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
