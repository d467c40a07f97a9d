"""Editors see which matters receive each question's answer, and are warned
(not refused) when a form leaves out what a matter needs or asks something
no department reads."""

import copy

import pytest

from cases.constants import Scenario
from demo.forms import FORMS, field
from forms.contract import preview_rows, warnings
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
        "第 1 步“逝者信息”询问“逝者的爱好”，但没有部门收到这个答案：请选择需要它的事项，"
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


def test_the_matters_the_editor_is_shown_are_the_ones_whose_contract_carries_the_answer():
    """What the preview and the warnings say is what each department reads:
    every answer of the form, submitted with every matter applying, is in
    the contract of exactly the matters ``receivers`` names."""
    from cases.constants import ProfileFlag
    from cases.services.contract import contract_for
    from forms import engine
    from forms.answers import collect
    from forms.contract import receivers, scenario_matters
    from tests.factories import submitted_case

    notes = field("text", "给丧葬补助经办人的话", name="subsidy_note", needed_by=["R02"])
    definition = steps_of(Scenario.HOSPITAL)
    definition[-1]["value"]["fields"].append(notes)
    steps = engine.parse(definition)
    questions = [q for step in steps for q in step.questions if q.field_type == "text"]
    application = collect(
        steps,
        {
            s.name: {q.name: f"答{q.name}" for q in s.questions if q.field_type == "text"}
            for s in steps
        },
    )
    case = submitted_case(
        flags=dict.fromkeys(ProfileFlag.values, True), answers=application.answers
    )
    matters = scenario_matters(Scenario.HOSPITAL)
    for question in questions:
        if question.domain_key:
            continue  # facts on the case's people: checked by the items of each need
        shown = {m.code for m in receivers(question, matters)}
        carried = {
            task.matter_code
            for task in case.tasks.all()
            if any(a["name"] == question.name for a in contract_for(task).answers)
        }
        assert carried == shown & set(case.tasks.values_list("matter_code", flat=True)), (
            question.name
        )
    assert "R02" in {m.code for m in receivers(questions[-1], matters)}
    assert warnings(definition, Scenario.HOSPITAL) == []


def test_a_file_no_matter_needs_or_names_is_pointed_out_by_its_step_and_label():
    steps = steps_of(Scenario.HOSPITAL)
    steps[0]["value"]["fields"].append(
        field("file", "其他材料", name="other_file", required=False, document_kind="other")
    )
    assert warnings(steps, Scenario.HOSPITAL) == [
        "第 1 步“逝者信息”要求上传“其他材料”，但没有部门会收到这个文件：请说明这是哪类材料，"
        "或选择需要它的事项。"
    ]
    steps[0]["value"]["fields"][-1]["value"]["needed_by"] = ["R02"]
    assert warnings(steps, Scenario.HOSPITAL) == []


def test_a_file_the_editor_names_a_matter_for_reaches_that_matter_whatever_its_kind():
    """The letter of authorization (an "other" document) names household
    cancellation: P02 receives the file itself, not only its name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.contract import contract_for
    from cases.services.documents import Document, attach
    from tests.factories import submitted_case

    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4 letter", content_type="application/pdf")
    case = submitted_case()
    attach(case, [Document.from_upload("委托书", letter, "other", needed_by=["P02"])], actor=None)
    p02 = case.tasks.get(matter_code="P02")
    h01 = case.tasks.get(matter_code="H01")
    assert [d.label for d in contract_for(p02).documents] == ["委托书"]
    assert contract_for(h01).documents == []


def test_an_uploaded_file_keeps_the_matters_its_question_names():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from forms import engine
    from forms.answers import collect

    steps = engine.parse(steps_of(Scenario.HOSPITAL))
    letter_step = next(s for s in steps if s.title == "委托书")
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.4", content_type="application/pdf")
    application = collect(steps, {letter_step.name: {"authorization_letter": letter}})
    [upload] = application.uploads
    assert upload.needed_by == ("P02",)
