"""Which matters a case gets: the catalogue table of ../shared/catalogue.md,
written out again here so that a wrong data migration is caught."""

import pytest

from cases.constants import ProfileFlag, Scenario
from cases.models import Matter
from cases.services.eligibility import plan_tasks
from tests.factories import ALL_FLAGS, NO_FLAGS, submitted_case

# code: (scenarios it is limited to, profile flag it needs)
CATALOGUE = {
    "BD01": (None, None),
    "H01": ({"hospital", "home"}, None),
    "P01": ({"abnormal"}, None),
    "P02": (None, None),
    "P03": (None, "driving_licence"),
    "C01": (None, None),
    "C02": (None, None),
    "C03": (None, "social_assistance"),
    "C05": (None, "elderly_allowance"),
    "C06": (None, "local_hukou"),
    "D01": (None, "disability_certificate"),
    "D02": (None, "disability_subsidies"),
    "R01": (None, "pension"),
    "R02": (None, "pension"),
    "R03": (None, "employee_insured"),
    "R04": (None, "social_security_card"),
    "M01": (None, "medical_insured"),
    "M02": (None, "medical_insured"),
    "F01": (None, "housing_fund"),
    "V01": (None, "veteran_benefits"),
    "B01": (None, "bank_accounts"),
    "B02": (None, "commercial_insurance"),
}

# Offered on the case page, never planned at submission: ecological burial.
ON_REQUEST = {"C07"}


def expected_codes(scenario, profile):
    return {
        code
        for code, (scenarios, flag) in CATALOGUE.items()
        if (scenarios is None or scenario in scenarios) and (flag is None or profile.get(flag))
    }


def planned_codes(scenario, profile):
    matters = list(Matter.objects.active().prefetch_related("depends_on"))
    return {p.matter.code for p in plan_tasks(matters, scenario, profile, identity_verified=True)}


PROFILES = [("no flags", NO_FLAGS), ("every flag", ALL_FLAGS)] + [
    (f"only {flag}", NO_FLAGS | {flag: True}) for flag in ProfileFlag.values
]


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", Scenario.values)
@pytest.mark.parametrize("label,profile", PROFILES, ids=[label for label, _ in PROFILES])
def test_matters_follow_the_catalogue_table(scenario, label, profile):
    assert planned_codes(scenario, profile) == expected_codes(scenario, profile)


@pytest.mark.django_db
def test_the_seeded_catalogue_has_the_22_matters_of_the_table_and_one_on_request():
    active = set(Matter.objects.active().values_list("code", flat=True))
    assert active == set(CATALOGUE) | ON_REQUEST
    assert set(Matter.objects.filter(on_request=True).values_list("code", flat=True)) == ON_REQUEST


@pytest.mark.django_db
def test_the_notary_matter_is_never_planned_by_submission():
    # It is opened by the heirs' delegation service when a consent is missing.
    notary = Matter.objects.get(code="N01")
    assert not notary.is_active
    assert notary.department.code == "notary"


@pytest.mark.django_db
def test_every_matter_applies_with_every_flag_except_the_other_scenarios_certificate():
    hospital = {t.matter_code for t in submitted_case(Scenario.HOSPITAL, ALL_FLAGS).tasks.all()}
    abnormal = {t.matter_code for t in submitted_case(Scenario.ABNORMAL, ALL_FLAGS).tasks.all()}
    assert hospital == set(CATALOGUE) - {"P01"}
    assert abnormal == set(CATALOGUE) - {"H01"}


@pytest.mark.django_db
def test_a_case_without_flags_gets_only_the_matters_every_death_needs():
    case = submitted_case(Scenario.HOME, NO_FLAGS)
    assert {t.matter_code for t in case.tasks.all()} == {"BD01", "H01", "P02", "C01", "C02"}


@pytest.mark.django_db
def test_a_retired_matter_is_not_created_for_new_cases():
    Matter.objects.filter(code="P03").update(is_active=False)
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    assert not case.tasks.filter(matter_code="P03").exists()
