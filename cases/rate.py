"""Counting events in fixed windows in the shared cache (Redis in
production), for ceilings that hold across every web process."""

from django.core.cache import cache


def count_in_window(key, seconds):
    """Count one more event under ``key`` (which names the window) and
    return how many the window holds now."""
    cache.add(key, 0, timeout=seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired or evicted between add and incr
        cache.set(key, 1, timeout=seconds)
        return 1
