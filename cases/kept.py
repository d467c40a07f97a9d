"""What only an administrator changes, kept per process: the active matters
(with their departments and dependencies) and the calendar's overrides.

A submission read them on every call — three queries and 13 % of its time
(issue 36) — though they change a few times a year. Each process keeps its
copy with the *generation* it was read at (cases.generations). Saving or
deleting a matter, a department, a matter's dependencies or a calendar
override starts a new generation in the shared cache, so every process (web
and task workers alike) reads afresh at its next use; checking costs one
cache read, not a query.

Where the cache is not shared between processes (the development
server's local memory, beside its worker and scheduler), no process sees
another's renewal: there a copy is also read again once it is
``MAX_AGE_SECONDS`` old, so an edit counts everywhere within a minute. With
the shared cache of production that costs a process three queries a minute.
"""

import time

from . import generations
from .models import CalendarOverride, Matter

GENERATION_KEY = "kept:generation"
MAX_AGE_SECONDS = 60

_kept = {}  # name -> (generation, read at, value); replaced whole, never mutated


def changed(**_signal):
    """Receiver for the models above: everything kept is stale."""
    generations.renew(GENERATION_KEY)


def _kept_or_loaded(name, load):
    generation, now = generations.current(GENERATION_KEY), time.monotonic()
    kept = _kept.get(name)
    if kept is not None and kept[0] == generation and now - kept[1] < MAX_AGE_SECONDS:
        return kept[2]
    value = load()
    _kept[name] = (generation, now, value)
    return value


def active_matters():
    """Every active matter, its department and what it depends on. Shared by
    the process's threads: read them, never change them."""
    return _kept_or_loaded(
        "matters",
        lambda: tuple(
            Matter.objects.active().select_related("department").prefetch_related("depends_on")
        ),
    )


def calendar_overrides():
    """Every date an administrator made a working day or a holiday."""
    return _kept_or_loaded(
        "calendar", lambda: dict(CalendarOverride.objects.values_list("date", "is_workday"))
    )
