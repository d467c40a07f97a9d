"""The registry check's page says what the registry may tell, and shows
nothing of a record the applicant is not entitled to."""

import datetime

import pytest

from cases.constants import Scenario
from tests.factories import DemoRegistryPersonFactory, application_form_page, citizen

from .apply_helpers import DECEASED_ID, answer, deceased_step, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms():
    return {scenario: application_form_page(scenario) for scenario in Scenario.values}


def _profile_page(client, phone):
    client.force_login(citizen(phone))
    base = start(client)
    answer(client, base, "1", deceased_step())
    return client.get(f"{base}profile/")


def test_a_living_persons_number_shows_no_record_and_says_what_to_do(client, forms):
    DemoRegistryPersonFactory(id_number=DECEASED_ID, name="陈志远", alive=True)
    response = _profile_page(client, "13912345678")
    page = response.content.decode()
    assert response.context["registry_status"] == "alive"
    assert "尚无死亡记录" in page
    assert "陈志远" not in page
    assert response.context["wizard"]["form"].initial == {}


def test_someone_the_records_do_not_link_answers_the_questions_themselves(client, forms):
    DemoRegistryPersonFactory(
        id_number=DECEASED_ID,
        name="王五",
        birth_date=datetime.date(1947, 3, 8),
        death_contact_phone="13912345678",
    )
    response = _profile_page(client, "13800000000")
    page = response.content.decode()
    assert response.context["registry_status"] == "not_linked"
    assert "王五" not in page
    assert "1947-03-08" not in page
    assert response.context["wizard"]["form"].initial == {}


def test_the_contact_recorded_with_the_death_finds_the_record_filled_in(client, forms):
    DemoRegistryPersonFactory(id_number=DECEASED_ID, name="王五", death_contact_phone="13912345678")
    response = _profile_page(client, "13912345678")
    assert response.context["registry_status"] == "found"
    assert response.context["wizard"]["form"].initial["name"] == "王五"
