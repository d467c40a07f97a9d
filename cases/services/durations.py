"""How long tasks took, as mergeable histograms: the daily summaries keep
one per row, so the median and 90th percentile of any period add up summary
rows instead of reading every task of the period.

Buckets grow by 10 % from one minute (bucket 0 holds everything under a
minute): a percentile read from the merged histogram lies in the same bucket
as the exact one, within 10 % of it, whatever the volume."""

import math

FIRST_SECONDS = 60.0
GROWTH = 1.1


def bucket_of(seconds):
    """The bucket of a duration in seconds (0: under a minute)."""
    if seconds < FIRST_SECONDS:
        return 0
    return 1 + math.floor(math.log(seconds / FIRST_SECONDS, GROWTH) + 1e-9)


def bounds(bucket):
    """[low, high) seconds of a bucket."""
    if bucket == 0:
        return 0.0, FIRST_SECONDS
    return FIRST_SECONDS * GROWTH ** (bucket - 1), FIRST_SECONDS * GROWTH**bucket


def representative(bucket):
    """The value a bucket stands for: its geometric middle (half a minute for
    the first)."""
    low, high = bounds(bucket)
    return high / 2 if bucket == 0 else math.sqrt(low * high)


def histogram(durations):
    """{bucket (as text, for JSON): count} of durations in seconds."""
    counts = {}
    for seconds in durations:
        key = str(bucket_of(seconds))
        counts[key] = counts.get(key, 0) + 1
    return counts


def merge(histograms):
    merged = {}
    for counts in histograms:
        add(merged, counts)
    return merged


def add(total, counts):
    """Add ``counts`` into ``total`` in place (a period's rows one by one)."""
    for key, n in (counts or {}).items():
        total[key] = total.get(key, 0) + n
    return total


def percentile(counts, percent):
    """Nearest rank, as ``statistics._percentile`` on the durations: the
    representative of the bucket holding the smallest value with
    ``percent`` % at or below it; None for no durations."""
    total = sum(counts.values())
    if not total:
        return None
    rank = max(1, -(-percent * total // 100))
    seen = 0
    for bucket in sorted(int(key) for key in counts):
        seen += counts[str(bucket)]
        if seen >= rank:
            return representative(bucket)
    return None
