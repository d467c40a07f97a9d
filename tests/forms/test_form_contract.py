"""Editors see which matters receive each question's answer, and are warned
(not refused) when a form leaves out what a matter needs or asks something
no department reads."""

import copy

import pytest

from cases.constants import Scenario
from forms.contract import preview_rows, warnings
from forms.demo import FORMS, field
from tests.factories import UserFactory, application_form_page
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


def steps_of(scenario):
    return copy.deepcopy(FORMS[scenario][1])


def without_question(steps, predicate):
    for step in steps:
        step["value"]["fields"] = [f for f in step["value"]["fields"] if not predicate(f)]
    return steps


@pytest.mark.parametrize("scenario", Scenario.values)
def test_the_demo_forms_ask_everything_their_matters_need(scenario):
    assert warnings(steps_of(scenario), scenario) == []


def test_a_needed_fact_no_step_asks_is_named_with_its_matter():
    steps = without_question(
        steps_of(Scenario.HOSPITAL), lambda f: f["value"].get("domain_key") == "funeral.farewell"
    )
    assert warnings(steps, Scenario.HOSPITAL) == [
        "C01 遗体接运与殡仪服务预约 需要“告别方式”，但表单中没有任何一步询问。"
    ]


def test_a_scenarios_own_document_is_expected_only_in_that_scenario():
    home = without_question(
        steps_of(Scenario.HOME), lambda f: f["value"].get("name") == "care_home_report"
    )
    assert any("养老机构出具的死亡报告" in w for w in warnings(home, Scenario.HOME))
    assert not any("养老机构" in w for w in warnings(steps_of(Scenario.HOSPITAL), "hospital"))


def test_a_question_no_department_receives_is_pointed_out():
    steps = steps_of(Scenario.HOSPITAL)
    steps[0]["value"]["fields"].append(field("text", "逝者的爱好", name="hobby", required=False))
    assert warnings(steps, Scenario.HOSPITAL) == [
        "第 1 步询问“逝者的爱好”，但没有部门收到这个答案：请选择需要它的事项，"
        "或勾选“仅供家属自己留存”。"
    ]
    steps[0]["value"]["fields"][-1]["value"]["kept_for_family"] = True
    assert warnings(steps, Scenario.HOSPITAL) == []


def test_the_preview_names_the_matters_that_receive_each_answer():
    rows = preview_rows(steps_of(Scenario.HOSPITAL), Scenario.HOSPITAL)
    receivers = {
        name: [m.code for m in matters] for _s, _f, r in rows for name, matters in r.items()
    }
    assert receivers["pickup_notes"] == ["C01"]
    assert receivers["funeral__pickup_address"] == ["C01"]
    assert "C01" in receivers["applicant__phone"] and "B02" in receivers["applicant__phone"]
    assert set(receivers["applicant__bank_account"]) >= {"R01", "R02", "F01", "B01", "C06"}


def test_editors_are_warned_when_they_save_a_form_that_leaves_something_out(client):
    from tests.forms.test_form_admin import admin_data

    page = application_form_page(Scenario.HOSPITAL)
    staff_login(client, UserFactory(is_superuser=True, is_staff=True))
    steps = without_question(
        steps_of(Scenario.HOSPITAL), lambda f: f["value"].get("domain_key") == "funeral.farewell"
    )
    data = admin_data(page.title, Scenario.HOSPITAL, steps) | {"slug": page.slug}
    response = client.post(f"/admin/pages/{page.pk}/edit/", data, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert "C01 遗体接运与殡仪服务预约 需要“告别方式”，但表单中没有任何一步询问。" in shown


def test_the_editors_preview_shows_the_receivers_and_the_warnings(client):
    from django.test import RequestFactory

    page = application_form_page(Scenario.HOSPITAL)
    page.steps = without_question(
        page.steps.get_prep_value(), lambda f: f["value"].get("domain_key") == "funeral.farewell"
    )
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    html = page.serve_preview(request, "").rendered_content
    assert "需要“告别方式”" in html
    assert "收到答案的事项: C01 遗体接运与殡仪服务预约" in html


def test_a_fact_answer_lands_where_every_matter_that_needs_it_reads_it():
    from forms import engine
    from forms.answers import collect

    steps = engine.parse(steps_of(Scenario.HOME))
    first, funeral = steps[0], next(s for s in steps if s.title == "遗体接运")
    application = collect(
        steps,
        {
            first.name: {"death__cause": "肺癌"},
            funeral.name: {"funeral__farewell": "还没决定", "pickup_notes": "三楼"},
        },
    )
    assert application.deceased.cause_of_death == "肺癌"  # a case fact, on the deceased
    by_name = {a["name"]: a for a in application.answers}
    assert by_name["funeral__farewell"]["key"] == "funeral.farewell"
    assert by_name["pickup_notes"]["needed_by"] == ["C01"]
