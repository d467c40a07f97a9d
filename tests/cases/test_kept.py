"""The catalogue and calendar each process keeps (cases.kept): read once,
read again after any change, and — where the cache is not shared between
processes — at most a minute old."""

import datetime
import time

import pytest

from cases import kept
from cases.models import CalendarOverride

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 3, 3)


def test_the_kept_catalogue_costs_no_query_the_second_time(django_assert_num_queries):
    kept.active_matters()
    with django_assert_num_queries(0):
        assert kept.active_matters()


def test_a_saved_override_is_read_at_once():
    assert DAY not in kept.calendar_overrides()
    CalendarOverride.objects.create(date=DAY, is_workday=False)
    assert kept.calendar_overrides()[DAY] is False


def test_a_change_another_process_made_counts_within_a_minute(monkeypatch):
    """Written without this process's signal (as by another process whose
    renewal a local-memory cache cannot carry): the copy is read again once
    it is a minute old."""
    assert DAY not in kept.calendar_overrides()
    CalendarOverride.objects.bulk_create([CalendarOverride(date=DAY, is_workday=False)])
    assert DAY not in kept.calendar_overrides()
    later = time.monotonic() + kept.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(kept.time, "monotonic", lambda: later)
    assert kept.calendar_overrides()[DAY] is False
