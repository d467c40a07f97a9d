"""The statistics' percentiles come from histograms kept in the daily
summaries: merged over any period, they agree with the percentiles computed
from the tasks within one bucket, and reading a period costs the same
whatever its volume."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.services import durations
from cases.services.statistics import figures_for
from tests.cases.helpers import complete
from tests.factories import UserFactory, submitted_case

TZ = datetime.timezone(datetime.timedelta(hours=8))


def exact(values, percent):
    """Nearest rank: the smallest value with ``percent`` % at or below it."""
    ordered = sorted(values)
    return ordered[max(1, -(-percent * len(ordered) // 100)) - 1]


@given(
    st.lists(st.floats(min_value=0, max_value=90 * 86400), min_size=1, max_size=300),
    st.sampled_from([50, 90]),
)
def test_a_histograms_percentile_is_in_the_bucket_of_the_exact_one(values, percent):
    read = durations.percentile(durations.histogram(values), percent)
    assert durations.bucket_of(read) == durations.bucket_of(exact(values, percent))


@given(st.lists(st.lists(st.floats(min_value=0, max_value=86400 * 30), max_size=40), max_size=8))
def test_merging_days_is_the_same_as_counting_them_together(days):
    merged = durations.merge(durations.histogram(day) for day in days)
    assert merged == durations.histogram([v for day in days for v in day])


def test_a_bucket_is_at_most_ten_per_cent_wide():
    for bucket in range(1, 120):
        low, high = durations.bounds(bucket)
        assert high / low == pytest.approx(1.1)
        assert durations.bucket_of(low) == bucket
        assert durations.bucket_of(high * 0.999999) == bucket


@pytest.mark.django_db
def test_reading_a_period_costs_the_same_whatever_its_volume(
    time_machine, django_assert_max_num_queries
):
    from django.contrib.auth.models import Group

    from cases.constants import StaffRole

    admin = UserFactory(is_staff=True)
    admin.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    monday = datetime.datetime(2026, 11, 2, 9, tzinfo=TZ)

    def queries_after(cases):
        time_machine.move_to(monday)
        for _ in range(cases):
            case = submitted_case()
            complete(case, "BD01", "C01")
        time_machine.move_to(monday + datetime.timedelta(days=14))
        figures_for(admin)  # summarises the days once
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            figures_for(admin)
        return len(captured)

    few = queries_after(1)
    many = queries_after(6)
    assert many == few
