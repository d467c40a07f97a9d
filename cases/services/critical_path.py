"""The longest chain of time limits after the death certificate, per
scenario: the standard's promise (最多3天办结) holds only if no chain of
matters, each using its whole limit, runs past 3 working days of the
certificate.

Time is measured on the case clock: office hours of working days laid end to
end (weekends and holidays do not exist on it), with what the case waits for
outside the departments (the cremation, the heirs' consent) not counted. A
working day is one office day on it; N working days end when the N-th office
day after the start's closes; N working hours are N hours on it; N clock
hours count as the working days they touch (rounded up), since body
transport runs at night too. Every matter of the scenario is assumed to
apply (the worst case): a deceased with a pension, a housing fund, banks…
"""

import dataclasses
import math

from ..constants import ProfileFlag, Scenario
from ..limits import LimitUnit, office_day_hours
from ..models import Matter
from .eligibility import plan_tasks
from .submission import CASE_TIME_LIMIT_DAYS

# Start moments tried within the certificate's office day, as fractions of
# it: a chain of hours can cross into one more day from a late start.
START_FRACTIONS = (0.0, 0.25, 0.5, 0.75, 0.999)
ALL_FLAGS = dict.fromkeys(ProfileFlag.values, True)


@dataclasses.dataclass(frozen=True)
class Chain:
    scenario: str
    codes: tuple
    working_days: int  # office days after the certificate's own day it reaches

    @property
    def too_long(self):
        return self.working_days > CASE_TIME_LIMIT_DAYS

    def __str__(self):
        return " → ".join(self.codes)


def day_of(t, day):
    """Which office day a moment on the case clock belongs to; a moment at a
    day's close belongs to that day."""
    return max(0, math.ceil(t / day) - 1)


def finish(limit, start, day):
    """When a task ready at ``start`` (case-clock hours) is due."""
    if limit.unit == LimitUnit.WORKING_HOURS:
        return start + limit.amount
    days = limit.amount
    if limit.unit == LimitUnit.CLOCK_HOURS:
        days = math.ceil(limit.amount / 24)
    return (day_of(start, day) + days + 1) * day


def scenario_plan(matters, scenario, profile=ALL_FLAGS):
    """(planned tasks in dependency order, the certificate's codes)."""
    planned = plan_tasks(matters, scenario, profile, identity_verified=True)
    ordered, done = [], set()
    while len(ordered) < len(planned):
        progressed = False
        for task in planned:
            code = task.matter.code
            if code not in done and all(d.matter.code in done for d in task.depends_on):
                ordered.append(task)
                done.add(code)
                progressed = True
        if not progressed:  # a cycle: the admin refuses one, never here
            break
    starters = {t.matter.code for t in ordered if t.matter.starts_case_clock}
    return ordered, starters


def downstream(ordered, starters):
    """Codes of the matters that wait (directly or not) for the certificate."""
    after = set()
    for task in ordered:
        if any(d.matter.code in starters or d.matter.code in after for d in task.depends_on):
            after.add(task.matter.code)
    return after


def longest_chain(matters, scenario):
    ordered, starters = scenario_plan(matters, scenario)
    after = downstream(ordered, starters)
    day = office_day_hours()
    worst = Chain(scenario, tuple(sorted(starters)), 0)
    for fraction in START_FRACTIONS:
        start = fraction * day
        ends, previous = dict.fromkeys(starters, start), {}
        for task in ordered:
            code = task.matter.code
            if code not in after:
                continue
            deps = [d.matter.code for d in task.depends_on if d.matter.code in ends]
            first = max(deps, key=lambda c: ends[c])
            ends[code] = finish(task.matter.time_limit_for(scenario), ends[first], day)
            previous[code] = first
        last = max(ends, key=lambda c: ends[c])
        reached = day_of(ends[last], day) - day_of(start, day)
        if reached > worst.working_days:
            codes = [last]
            while codes[-1] in previous:
                codes.append(previous[codes[-1]])
            worst = Chain(scenario, tuple(reversed(codes)), reached)
    return worst


def longest_chains(matters=None):
    """{scenario: Chain} for the active catalogue (or ``matters``)."""
    if matters is None:
        matters = list(
            Matter.objects.active().select_related("department").prefetch_related("depends_on")
        )
    return {scenario: longest_chain(matters, scenario) for scenario in Scenario.values}
