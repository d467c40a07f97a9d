"""The village question: the villages under their county and town, the
answer kept in words for people and by code for the assistant's choice, and
the app given the same list without groups."""

import pytest
from django.core.exceptions import ValidationError

from forms.answers import collect
from forms.engine import Question, Step
from forms.fields import VillageField
from tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def village():
    return AreaFactory(code="330502001007", name="潘公桥社区")


def test_the_villages_are_grouped_under_county_and_town(village):
    groups = dict(VillageField().choices[1:])
    assert ("330502001007", "潘公桥社区") in groups["吴兴区 月河街道"]


def test_an_unknown_code_is_refused(village):
    field = VillageField(required=False)
    with pytest.raises(ValidationError):
        field.clean("330599999999")
    assert field.clean("330502001007") == "330502001007"


def test_the_answer_keeps_the_words_and_the_code(village):
    question = Question(
        name="deceased__village", field_type="village", label="村", domain_key="deceased.village"
    )
    step = Step(name="4", title="t", explanation="", questions=(question,))
    application = collect([step], {"4": {"deceased__village": "330502001007"}})
    (answer,) = application.answers
    assert answer["value"] == "吴兴区 月河街道 潘公桥社区"
    assert answer["code"] == "330502001007"
