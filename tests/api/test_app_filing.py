"""Filing from the app (掌上办): the form as a query, drafts in the same rows as
the web wizard's, uploads by id, and the same submission service."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.constants import Channel, Scenario
from cases.models import Case, CaseDocument, SmsMessage
from cases.storage import draft_storage
from forms.models import Draft
from tests.concurrency import run_at_once
from tests.factories import (
    NO_FLAGS,
    PDF_BYTES,
    DemoRegistryPersonFactory,
    application_form_page,
    citizen,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.portal.apply_helpers import (
    ACCOUNT,
    APPLICANT,
    CONSENT,
    DECEASED_ID,
    FUNERAL,
    PROFILE,
    answer,
    deceased_step,
    died_at,
)

from .conftest import app_token, hotline_token
from .operations import operation

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def forms():
    return {scenario: application_form_page(scenario) for scenario in Scenario.values}


@pytest.fixture
def registry_person():
    return DemoRegistryPersonFactory(
        id_number=DECEASED_ID, name="王五", flags=NO_FLAGS | {"pension": True, "local_hukou": True}
    )


@pytest.fixture
def family():
    return citizen(PHONE)


@pytest.fixture
def app(api, family):
    api.token = app_token(family)
    return api


def run(app, name, **variables):
    return app(operation(name), variables)


def as_answers(data):
    """The wizard's {field: value} as saveDraftStep's answers."""
    return [
        {"question": key, "values": value if isinstance(value, list) else [value]}
        for key, value in data.items()
    ]


def save(app, draft_id, step, data, files=None):
    result = run(
        app,
        "SaveDraftStep",
        draftId=draft_id,
        step=step,
        answers=as_answers(data),
        files=[{"question": q, "uploadId": i} for q, i in (files or {}).items()],
    )
    assert "errors" not in result, result
    return result["data"]["saveDraftStep"]


def upload(client, token, draft_id, content=PDF_BYTES, name="委托书.pdf"):
    return client.post(
        f"/api/drafts/{draft_id}/uploads/",
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def start_draft(app, scenario="hospital"):
    result = run(app, "StartDraft", scenario=scenario)
    assert "errors" not in result, result
    return result["data"]["startDraft"]["draft"]["id"]


AGENT = {**APPLICANT, "applicant__relationship": "agent"}


# The form ----------------------------------------------------------------------


def test_the_form_lists_every_step_in_order_with_the_registry_check_and_the_review(app, forms):
    form = run(app, "ApplicationForm", scenario="hospital")["data"]["applicationForm"]
    assert [s["name"] for s in form["steps"]] == ["1", "profile", "2", "3", "4", "5", "6", "review"]
    assert form["steps"][-1]["questions"] == []


def test_each_question_comes_with_its_type_choices_and_help(app, forms):
    steps = run(app, "ApplicationForm", scenario="hospital")["data"]["applicationForm"]["steps"]
    questions = {q["name"]: q for s in steps for q in s["questions"]}
    assert questions["deceased__id_number"]["type"] == "resident_id"
    assert "18位" in questions["deceased__id_number"]["helpText"]
    assert questions["funeral__pickup_time"]["choices"][0]["value"] == "越快越好"
    assert questions["authorization_letter"]["type"] == "file"
    assert questions["authorization_letter"]["maxSizeMb"] == 10
    assert questions["consent_sharing"]["consentVersion"] == "2026-1"


def test_a_conditional_step_says_which_answer_shows_it(app, forms):
    steps = run(app, "ApplicationForm", scenario="hospital")["data"]["applicationForm"]["steps"]
    authorization = next(s for s in steps if s["name"] == "3")
    assert authorization["showIf"] == {"question": "applicant__relationship", "value": "agent"}


def test_our_own_words_follow_the_callers_language(app, forms):
    result = app(operation("ApplicationForm"), {"scenario": "hospital"}, HTTP_ACCEPT_LANGUAGE="en")
    steps = result["data"]["applicationForm"]["steps"]
    profile = next(s for s in steps if s["name"] == "profile")
    assert profile["title"] == "Check the details of the deceased"
    relationship = next(q for q in steps[2]["questions"] if q["name"] == "applicant__relationship")
    assert {"value": "spouse", "label": "Spouse"} in relationship["choices"]


def test_an_unknown_scenario_is_refused_by_name(app, forms):
    result = run(app, "ApplicationForm", scenario="sea")
    assert result["errors"][0]["extensions"]["code"] == "invalid"


# Walking the form --------------------------------------------------------------


def walk_hospital_as_agent(client, app, token):
    """Every step of the hospital form from the app, as someone the family
    authorised (so the authorization letter is asked and uploaded)."""
    draft_id = start_draft(app)
    state = save(app, draft_id, "1", deceased_step())
    assert state["draft"]["nextStep"] == "profile"
    assert state["draft"]["registry"]["name"] == "王五"
    save(app, draft_id, "profile", PROFILE)
    state = save(app, draft_id, "2", AGENT)
    assert state["draft"]["nextStep"] == "3"
    response = upload(client, token, draft_id)
    assert response.status_code == 201, response.content
    save(app, draft_id, "3", {}, files={"authorization_letter": response.json()["id"]})
    for step, data in (("4", ACCOUNT), ("5", FUNERAL), ("6", CONSENT)):
        state = save(app, draft_id, step, data)
    assert state["draft"]["nextStep"] == "review"
    return draft_id


def test_the_app_walks_the_hospital_form_with_an_upload_and_submits(
    client, app, forms, registry_person
):
    draft_id = walk_hospital_as_agent(client, app, app.token)
    result = run(app, "SubmitApplication", draftId=draft_id)["data"]["submitApplication"]
    assert result["errors"] == []
    case = Case.objects.get()
    assert result["case"]["reference"] == case.display_reference
    assert case.deceased.name == "王五"
    document = CaseDocument.objects.get(case=case)
    assert document.file.read() == PDF_BYTES
    assert Draft.objects.get().case == case


def test_a_filing_with_an_app_token_is_on_the_mobile_channel(client, app, forms, registry_person):
    run(app, "SubmitApplication", draftId=walk_hospital_as_agent(client, app, app.token))
    assert Case.objects.get().channel == Channel.MOBILE


def test_a_submitted_draft_keeps_no_answers_nor_files(client, app, forms, registry_person):
    run(app, "SubmitApplication", draftId=walk_hospital_as_agent(client, app, app.token))
    draft = Draft.objects.get()
    assert draft.load_state()["step_data"] == {}
    assert draft_storage().listdir("uploads")[1] == []


def test_a_draft_started_in_the_app_is_finished_on_the_web(client, app, family, forms):
    DemoRegistryPersonFactory(id_number=DECEASED_ID, name="王五")
    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step())
    save(app, draft_id, "profile", PROFILE)
    save(app, draft_id, "2", APPLICANT)
    client.force_login(family)
    base = f"/apply/hospital/{draft_id}/"
    assert client.get(base).url == f"{base}4/"  # the web goes on where the app stopped
    for step, data in (("4", ACCOUNT), ("5", FUNERAL), ("6", CONSENT), ("review", {})):
        answer(client, base, step, data)
    client.get(f"{base}done/")
    case = Case.objects.get()
    assert case.applicant.name == "王小明"
    assert case.channel == Channel.WEB


def test_a_draft_started_on_the_web_is_resumed_in_the_app(client, app, family, forms):
    DemoRegistryPersonFactory(id_number=DECEASED_ID, name="王五")
    client.force_login(family)
    base = client.post("/apply/hospital/").url
    answer(client, base, "1", deceased_step())
    draft_id = str(Draft.objects.get().pk)
    drafts = run(app, "MyDrafts")["data"]["myDrafts"]
    assert [(d["id"], d["nextStep"]) for d in drafts] == [(draft_id, "profile")]
    draft = run(app, "Draft", id=draft_id)["data"]["draft"]
    assert draft["answers"][0]["step"] == "1"
    assert {"question": "deceased__id_number", "values": [DECEASED_ID]} in draft["answers"][0][
        "answers"
    ]
    assert draft["registry"]["status"] == "found"


def test_a_refused_answer_comes_back_by_question_and_nothing_is_kept(app, forms):
    draft_id = start_draft(app)
    result = run(
        app,
        "SaveDraftStep",
        draftId=draft_id,
        step="1",
        answers=as_answers(deceased_step(id_number="110101199003071234")),
    )["data"]["saveDraftStep"]
    assert result["saved"] is False
    assert result["errors"][0]["question"] == "deceased__id_number"
    assert result["errors"][0]["messages"]
    assert result["draft"]["answers"] == []


def test_a_question_the_step_does_not_ask_is_refused_by_name(app, forms):
    draft_id = start_draft(app)
    result = run(
        app,
        "SaveDraftStep",
        draftId=draft_id,
        step="1",
        answers=as_answers({**deceased_step(), "favourite_colour": "blue"}),
    )["data"]["saveDraftStep"]
    assert [e["question"] for e in result["errors"]] == ["favourite_colour"]


def test_a_step_the_answers_hide_cannot_be_saved(app, forms, registry_person):
    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step())
    save(app, draft_id, "profile", PROFILE)
    save(app, draft_id, "2", APPLICANT)  # a child: no authorization letter
    result = run(app, "SaveDraftStep", draftId=draft_id, step="3", answers=[])
    assert result["data"]["saveDraftStep"]["saved"] is False


def test_the_authorization_letter_is_required_of_someone_the_family_authorised(
    app, forms, registry_person
):
    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step())
    save(app, draft_id, "profile", PROFILE)
    save(app, draft_id, "2", AGENT)
    result = run(app, "SaveDraftStep", draftId=draft_id, step="3", answers=[])
    errors = result["data"]["saveDraftStep"]["errors"]
    assert [e["question"] for e in errors] == ["authorization_letter"]


def test_submitting_with_a_step_unanswered_names_the_step(app, forms, registry_person):
    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step())
    result = run(app, "SubmitApplication", draftId=draft_id)["data"]["submitApplication"]
    assert result["case"] is None
    assert result["errors"][0]["step"] == "profile"
    assert not Case.objects.exists()


def test_a_refusal_at_submission_comes_back_on_its_step_and_waits_in_the_draft(app, forms):
    # Each step passes alone; the ID number says the person was born after
    # the death entered, which the submission refuses.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step(resident_id(5, yesterday), death__datetime=died_at(72)))
    for step, data in (
        ("profile", {**PROFILE, "birth_date": yesterday.isoformat()}),
        ("2", APPLICANT),
        ("4", ACCOUNT),
        ("5", FUNERAL),
        ("6", CONSENT),
    ):
        save(app, draft_id, step, data)
    result = run(app, "SubmitApplication", draftId=draft_id)["data"]["submitApplication"]
    assert result["errors"] == [{"step": "1", "messages": ["死亡日期不能早于出生日期。"]}]
    draft = run(app, "Draft", id=draft_id)["data"]["draft"]
    assert draft["refusals"] == result["errors"]
    assert len(draft["answers"]) == 6  # nothing entered is lost


# One death, one case -----------------------------------------------------------


def test_the_app_learns_at_the_id_step_that_a_case_is_already_open(app, forms):
    open_case = submitted_case(deceased=deceased_data(41))  # DECEASED_ID
    draft_id = start_draft(app)
    state = save(app, draft_id, "1", deceased_step())
    assert state["draft"]["caseAlreadyOpen"] is True
    assert SmsMessage.objects.filter(case=open_case, template_code="case_already_open").exists()
    result = run(
        app, "SaveDraftStep", draftId=draft_id, step="profile", answers=as_answers(PROFILE)
    )
    refusal = result["data"]["saveDraftStep"]
    assert refusal["saved"] is False
    assert "已在办理中" in refusal["errors"][0]["messages"][0]


def test_the_app_learns_at_the_id_step_that_the_death_was_settled_in_a_completed_case(app, forms):
    settled = submitted_case(deceased=deceased_data(41))  # DECEASED_ID
    Case.objects.filter(pk=settled.pk).update(status="completed")
    draft_id = start_draft(app)
    assert save(app, draft_id, "1", deceased_step())["draft"]["caseAlreadyOpen"] is True
    assert SmsMessage.objects.filter(case=settled, template_code="case_already_open").exists()
    result = run(
        app, "SaveDraftStep", draftId=draft_id, step="profile", answers=as_answers(PROFILE)
    )
    refusal = result["data"]["saveDraftStep"]
    assert refusal["saved"] is False
    assert "已经办结" in refusal["errors"][0]["messages"][0]


def test_after_a_withdrawn_case_the_app_goes_on_past_the_id_step(app, forms):
    from cases.services.withdrawal import withdraw_case

    withdraw_case(submitted_case(deceased=deceased_data(41)), actor=None, reason="重新申请")
    draft_id = start_draft(app)
    assert save(app, draft_id, "1", deceased_step())["draft"]["caseAlreadyOpen"] is False
    result = run(
        app, "SaveDraftStep", draftId=draft_id, step="profile", answers=as_answers(PROFILE)
    )
    assert result["data"]["saveDraftStep"]["saved"] is True


# Who may -----------------------------------------------------------------------


def test_someone_elses_draft_is_not_found(app, forms):
    other = Draft.start(citizen("13700000000"), forms["hospital"])
    result = run(app, "Draft", id=str(other.pk))
    assert result["errors"][0]["extensions"]["code"] == "not_found"


def test_a_hotline_token_cannot_file_in_the_app(api, forms):
    api.token = hotline_token()
    result = run(api, "StartDraft", scenario="hospital")
    assert result["errors"][0]["extensions"]["code"] == "forbidden"
    assert not Draft.objects.exists()


def test_an_upload_needs_the_app_token(client, forms, family):
    draft = Draft.start(family, forms["hospital"])
    client.force_login(family)  # a session cookie is not enough: no CSRF here
    response = client.post(
        f"/api/drafts/{draft.pk}/uploads/",
        {"file": SimpleUploadedFile("a.pdf", PDF_BYTES, content_type="application/pdf")},
    )
    assert response.status_code == 401


def test_an_upload_to_someone_elses_draft_is_not_found(client, app, forms):
    other = Draft.start(citizen("13700000000"), forms["hospital"])
    assert upload(client, app.token, other.pk).status_code == 404


def test_an_upload_that_is_no_pdf_nor_photo_is_refused_with_a_reason(client, app, forms):
    draft_id = start_draft(app)
    response = upload(client, app.token, draft_id, content=b"MZ\x90\x00 not a document")
    assert response.status_code == 400
    assert "PDF" in response.json()["error"]


def test_deleting_a_draft_deletes_its_files(client, app, forms):
    draft_id = start_draft(app)
    upload(client, app.token, draft_id)
    assert run(app, "DeleteDraft", draftId=draft_id)["data"]["deleteDraft"]["ok"] is True
    assert not Draft.objects.exists()
    assert draft_storage().listdir("uploads")[1] == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_steps_saved_at_once_are_both_kept(app, forms, registry_person):
    # The phone and a web tab save the same draft at the same moment: each
    # reads the draft, adds its step and writes it back. Without the row
    # lock the second write drops the first one's step.
    from django.test import Client

    draft_id = start_draft(app)
    save(app, draft_id, "1", deceased_step())
    save(app, draft_id, "profile", PROFILE)

    def saving(step, data):
        def run():
            return (
                Client()
                .post(
                    "/graphql/",
                    json.dumps(
                        {
                            "query": operation("SaveDraftStep"),
                            "variables": {
                                "draftId": draft_id,
                                "step": step,
                                "answers": as_answers(data),
                            },
                        }
                    ),
                    content_type="application/json",
                    HTTP_AUTHORIZATION=f"Bearer {app.token}",
                )
                .json()
            )

        return run

    outcomes = run_at_once(saving("2", APPLICANT), saving("4", ACCOUNT), saving("5", FUNERAL))
    assert all(o["data"]["saveDraftStep"]["saved"] for o in outcomes), outcomes
    kept = Draft.objects.get().load_state()["step_data"]
    assert set(kept) == {"1", "profile", "2", "4", "5"}


def test_the_app_takes_files_up_to_the_same_limit_as_the_web(client, app, forms, settings):
    settings.UPLOAD_MAX_MB = 1
    draft_id = start_draft(app)
    big = PDF_BYTES + b"0" * (1024 * 1024)
    response = upload(client, app.token, draft_id, content=big)
    assert response.status_code == 400
    assert "1 MB" in response.json()["error"]
    assert upload(client, app.token, draft_id).status_code == 201


def test_the_app_numbers_the_steps_as_the_web_does(app, forms):
    form = run(app, "ApplicationForm", scenario="hospital")["data"]["applicationForm"]
    numbers = {step["name"]: step["section"] for step in form["steps"]}
    assert form["sections"] == 7  # what the web says: 共 7 步
    assert (numbers["1"], numbers["profile"], numbers["2"]) == (1, 2, 3)
    assert numbers["3"] == numbers["2"]  # the authorization letter, only for an agent
    assert numbers["review"] == form["sections"]


# A death the hospital certified --------------------------------------------------


def test_the_app_fills_in_the_first_step_from_the_hospitals_certificate(app, forms):
    from tests.factories import certified_death

    certified_death(contact_phone=PHONE)
    result = run(app, "StartDraft", scenario="hospital")
    prefilled = {
        row["step"]: {a["question"]: a["values"] for a in row["answers"]}
        for row in result["data"]["startDraft"]["draft"]["prefilled"]
    }
    assert prefilled["1"]["deceased__id_number"] == [resident_id(1)]
    assert prefilled["1"]["death__place"] == ["湖州市第一人民医院心内科"]


def test_the_app_fills_in_nothing_of_a_certificate_naming_someone_else(app, forms):
    from tests.factories import certified_death

    certified_death(contact_phone="13800000000")
    result = run(app, "StartDraft", scenario="hospital")
    steps = [row["step"] for row in result["data"]["startDraft"]["draft"]["prefilled"]]
    assert "1" not in steps
