"""What only an administrator changes, kept per process: the active matters
(with their departments and dependencies) and the calendar's overrides.

A submission read them on every call — three queries and 13 % of its time
(issue 36) — though they change a few times a year. Each process keeps its
copy with the *generation* it was read at. Saving or deleting a matter, a
department, a matter's dependencies or a calendar override starts a new
generation in the shared cache, so every process (web and task workers
alike) reads afresh at its next use; checking costs one cache read, not a
query.

Where the cache is not shared between processes (the development
server's local memory, beside its worker and scheduler), no process sees
another's renewal: there a copy is also read again once it is
``MAX_AGE_SECONDS`` old, so an edit counts everywhere within a minute. With
the shared cache of production that costs a process three queries a minute.

The generation is a random token, not a counter: a cache that lost it makes
a new one, and every process reloads rather than trusting a counter that
started again. It is renewed at once *and* again when the transaction
commits: at once, so this process (and a test inside one transaction) sees
its own change; after commit, so a process that reloaded in between, before
the change was visible, reloads again.
"""

import secrets
import time

from django.core.cache import cache
from django.db import transaction

from .models import CalendarOverride, Matter

GENERATION_KEY = "kept:generation"
MAX_AGE_SECONDS = 60

_kept = {}  # name -> (generation, read at, value); replaced whole, never mutated


def _generation():
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = secrets.token_hex(8)
        # Another process may have just made one: whichever is stored wins.
        cache.add(GENERATION_KEY, token, timeout=None)
        token = cache.get(GENERATION_KEY, token)
    return token


def _renew():
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def changed(**_signal):
    """Receiver for the models above: everything kept is stale."""
    _renew()
    transaction.on_commit(_renew)


def _kept_or_loaded(name, load):
    generation, now = _generation(), time.monotonic()
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
