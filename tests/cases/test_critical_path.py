"""The longest chain of limits after the death certificate, per scenario."""

import pytest

from cases.models import Matter
from cases.services.critical_path import longest_chains

pytestmark = pytest.mark.django_db


def test_the_seeded_catalogue_keeps_the_three_day_promise_in_every_scenario():
    chains = longest_chains()
    assert {s: c.working_days for s, c in chains.items()} == {
        "hospital": 3,
        "home": 3,
        "abnormal": 3,
    }
    assert not any(chain.too_long for chain in chains.values())


def test_the_chain_starts_at_the_death_certificate():
    chains = longest_chains()
    assert chains["hospital"].codes[0] == "H01"
    assert chains["abnormal"].codes[0] == "P01"


def test_a_longer_limit_makes_the_chain_too_long_and_names_it():
    Matter.objects.filter(code="F01").update(time_limit=3)
    hospital = longest_chains()["hospital"]
    assert hospital.too_long
    assert hospital.working_days == 4
    assert str(hospital) == "H01 → P02 → F01"


def test_hours_started_late_in_the_day_cross_into_the_next():
    # 8 working hours for the cremation certificate: started in the last
    # minutes of a day they end on the second day after, then the funeral
    # subsidy's 2 working days end on the fourth.
    Matter.objects.filter(code="C02").update(time_limit=8, time_limit_unit="wh")
    hospital = longest_chains()["hospital"]
    assert hospital.working_days == 4
    assert hospital.codes[-2:] == ("C02", "R02")


def test_what_the_case_waits_for_outside_the_departments_is_not_counted():
    # Body transport (48 hours from the identity check) runs before the
    # certificate and the cremation happens on the family's day: neither is
    # part of a chain after the certificate.
    for chain in longest_chains().values():
        assert "C01" not in chain.codes and "BD01" not in chain.codes
