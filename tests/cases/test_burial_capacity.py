"""Capacity is never oversold: families booking the last places at the same
moment, each in its own connection. On PostgreSQL the conditional update and
the unique index decide (CI runs this there); on SQLite one writer at a time."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import BookingStatus, BurialBooking, Case
from cases.services import burial
from tests.concurrency import run_at_once
from tests.factories import (
    AreaFactory,
    BurialDayFactory,
    BurialNicheFactory,
    deceased_data,
    submitted_case,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def cases_in_wuxing(count):
    village = AreaFactory()
    cases = [submitted_case(deceased=deceased_data(n)) for n in range(1, count + 1)]
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(village=village)
    return [Case.objects.get(pk=case.pk) for case in cases]


def booker(case, site, **place):
    return lambda: burial.book(case, site, actor=None, **place)


def test_three_families_at_once_get_the_last_two_places_of_a_day_and_no_more():
    day = BurialDayFactory(capacity=2)
    outcomes = run_at_once(*(booker(case, day.site, day=day) for case in cases_in_wuxing(3)))
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    day.refresh_from_db()
    assert day.booked == 2
    assert BurialBooking.objects.filter(day=day, status=BookingStatus.BOOKED).count() == 2


def test_two_families_at_once_cannot_both_have_one_niche():
    niche = BurialNicheFactory()
    outcomes = run_at_once(*(booker(case, niche.site, niche=niche) for case in cases_in_wuxing(2)))
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refused) == 1, outcomes
    assert BurialBooking.objects.filter(niche=niche).count() == 1
    # The family that lost has nothing half-booked in its case.
    loser = next(c for c in Case.objects.all() if not BurialBooking.objects.filter(case=c))
    assert not loser.tasks.filter(matter_code=burial.BURIAL_MATTER).exists()


def test_the_places_are_counted_by_the_database_not_by_what_the_page_read():
    """Deterministic: the family's page read one place left, another family
    took it since; the stale reading books nothing."""
    day = BurialDayFactory(capacity=1)
    first, late = cases_in_wuxing(2)
    stale = type(day).objects.get(pk=day.pk)
    burial.book(first, day.site, day=day, actor=None)
    assert stale.places_left == 1
    with pytest.raises(ValidationError):
        burial.book(late, stale.site, day=stale, actor=None)
    day.refresh_from_db()
    assert day.booked == 1
