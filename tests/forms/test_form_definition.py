"""An editor cannot publish a form the engine could not turn into a case."""

import copy

import pytest
from django.utils import translation
from wagtail.blocks.stream_block import StreamBlockValidationError

from cases.constants import Scenario
from demo.forms import FORMS, field, step
from forms.blocks import StepsBlock, form_definition_errors

HOSPITAL = FORMS[Scenario.HOSPITAL][1]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def without(steps, domain_key):
    steps = copy.deepcopy(steps)
    for item in steps:
        item["value"]["fields"] = [
            f for f in item["value"]["fields"] if f["value"].get("domain_key") != domain_key
        ]
    return steps


def test_the_demo_forms_are_complete():
    for _title, steps in FORMS.values():
        assert form_definition_errors(steps) == []


@pytest.mark.parametrize(
    ("domain_key", "label"),
    [
        ("deceased.id_number", "Deceased: resident ID number"),
        ("death.datetime", "Death: date and time"),
        ("applicant.name", "Applicant: name"),
        ("applicant.phone", "Applicant: mobile number"),
        ("applicant.relationship", "Applicant: relationship to the deceased"),
    ],
)
def test_a_form_without_a_required_key_is_refused_naming_it(domain_key, label):
    errors = [str(e) for e in form_definition_errors(without(HOSPITAL, domain_key))]
    # (Without the relationship, the authorization step's condition also
    # names a question nobody asks.)
    assert f"The form does not ask “{label}”, which every application needs." in errors


def test_a_key_asked_twice_is_refused_naming_the_steps():
    steps = copy.deepcopy(HOSPITAL)
    steps.append(step("再问一次", [field("mobile", "手机", key="applicant.phone")]))
    errors = [str(e) for e in form_definition_errors(steps)]
    assert errors == ["“Applicant: mobile number” is asked more than once (steps 2, 7); keep one."]


def test_a_condition_on_a_question_no_earlier_step_asks_is_refused():
    steps = copy.deepcopy(HOSPITAL)
    steps.insert(1, step("公安", [field("text", "案件编号")], show_if=("police_attended", "yes")))
    errors = [str(e) for e in form_definition_errors(steps)]
    assert errors == [
        "Step 2 is shown only when “police_attended” has a value, but no earlier step "
        "asks that question."
    ]


def test_a_required_question_in_a_conditional_step_is_refused():
    steps = without(HOSPITAL, "death.datetime")
    steps.insert(1, step("是否", [field("yes_no", "是否", name="sure")]))
    steps.insert(
        2, step("时间", [field("datetime", "时间", key="death.datetime")], show_if=("sure", "yes"))
    )
    errors = [str(e) for e in form_definition_errors(steps)]
    assert len(errors) == 1
    assert "Step 3 is shown only under a condition" in errors[0]


def test_two_questions_with_one_answer_name_are_refused():
    steps = copy.deepcopy(HOSPITAL)
    steps[0]["value"]["fields"].append(field("text", "备注", name="pickup_notes"))
    errors = [str(e) for e in form_definition_errors(steps)]
    assert errors == ["Two questions have the answer name “pickup_notes”; give each its own."]


@pytest.mark.django_db  # the "needed by" choices are the catalogue's matters
def test_the_steps_block_raises_a_non_block_error_the_admin_can_show():
    block = StepsBlock()
    value = block.to_python(without(HOSPITAL, "applicant.phone"))
    with pytest.raises(StreamBlockValidationError) as excinfo:
        block.clean(value)
    assert "Applicant: mobile number" in str(excinfo.value.non_block_errors.as_data()[0])
