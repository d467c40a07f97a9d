"""The data contract of a matter (一次录入): for every matter of the seeded
catalogue, a case whose family gave every needed item shows each item on
that department's task page and in its payload, and an item the matter does
not need is in neither."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.db import transaction

from cases.connectors.contrib.http_json.plugin import task_payload
from cases.models import Certificate, Department, Dispatch, Matter
from cases.needs import SEEDED, DocumentKind
from cases.services import burial
from tests.cases.helpers import complete, declare_sole_heir, task
from tests.factories import (
    ALL_FLAGS,
    BurialNicheFactory,
    CaseDocumentFactory,
    applicant_data,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member, staff_login

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "cases/connectors/schema/task-v1.json").read_text()
)
# Two deaths: one open case per death.
DECEASED_IDS = {"hospital": resident_id(61), "abnormal": resident_id(62)}
PHONE = "13912345678"
NICHE = "NICHE-A区3排12号"
ACCOUNT = "6222021234767890"
ANSWERS = {
    "death.cause": "CAUSE心肌梗死",
    "deceased.household": "HOUSEHOLD吴兴区户籍",
    "funeral.pickup_address": "PICKUP某路1号",
    "funeral.pickup_time": "越快越好",
    "funeral.farewell": "FAREWELL简办",
    "care_home.contact": "CAREHOME安康养老院",
    "family.supported": "SUPPORTED未成年子女",
}
# need -> what only that need brings onto a page or into a payload
MARKERS = {
    "deceased.identity": [],  # the case's own ID number: markers_for()
    "death.time_place": ["PLACE湖州市第一人民医院"],
    "death.cause": ["CAUSE心肌梗死"],
    "deceased.household": ["HOUSEHOLD吴兴区户籍"],
    "funeral.pickup": ["PICKUP某路1号"],
    "funeral.farewell": ["FAREWELL简办"],
    "care_home.contact": ["CAREHOME安康养老院"],
    "applicant.contact": [PHONE],
    "family.supported": ["SUPPORTED未成年子女"],
    "payee.account": [ACCOUNT],
    "burial.booking": [NICHE],
    **{f"doc.{kind}": [f"DOC-{kind}"] for kind in DocumentKind.values if kind != "other"},
}
EDITOR_ANSWER = "NOTE三楼无电梯"  # an editor's question needed by C01 only


@pytest.fixture(scope="module")
def cases(django_db_setup, django_db_blocker):
    """One hospital and one unnatural-death case where the family gave
    everything; built once for the module (read by every test), undone after."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {scenario: _full_case(scenario) for scenario in ("hospital", "abnormal")}
        transaction.set_rollback(True)


def _full_case(scenario):
    case = submitted_case(
        scenario,
        ALL_FLAGS,
        deceased=deceased_data(
            id_number=DECEASED_IDS[scenario], place_of_death="PLACE湖州市第一人民医院"
        ),
        applicant=applicant_data(phone=PHONE, bank_account=ACCOUNT),
        answers=[
            {"name": key.replace(".", "__"), "label": key, "value": value, "key": key}
            for key, value in ANSWERS.items()
        ]
        + [
            {
                "name": "pickup_notes",
                "label": "遗体接运地址备注",
                "value": EDITOR_ANSWER,
                "needed_by": ["C01"],
            }
        ],
    )
    case.deceased.cause_of_death = "CAUSE心肌梗死"
    case.deceased.save()
    for kind in DocumentKind.values:
        if kind != "other":
            CaseDocumentFactory(case=case, kind=kind, label=f"DOC-{kind}")
    declare_sole_heir(case, payee_account=ACCOUNT)
    if scenario == "hospital":
        niche = BurialNicheFactory(label=NICHE)
        burial.book(case, niche.site, niche=niche, actor=None)
    first = "H01" if scenario == "hospital" else "P01"
    complete(case, "BD01", first, "C01", "C02", "P02")
    return case


CODES = sorted(code for code in SEEDED if code != "N01")


def scenario_for(code):
    return "abnormal" if code == "P01" else "hospital"


def case_for(cases, code):
    return cases[scenario_for(code)]


def markers_for(code):
    return {**MARKERS, "deceased.identity": [DECEASED_IDS[scenario_for(code)]]}


def page_of(client, cases, code):
    t = task(case_for(cases, code), code)
    staff_login(client, department_member(t.department.code))
    response = client.get(f"/admin/workbench/{t.pk}/")
    assert response.status_code == 200
    return t, response.content.decode()


def payload_of(t):
    department = Department.objects.get(pk=t.department_id)
    department.shared_secret = "s" * 40  # the payload's links are signed with it
    dispatch = Dispatch(task=t, department=department, connector="http_json", attempts=1)
    return task_payload(dispatch)


def test_the_seeded_catalogue_declares_the_needs_of_catalogue_md(db):
    assert {m.code: m.needs for m in Matter.objects.all() if m.code in SEEDED} == SEEDED


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_the_task_page_shows_what_the_matter_needs_and_nothing_else(client, cases, code):
    t, page = page_of(client, cases, code)
    for need, markers in markers_for(code).items():
        for marker in markers:
            if need in t.needs:
                assert marker in page, (code, need)
            else:
                assert marker not in page, (code, need)
    assert (EDITOR_ANSWER in page) is (code == "C01")


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_the_payload_carries_the_same_contract_and_fits_its_schema(cases, code):
    t = task(case_for(cases, code), code)
    payload = payload_of(t)
    jsonschema.validate(payload, SCHEMA)
    sent = json.dumps(payload, ensure_ascii=False)
    for need, markers in markers_for(code).items():
        for marker in markers:
            assert (marker in sent) is (need in t.needs), (code, need)
    assert (EDITOR_ANSWER in sent) is (code == "C01")
    assert payload["needs"] == t.needs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "serial_of"),
    [("P02", "H01"), ("C06", "C02"), ("F01", "P02"), ("R04", "P02")],
)
def test_a_needed_certificate_of_another_matter_is_offered(client, cases, code, serial_of):
    certificate = Certificate.objects.get(case=case_for(cases, code), task__matter_code=serial_of)
    _t, page = page_of(client, cases, code)
    assert certificate.serial in page
    payload = payload_of(task(case_for(cases, code), code))
    assert [c["serial"] for c in payload["certificates"]] == [certificate.serial]


@pytest.mark.django_db
def test_a_matter_without_certificate_needs_gets_none(cases):
    payload = payload_of(task(cases["hospital"], "M01"))
    assert payload["certificates"] == []
    assert payload["documents"] == []


@pytest.mark.django_db
def test_a_needed_item_the_family_did_not_give_is_shown_as_missing(client):
    case = submitted_case("hospital", ALL_FLAGS, applicant=applicant_data(phone=PHONE))
    complete(case, "BD01")
    t = task(case, "H01")
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{t.pk}/").content.decode()
    assert "未提供" in page  # the cause of death and the documents
    assert set(payload_of(t)["missing_documents"]) >= {"养老机构出具的死亡报告", "病历资料"}


@pytest.mark.django_db
def test_the_cremation_recorded_by_the_funeral_home_is_the_cremation_record(client):
    from tests.cases.helpers import cremate

    case = submitted_case("hospital", ALL_FLAGS, applicant=applicant_data(phone=PHONE))
    complete(case, "BD01", "H01", "C01")
    cremate(case)
    case.refresh_from_db()
    c02 = task(case, "C02")
    assert "火化记录" not in payload_of(c02)["missing_documents"]
    staff_login(client, department_member("civil_affairs"))
    page = client.get(f"/admin/workbench/{c02.pk}/").content.decode()
    assert "火化记录：" in page and "由殡仪馆登记" in page
    assert "火化记录: <em>未提供" not in page and "火化记录：<em>未提供" not in page
