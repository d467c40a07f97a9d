import random
from datetime import timedelta


def backoff(attempt, *, base, cap):
    """Exponential, capped, with jitter (half fixed, half random), so that a
    service coming back up is not hit by everything waiting at once."""
    delay = min(cap, base * 2 ** (attempt - 1))
    return timedelta(seconds=delay / 2 + random.uniform(0, delay / 2))  # noqa: S311
