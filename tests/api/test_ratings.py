"""好差评 from the app: the same service as the web — the levels and the
departments to rate, one rating per department, refusals at the question."""

import pytest

from tests.api.operations import operation
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, submitted_case

pytestmark = pytest.mark.django_db

FORM = operation("RatingForm")
RATE = operation("RateDepartment")


@pytest.fixture
def done_case():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete_everything(case)
    case.refresh_from_db()
    return case


def test_the_app_gets_the_five_levels_and_the_departments_to_rate(api, family_token, done_case):
    form = api(FORM, {"reference": done_case.reference}, token=family_token)["data"]["ratingForm"]
    assert form["mayRate"] is True
    assert [level["value"] for level in form["levels"]] == ["5", "4", "3", "2", "1"]
    assert len(form["toRate"]) == done_case.tasks.values("department_id").distinct().count()


def test_the_app_rates_a_department_and_it_is_no_longer_to_rate(api, family_token, done_case):
    form = api(FORM, {"reference": done_case.reference}, token=family_token)["data"]["ratingForm"]
    first = form["toRate"][0]
    body = api(
        RATE,
        {"reference": done_case.reference, "department": first["code"], "level": 4},
        token=family_token,
    )["data"]["rateDepartment"]
    assert body["saved"] is True
    assert first["code"] not in [d["code"] for d in body["form"]["toRate"]]
    assert body["form"]["ratings"][0]["levelLabel"] == "满意"
    assert done_case.ratings.get().channel == "mobile"


def test_a_poor_rating_without_a_reason_comes_back_at_the_question(api, family_token, done_case):
    code = done_case.tasks.select_related("department").first().department.code
    body = api(
        RATE,
        {"reference": done_case.reference, "department": code, "level": 1},
        token=family_token,
    )["data"]["rateDepartment"]
    assert body["saved"] is False
    assert body["errors"][0]["question"] == "reason"
    assert not done_case.ratings.exists()


def test_a_department_not_in_the_case_is_not_found(api, family_token, done_case):
    body = api(
        RATE,
        {"reference": done_case.reference, "department": "nowhere", "level": 5},
        token=family_token,
    )
    assert body["errors"][0]["extensions"]["code"] == "not_found"


def test_a_case_in_progress_may_not_be_rated_yet(api, family_token):
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    form = api(FORM, {"reference": case.reference}, token=family_token)["data"]["ratingForm"]
    assert form["mayRate"] is False and form["toRate"] == []
