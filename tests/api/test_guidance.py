"""The app reads the published guidance, in Chinese or English."""

import pytest

from content.models import MatterPage
from tests.api.operations import operation

pytestmark = pytest.mark.django_db

GUIDES = operation("Guidance")
MATTERS = operation("Guidance")


@pytest.fixture(autouse=True)
def guidance(demo_pages):
    """The demo pages (built once for the module)."""


def test_the_three_scenario_guides_in_chinese_and_english(api):
    zh = api(GUIDES, {"language": "zh-hans"})["data"]["scenarioGuides"]
    en = api(GUIDES, {"language": "en"})["data"]["scenarioGuides"]
    assert [g["title"] for g in zh] == ["在医院去世", "在家中或养老机构去世", "非正常死亡"]
    assert en[0]["title"] == "Death in hospital"
    assert en[0]["firstSteps"][0]["title"].startswith("Ask the hospital")


def test_matter_guides_carry_the_catalogues_department_and_time_limit(api):
    matters = {m["code"]: m for m in api(MATTERS)["data"]["matterGuides"]}
    assert len(matters) == 23  # the 22 of the table and the burial on request
    assert matters["F01"]["department"] == "住房公积金管理中心"
    assert matters["F01"]["timeLimit"] == "2 个工作日"
    assert matters["H01"]["timeLimit"] == "4 个工作小时（在家中或养老机构去世：1 个工作日）"


def test_unpublished_guidance_is_not_served(api):
    MatterPage.objects.get(matter__code="F01", locale__language_code="zh-hans").unpublish()
    codes = {m["code"] for m in api(MATTERS)["data"]["matterGuides"]}
    assert "F01" not in codes


def test_an_unknown_language_is_an_error_that_says_so(api):
    body = api(GUIDES, {"language": "fr"})
    assert "zh-hans" in body["errors"][0]["message"]
