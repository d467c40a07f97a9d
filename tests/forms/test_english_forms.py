"""The application forms in English under /en/ and in the app (issue 22):
the same questions, keys and steps as the Chinese form, in English; a choice
keeps the Chinese value departments read, with an English label."""

import pytest

from cases.constants import Scenario
from demo.forms import seed_forms
from forms import engine
from forms.models import ApplicationFormPage
from tests.factories import citizen
from tests.portal.apply_helpers import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms(demo_pages_and_forms):
    """The demo pages and forms (built once for the module)."""


def english(scenario):
    return ApplicationFormPage.objects.get(scenario=scenario, locale__language_code="en")


def chinese(scenario):
    return ApplicationFormPage.objects.get(scenario=scenario, locale__language_code="zh-hans")


def test_each_scenario_form_has_a_published_english_translation(forms):
    for scenario in Scenario.values:
        page = english(scenario)
        assert page.live
        assert page.translation_key == chinese(scenario).translation_key
    assert seed_forms() == 0


def test_the_english_form_asks_the_same_questions_under_the_same_names(forms):
    for scenario in Scenario.values:
        zh = engine.parse(chinese(scenario).steps.get_prep_value())
        en = engine.parse(english(scenario).steps.get_prep_value())
        assert [[q.name for q in s.questions] for s in zh] == [
            [q.name for q in s.questions] for s in en
        ]
        assert [s.title for s in en] != [s.title for s in zh]


def test_an_english_choice_keeps_the_chinese_value_and_shows_an_english_label(forms):
    steps = engine.parse(english(Scenario.HOME).steps.get_prep_value())
    (place,) = [q for s in steps for q in s.questions if q.name == "place_type"]
    assert place.form_field().choices == [("家中", "At home"), ("养老机构", "In a care home")]
    # The care home's step is shown on the value, in every language.
    care_home = [s for s in steps if s.title == "The care home's death report"]
    assert care_home[0].show_if_value == "养老机构"


def test_the_wizard_under_en_asks_in_english(forms, client):
    client.force_login(citizen("13912345678"))
    response = client.post("/en/apply/hospital/")
    assert response.status_code == 302
    page = client.get(response.url, follow=True).content.decode()
    assert "ID number of the person who died" in page
    assert "逝者的身份证号" not in page


def test_the_chinese_wizard_is_unchanged(forms, client):
    client.force_login(citizen("13912345678"))
    page = client.get(start(client), follow=True).content.decode()
    assert "逝者的身份证号" in page
