"""The engine turns a form definition into the wizard's forms and conditions."""

import pytest
from django import forms

from cases.constants import Scenario
from demo.forms import seed_forms
from forms import engine, fields
from forms.models import ApplicationFormPage
from forms.storage import DraftStorage
from tests.factories import DraftFactory, home_page

pytestmark = pytest.mark.django_db


def test_each_step_becomes_a_form_with_its_questions_in_order():
    steps = engine.parse(DraftFactory.build(scenario=Scenario.HOSPITAL).definition)
    assert [s.name for s in steps] == ["1", "2", "3", "4", "5", "6"]
    form = steps[0].form_class()()
    assert list(form.fields) == ["deceased__id_number", "death__datetime", "death__place"]
    assert isinstance(form.fields["deceased__id_number"], fields.ResidentIdField)
    assert isinstance(form.fields["death__datetime"], fields.PastDateTimeField)
    assert form.fields["death__place"].required is False
    assert form.step_title == "逝者信息"


def test_choices_come_from_the_editors_lines():
    steps = engine.parse(DraftFactory.build(scenario=Scenario.HOSPITAL).definition)
    farewell = steps[4].form_class()().fields["funeral__farewell"]
    assert isinstance(farewell.widget, forms.RadioSelect)
    assert [c for c, _label in farewell.choices] == [
        "简办，不举行告别仪式",
        "在殡仪馆举行告别仪式",
        "还没决定",
    ]


class Wizard:
    """Just what a condition reads: the storage."""

    def __init__(self, storage):
        self.storage = storage


def test_a_conditional_step_is_shown_only_for_the_expected_answer():
    draft = DraftFactory(scenario=Scenario.ABNORMAL)
    steps = engine.parse(draft.definition)
    police = next(s for s in steps if s.is_conditional)
    shown = engine.condition(police, steps)
    storage = DraftStorage(draft, "apply")
    wizard = Wizard(storage)
    assert not shown(wizard)  # not answered yet
    storage.set_step_data("2", {"2-police_attended": ["no"]})
    assert not shown(wizard)
    storage.set_step_data("2", {"2-police_attended": ["yes"]})
    assert shown(wizard)


def test_a_step_depending_on_a_hidden_step_is_hidden_too():
    from demo.forms import field, step

    definition = [
        step("一", [field("yes_no", "甲", name="a")]),
        step("二", [field("yes_no", "乙", name="b")], show_if=("a", "yes")),
        step("三", [field("text", "丙", name="c")], show_if=("b", "yes")),
    ]
    draft = DraftFactory(definition=definition)
    steps = engine.parse(definition)
    storage = DraftStorage(draft, "apply")
    storage.set_step_data("1", {"1-a": ["yes"]})
    storage.set_step_data("2", {"2-b": ["yes"]})
    assert engine.condition(steps[2], steps)(Wizard(storage))
    storage.set_step_data("1", {"1-a": ["no"]})  # step two disappears; its answer is stale
    assert not engine.condition(steps[2], steps)(Wizard(storage))


def test_seed_demo_publishes_the_three_scenario_forms():
    home_page()
    assert seed_forms() == 3
    assert {p.scenario for p in ApplicationFormPage.objects.live()} == set(Scenario.values)
    assert seed_forms() == 0


def test_the_form_page_leads_to_the_wizard(client):
    home_page()
    seed_forms()
    response = client.get("/form-hospital/")
    assert response.status_code == 302
    assert response.url == "/apply/hospital/"
