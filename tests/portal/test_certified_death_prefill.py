"""The family the hospital's text invites finds the deceased's data filled
in: the ID number, time and place of death from the certificate, and the
registry's record shown to them as the certificate's family contact."""

import pytest

from cases.constants import Scenario
from tests.factories import (
    DemoRegistryPersonFactory,
    MedicalInstitutionFactory,
    application_form_page,
    certified_death,
    citizen,
    resident_id,
)

from .apply_helpers import answer, start

pytestmark = pytest.mark.django_db

CONTACT = "13912345678"
DECEASED = resident_id(1)


@pytest.fixture
def forms():
    return {scenario: application_form_page(scenario) for scenario in Scenario.values}


@pytest.fixture
def certified():
    # The registry has not heard of the death yet: the certificate is newer.
    DemoRegistryPersonFactory(id_number=DECEASED, name="王五", alive=True)
    return certified_death(contact_phone=CONTACT)


def first_step(client, phone, scenario="hospital"):
    client.force_login(citizen(phone))
    base = start(client, scenario)
    return base, client.get(f"{base}1/")


def test_the_contact_finds_the_first_step_filled_in_from_the_certificate(client, forms, certified):
    _base, response = first_step(client, CONTACT)
    initial = response.context["wizard"]["form"].initial
    assert DECEASED in initial.values()
    assert "湖州市第一人民医院心内科" in initial.values()


def test_the_registry_shows_the_contact_the_record_before_it_hears_of_the_death(
    client, forms, certified
):
    base, response = first_step(client, CONTACT)
    answer(client, base, "1", {k.split("-", 1)[-1]: v for k, v in first_step_data(response)})
    profile = client.get(f"{base}profile/")
    assert profile.context["registry_status"] == "found"
    assert profile.context["wizard"]["form"].initial["name"] == "王五"


def first_step_data(response):
    form = response.context["wizard"]["form"]
    return [(name, form.initial.get(name, "")) for name in form.fields]


def test_someone_else_finds_nothing_filled_in(client, forms, certified):
    _base, response = first_step(client, "13800000000")
    assert response.context["wizard"]["form"].initial == {}


def test_the_other_scenario_is_not_filled_in_from_a_hospitals_certificate(client, forms, certified):
    _base, response = first_step(client, CONTACT, scenario="home")
    assert response.context["wizard"]["form"].initial == {}


def test_a_community_health_centres_certificate_fills_in_the_home_scenario(client, forms):
    DemoRegistryPersonFactory(id_number=DECEASED, alive=True)
    certified_death(institution=MedicalInstitutionFactory(community=True))
    _base, response = first_step(client, CONTACT, scenario="home")
    assert DECEASED in response.context["wizard"]["form"].initial.values()
