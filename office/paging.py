"""Lists that go back in time page by key — the time and id of the last row
shown — so a page costs the same at the millionth row as at the first (an
OFFSET would read every row before it)."""

import datetime

from django.utils.dateparse import parse_datetime


def older_than(rows, before, *, field="at", size=50):
    """Up to ``size`` + 1 rows of ``rows`` older than the cursor ``before``
    (the extra one says there is a next page), newest first."""
    if before is not None:
        at, pk = before
        rows = rows.filter(**{f"{field}__lt": at}) | rows.filter(**{field: at, "pk__lt": pk})
    return list(rows.order_by(f"-{field}", "-pk")[: size + 1])


def page_and_cursor(rows, *, field="at", size=50):
    """The page to show and the cursor of the next one ("" if none)."""
    page = rows[:size]
    if len(rows) <= size:
        return page, ""
    last = page[-1]
    return page, f"{getattr(last, field).astimezone(datetime.UTC).isoformat()}_{last.pk}"


def cursor(value):
    """The (time, id) a cursor string names, or None for a missing or
    malformed one (the first page)."""
    at, _sep, pk = (value or "").rpartition("_")
    moment = parse_datetime(at) if at else None
    if moment is None or not pk.isdigit():
        return None
    return moment, int(pk)
