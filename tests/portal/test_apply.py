"""The application wizard: one question group per screen, drafts kept on the
server, the registry's details confirmed, one submission."""

import datetime

import pytest
from django.utils import timezone

from cases.constants import Channel, ProfileFlag, Scenario
from cases.models import Case, CaseDocument
from forms.models import Draft
from tests.factories import (
    NO_FLAGS,
    PDF_BYTES,
    AreaFactory,
    DemoRegistryPersonFactory,
    FuneralAssistantFactory,
    application_form_page,
    citizen,
    resident_id,
)

from .apply_helpers import (
    ACCOUNT,
    APPLICANT,
    CONSENT,
    DECEASED_ID,
    FUNERAL,
    PROFILE,
    answer,
    deceased_step,
    died_at,
    hospital_steps,
    start,
    walk_hospital,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms():
    return {scenario: application_form_page(scenario) for scenario in Scenario.values}


@pytest.fixture
def signed_in(client):
    client.force_login(citizen("13912345678"))
    return client


@pytest.fixture
def registry_person():
    return DemoRegistryPersonFactory(
        id_number=DECEASED_ID, name="王五", flags=NO_FLAGS | {"pension": True, "local_hukou": True}
    )


def test_the_wizard_asks_to_sign_in_first(client, forms):
    response = client.get("/apply/hospital/")
    assert response.status_code == 302
    assert response.url == "/account/login/?next=/apply/hospital/"


def test_the_apply_page_is_public_and_links_each_scenario(client, forms):
    page = client.get("/apply/").content.decode()
    for scenario in ("hospital", "home", "abnormal"):
        assert f'href="/apply/{scenario}/"' in page


def test_a_draft_is_a_row_keyed_by_a_random_uuid_not_the_session(signed_in, forms):
    base = start(signed_in)
    draft = Draft.objects.get()
    assert base == f"/apply/hospital/{draft.pk}/"
    answer(signed_in, base, "1", deceased_step())
    draft.refresh_from_db()
    assert DECEASED_ID in draft.load_state()["step_data"]["1"]["1-deceased__id_number"]
    assert not any(key.startswith("wizard_") for key in signed_in.session.keys())


def test_answers_are_encrypted_in_the_draft_row(signed_in, forms):
    from django.db import connection

    answer(signed_in, start(signed_in), "1", deceased_step())
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM forms_draft")
        (stored,) = cursor.fetchone()
    assert DECEASED_ID not in stored


def test_each_screen_shows_its_position(signed_in, forms):
    base = start(signed_in)
    page = signed_in.get(f"{base}1/").content.decode()
    # Five editor's steps that always come, the registry check and the
    # review; the authorization letter's step, which comes only for someone
    # the family authorised, is part of the applicant's step.
    assert "第 1 步，共 7 步" in page


def test_the_registry_prefills_the_deceased_after_the_id_number(signed_in, forms, registry_person):
    base = start(signed_in)
    response = answer(signed_in, base, "1", deceased_step())
    assert response.url == f"{base}profile/"
    form = signed_in.get(response.url).context["wizard"]["form"]
    assert form.initial["name"] == "王五"
    assert form.initial["birth_date"] == "1950-06-15"
    assert set(form.initial["flags"]) == {"pension", "local_hukou"}


def test_each_flag_names_the_matters_it_brings(signed_in, forms, registry_person):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(f"{base}profile/").content.decode()
    assert "丧葬补助金申领" in page  # under "receives a pension"


def test_an_unknown_deceased_is_typed_by_hand(signed_in, forms):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    response = signed_in.get(f"{base}profile/")
    assert response.context["registry_status"] == "unknown"
    assert response.context["wizard"]["form"].initial == {}


def test_the_whole_application_creates_one_case_through_submit_case(
    signed_in, forms, registry_person
):
    response = walk_hospital(signed_in)
    case = Case.objects.get()
    assert response.request["PATH_INFO"] == f"/cases/{case.reference}/"
    assert case.channel == Channel.WEB
    assert case.scenario == Scenario.HOSPITAL
    assert case.deceased.name == "王五"
    assert case.applicant.phone == "13912345678"
    assert case.applicant.bank_account == "6222021234767890"
    assert case.identity_verified
    assert case.form_revision_id == forms["hospital"].live_revision_id
    assert {a["key"]: a["value"] for a in case.extra_answers if "key" in a}[
        "funeral.pickup_address"
    ] == ("湖州市吴兴区某路1号")
    consent = next(a for a in case.extra_answers if a["name"] == "consent_sharing")
    assert consent["value"] is True and consent["version"] == "2026-1"
    assert case.tasks.filter(matter_code="R02").exists()  # the pension flag confirmed
    assert Draft.objects.get().case == case


def test_a_correction_of_the_registry_is_recorded_as_such(signed_in, forms, registry_person):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    corrected = {**PROFILE, "flags": ["pension", "local_hukou", "housing_fund"]}
    assert answer(signed_in, base, "profile", corrected).status_code == 302
    for step, data in (("2", APPLICANT), ("4", ACCOUNT), ("5", FUNERAL), ("6", CONSENT)):
        answer(signed_in, base, step, data)
    answer(signed_in, base, "review", {})
    signed_in.get(f"{base}done/")
    case = Case.objects.get()
    assert case.profile_corrections == {ProfileFlag.HOUSING_FUND: True}
    assert case.tasks.filter(matter_code="F01").exists()


def test_a_user_agent_claiming_the_app_does_not_make_a_web_filing_mobile(
    client, forms, registry_person
):
    # Any browser can send any User-Agent: only the app's token says "mobile"
    # (tests/api/test_app_filing.py).
    client.force_login(citizen("13912345678"))
    client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 ShenhouApp/2.1"
    walk_hospital(client)
    assert Case.objects.get().channel == Channel.WEB


def test_the_review_shows_every_answer_with_a_way_to_change_it(signed_in, forms, registry_person):
    base = start(signed_in)
    for step, data in hospital_steps():
        answer(signed_in, base, step, data)
    page = signed_in.get(f"{base}review/").content.decode()
    for shown in ("王五", "湖州市吴兴区某路1号", "王小明", "子女", "还没决定"):
        assert shown in page
    assert 'name="wizard_goto_step" type="submit" value="2"' in page
    assert not Case.objects.exists()


def test_a_draft_resumes_on_another_device_after_signing_in(client, forms):
    user = citizen("13912345678")
    client.force_login(user)
    base = start(client)
    answer(client, base, "1", deceased_step())
    from django.test import Client

    other_device = Client()
    other_device.force_login(user)
    listing = other_device.get("/cases/").content.decode()
    assert base in listing
    response = other_device.get(f"{base}profile/")
    assert response.status_code == 200
    assert response.context["wizard"]["steps"].current == "profile"


def test_two_drafts_in_two_tabs_do_not_overwrite_each_other(signed_in, forms):
    first, second = start(signed_in), start(signed_in)
    answer(signed_in, first, "1", deceased_step())
    answer(signed_in, second, "1", deceased_step(id_number=resident_id(42)))
    one, two = (Draft.objects.get(pk=url.split("/")[3]).load_state() for url in (first, second))
    assert one["step_data"]["1"]["1-deceased__id_number"] == [DECEASED_ID]
    assert two["step_data"]["1"]["1-deceased__id_number"] == [resident_id(42)]


def test_someone_elses_draft_is_not_found(client, forms):
    client.force_login(citizen("13912345678"))
    base = start(client)
    client.force_login(citizen("13800000000"))
    assert client.get(f"{base}1/").status_code == 404


def test_a_bad_answer_is_shown_on_its_step_and_nothing_is_lost(signed_in, forms):
    base = start(signed_in)
    response = answer(signed_in, base, "1", deceased_step(id_number="330502195006150"))
    assert response.status_code == 200
    assert response.context["wizard"]["form"].errors["deceased__id_number"]
    assert "湖州市第一人民医院" in response.content.decode()


def test_a_draft_finishes_on_the_form_revision_it_started_with(signed_in, forms, registry_person):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    page = forms["hospital"]
    started_on = page.live_revision_id
    # The editor drops the funeral step and publishes; then unpublishes.
    page.steps = [s for s in page.steps.get_prep_value() if s["value"]["title"] != "遗体接运"]
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live_revision_id != started_on
    page.unpublish()
    response = walk_hospital(signed_in, base)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.form_revision_id == started_on
    assert "funeral.pickup_address" in {a.get("key") for a in case.extra_answers}


def test_a_new_draft_uses_the_newest_published_revision(signed_in, forms):
    page = forms["hospital"]
    page.title = "新标题"
    page.save_revision().publish()
    page.refresh_from_db()
    start(signed_in)
    assert Draft.objects.get().revision_id == page.live_revision_id


def test_an_unpublished_form_cannot_be_started(signed_in, forms):
    forms["hospital"].unpublish()
    response = signed_in.get("/apply/hospital/")
    assert response.status_code == 503


def test_a_refused_submission_goes_back_to_the_step_and_keeps_the_answers(signed_in, forms):
    # Each step is valid on its own, but the ID number says the person was
    # born after the death that was entered: submit_case refuses at the end.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    base = start(signed_in)
    answer(
        signed_in,
        base,
        "1",
        deceased_step(id_number=resident_id(5, yesterday), death__datetime=died_at(72)),
    )
    answer(signed_in, base, "profile", PROFILE)
    for step, data in (("2", APPLICANT), ("4", ACCOUNT), ("5", FUNERAL), ("6", CONSENT)):
        answer(signed_in, base, step, data)
    answer(signed_in, base, "review", {})
    response = signed_in.get(f"{base}done/")
    assert not Case.objects.exists()
    assert response.status_code == 302
    assert response.url == f"{base}1/"
    page = signed_in.get(response.url)
    # The message itself, on the step concerned (the box said only "1").
    assert page.context["submit_errors"] == ["死亡日期不能早于出生日期。"]
    assert "死亡日期不能早于出生日期。" in page.content.decode()
    state = Draft.objects.get().load_state()
    assert state["step_data"]["6"]  # nothing entered is lost


def test_conditional_steps_follow_the_earlier_answer(signed_in, forms):
    base = start(signed_in, "abnormal")
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    response = answer(signed_in, base, "2", {"police_attended": "no"})
    assert response.url == f"{base}4/"  # no police case number asked
    answer(signed_in, base, "2", {"police_attended": "yes"})
    response = signed_in.get(f"{base}2/")
    response = answer(signed_in, base, "2", {"police_attended": "yes"})
    assert response.url == f"{base}3/"


def test_an_upload_survives_the_following_steps_and_lands_on_the_case(
    signed_in, forms, registry_person
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    base = start(signed_in, "home")
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    upload = SimpleUploadedFile("病历.pdf", PDF_BYTES, content_type="application/pdf")
    response = answer(
        signed_in, base, "2", {"place_type": "养老机构"}, files={"medical_records": upload}
    )
    assert response.url == f"{base}3/"  # the care home's report is asked
    report = SimpleUploadedFile("report.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    answer(signed_in, base, "3", {}, files={"care_home_report": report})
    for step, data in (("4", APPLICANT), ("6", ACCOUNT), ("7", FUNERAL), ("8", CONSENT)):
        assert answer(signed_in, base, step, data).status_code == 302
    answer(signed_in, base, "review", {})
    signed_in.get(f"{base}done/")
    case = Case.objects.get()
    documents = {d.label: d for d in CaseDocument.objects.filter(case=case)}
    assert documents["病历资料（有就上传）"].file.open().read() == PDF_BYTES
    assert documents["病历资料（有就上传）"].original_name == "病历.pdf"
    assert documents["养老机构出具的死亡报告"].content_type == "image/png"


def test_uploaded_files_are_encrypted_on_disk(signed_in, forms, private_files):
    from django.core.files.uploadedfile import SimpleUploadedFile

    base = start(signed_in, "home")
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    upload = SimpleUploadedFile("病历.pdf", PDF_BYTES, content_type="application/pdf")
    answer(signed_in, base, "2", {"place_type": "家中"}, files={"medical_records": upload})
    stored = [p for p in private_files.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert b"%PDF" not in stored[0].read_bytes()


def test_a_file_name_longer_than_the_file_system_allows_is_kept_and_stored(
    signed_in, forms, private_files, registry_person
):
    # 120 Chinese characters are 360 bytes: the file system allows 255.
    from django.core.files.uploadedfile import SimpleUploadedFile

    long_name = "病" * 120 + ".pdf"
    base = start(signed_in, "home")
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    upload = SimpleUploadedFile(long_name, PDF_BYTES, content_type="application/pdf")
    response = answer(
        signed_in, base, "2", {"place_type": "家中"}, files={"medical_records": upload}
    )
    assert response.status_code == 302
    stored = [p for p in private_files.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert "病" not in str(stored[0])  # the device's name never reaches the disk


def test_the_registry_check_says_a_case_is_already_open_and_tells_its_applicant(
    signed_in, forms, registry_person, empty_sms_outbox
):
    from tests.factories import applicant_data, deceased_data, submitted_case

    first = submitted_case(
        deceased=deceased_data(id_number=DECEASED_ID),
        applicant=applicant_data(phone="13800000001", name="李秀英"),
    )
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(f"{base}profile/").content.decode()
    assert "已在办理" in page
    for secret in (first.display_reference, "李秀英", "13800000001", "138****0001"):
        assert secret not in page
    texts = [m for m in empty_sms_outbox if m["to"] == "13800000001"]
    assert len(texts) == 2  # submitted, then: someone else tried
    assert first.display_reference in texts[-1]["text"]
    signed_in.get(f"{base}profile/")  # again: the family is not texted twice
    assert len([m for m in empty_sms_outbox if m["to"] == "13800000001"]) == 2


def test_the_wizard_does_not_go_past_the_registry_check_while_a_case_is_open(
    signed_in, forms, registry_person
):
    from tests.factories import deceased_data, submitted_case

    submitted_case(deceased=deceased_data(id_number=DECEASED_ID))
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    response = answer(signed_in, base, "profile", PROFILE)
    assert response.status_code == 200
    assert "已在办理" in response.content.decode()


def test_deleting_an_unfinished_application_asks_once(signed_in, forms):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    draft = Draft.objects.get()
    url = f"/apply/drafts/{draft.pk}/delete/"
    page = signed_in.get(url).content.decode()
    assert "删除" in page and Draft.objects.filter(pk=draft.pk).exists()  # asking is not deleting
    assert signed_in.post(url).status_code == 302
    assert not Draft.objects.filter(pk=draft.pk).exists()


def test_the_favicon_is_served_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("img/favicon.svg")


def test_posting_a_step_the_answers_now_hide_goes_back_to_the_current_step(
    signed_in, forms, registry_person
):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    answer(signed_in, base, "2", APPLICANT)  # a child: no authorization letter
    response = answer(signed_in, base, "3", {})
    assert response.status_code == 302
    assert response.url.endswith("/4/")


def test_the_step_count_never_changes_under_the_applicant(signed_in, forms, registry_person):
    # The authorization step comes only for someone the family authorised: it
    # carries the number of the applicant's step, and the total stays.
    base = start(signed_in)
    before = signed_in.get(f"{base}1/").context["total"]
    answer(signed_in, base, "1", deceased_step())
    answer(signed_in, base, "profile", PROFILE)
    assert signed_in.get(f"{base}2/").context["position"] == 3
    answer(signed_in, base, "2", {**APPLICANT, "applicant__relationship": "agent"})
    as_agent = signed_in.get(f"{base}3/").context
    assert (as_agent["position"], as_agent["total"]) == (3, before)
    assert signed_in.get(f"{base}4/").context["position"] == 4
    answer(signed_in, base, "2", APPLICANT)  # a child after all
    as_child = signed_in.get(f"{base}4/").context
    assert (as_child["position"], as_child["total"]) == (4, before)


def test_the_registry_check_folds_away_the_items_that_do_not_apply(
    signed_in, forms, registry_person
):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(f"{base}profile/").content.decode()
    shown, folded = page.split('<details class="more-options">')
    assert "领取养老金" in shown  # ticked by the registry: in view
    assert "住房公积金" in folded and "住房公积金" not in shown


def test_a_deceased_the_registry_does_not_know_shows_every_question_open(signed_in, forms):
    base = start(signed_in)
    answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(f"{base}profile/").content.decode()
    assert '<details class="more-options">' not in page
    assert "领取养老金" in page and "有住房公积金账户" in page


def test_the_review_shows_every_answer_and_folds_only_a_long_list(
    signed_in, forms, registry_person
):
    base = start(signed_in)
    many = {**PROFILE, "flags": ["pension", "local_hukou", "medical_insured", "housing_fund"]}
    for step, data in hospital_steps():
        answer(signed_in, base, step, many if step == "profile" else data)
    page = signed_in.get(f"{base}review/").content.decode()
    assert page.count('<details class="long-answer">') == 1  # the four ticked items
    folded = page.split('<details class="long-answer">')[1].split("</details>")[0]
    assert "有住房公积金账户" in folded
    assert "湖州市吴兴区某路1号" in page and "湖州市吴兴区某路1号" not in folded
    assert page.count('<section class="summary"') == len(hospital_steps())


def test_a_short_list_on_the_review_is_shown_as_answered(signed_in, forms, registry_person):
    base = start(signed_in)
    for step, data in hospital_steps():
        answer(signed_in, base, step, data)
    page = signed_in.get(f"{base}review/").content.decode()
    assert '<details class="long-answer">' not in page
    two = page.split("领取养老金")[1].split("</dd>")[0]
    assert "、" in two and "本市户籍" in two  # the two ticked items, as one answer


# One death, one record ---------------------------------------------------------


def death_with_a_case(status):
    from cases.services.withdrawal import withdraw_case
    from tests.factories import applicant_data, deceased_data, submitted_case

    case = submitted_case(
        deceased=deceased_data(41), applicant=applicant_data(phone="13800000002", name="李四")
    )
    if status == "completed":
        Case.objects.filter(pk=case.pk).update(status="completed")
    elif status == "withdrawn":
        withdraw_case(case, actor=None, reason="家属决定重新申请")
    return case


@pytest.mark.parametrize(
    ("status", "said"), [("in_progress", "已在办理中"), ("completed", "已经办结")]
)
def test_the_registry_check_stops_a_death_that_has_a_case_and_shows_nothing_of_its_record(
    signed_in, forms, registry_person, status, said
):
    from cases.models import SmsMessage

    case = death_with_a_case(status)
    base = start(signed_in)
    response = answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(response.url).content.decode()
    assert said in page
    for shown in ("王五", "1950", "领取养老金", case.display_reference, "李四"):
        assert shown not in page
    assert "<form" not in page.split("</header>", 1)[-1]
    assert SmsMessage.objects.filter(case=case, template_code="case_already_open").count() == 1


def test_the_registry_check_goes_on_after_a_withdrawn_case(signed_in, forms, registry_person):
    death_with_a_case("withdrawn")
    base = start(signed_in)
    response = answer(signed_in, base, "1", deceased_step())
    page = signed_in.get(response.url)
    assert page.context["wizard"]["form"].initial["name"] == "王五"
    assert "case_already_open" not in page.context or not page.context["case_already_open"]


def test_the_village_the_family_chooses_brings_its_assistant(signed_in, forms, registry_person):
    village = AreaFactory(name="潘公桥社区")
    assistant = FuneralAssistantFactory(villages=[village])
    base = start(signed_in)
    page = signed_in.get(f"{base}4/").content.decode()
    assert "潘公桥社区" in page and "月河街道" in page
    for step, data in hospital_steps():
        if step == "4":
            data = {**data, "deceased__village": village.code}
        assert answer(signed_in, base, step, data).status_code == 302, step
    signed_in.get(answer(signed_in, base, "review", {}).url, follow=True)
    case = Case.objects.get()
    assert (case.village, case.assistant) == (village, assistant)
