"""A close relative asks on the web, one question a page, and reads the
answer and downloads the copy after proving again who they are."""

import pytest

from cases.models import AuditEvent, AuditEventKind, DataRequest, RequestKind, RequestStatus
from cases.services import rights_answers
from cases.sms.contrib.memory import plugin as memory
from tests.delegations.helpers import last_code
from tests.factories import (
    APPLICANT_ID,
    DataRequestFactory,
    applicant_data,
    data_protection_officer,
    submitted_case,
)

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def case():
    return submitted_case(applicant=applicant_data(id_number=APPLICANT_ID))


def ask(client, case, kind, **details):
    client.post("/rights/", {"reference": case.display_reference, "phone": PHONE})
    client.post("/rights/code/", {"code": last_code(PHONE), "id_suffix": APPLICANT_ID[-6:]})
    client.post("/rights/ask/", {"kind": kind})
    return client.post("/rights/details/", details)


def test_the_first_page_explains_the_right_and_asks_two_things(client):
    page = client.get("/rights/").content.decode()
    assert "个人信息保护法" in page
    assert "第 1 步，共 4 步" in page


def test_a_relative_asks_for_a_copy_in_four_steps(client, case):
    response = ask(client, case, RequestKind.COPY)
    made = DataRequest.objects.get()
    assert response.url == f"/rights/{made.reference}/"
    page = client.get(response.url).content.decode()
    assert made.reference in page and "答复期限" in page


def test_a_correction_asks_what_is_wrong_and_keeps_the_answer_on_a_mistake(client, case):
    response = ask(client, case, RequestKind.CORRECTION, fact="", details="湖州市中心医院")
    page = response.content.decode()
    assert "请选择哪项信息有误" in page
    assert "湖州市中心医院" in page
    assert not DataRequest.objects.exists()


def test_the_wrong_id_number_end_is_said_in_words(client, case):
    client.post("/rights/", {"reference": case.display_reference, "phone": PHONE})
    page = client.post(
        "/rights/code/", {"code": last_code(PHONE), "id_suffix": "000000"}
    ).content.decode()
    assert "身份证号后六位不符" in page


def test_a_mistyped_reference_is_said_in_words(client):
    page = client.post("/rights/", {"reference": "ABCD", "phone": PHONE}).content.decode()
    assert 'role="alert"' in page
    assert not memory.outbox


def test_the_later_steps_send_an_unproven_visitor_back_to_the_start(client):
    assert client.get("/rights/ask/").url == "/rights/"


@pytest.fixture
def answered(case):
    made = DataRequestFactory(case=case)
    rights_answers.prepare_copy(made, by=data_protection_officer())
    made.refresh_from_db()
    return made


def test_another_browser_must_prove_who_it_is_before_the_answer(client, answered):
    page = client.get(f"/rights/{answered.reference}/").content.decode()
    assert "查看答复前，请先证明是您本人提出的申请" in page
    assert client.get(f"/rights/{answered.reference}/copy.pdf").status_code == 404


def test_the_relative_proves_again_and_downloads_the_copy(client, answered):
    path = f"/rights/{answered.reference}/"
    client.post(path, {"action": "send"})
    client.post(
        path, {"action": "verify", "code": last_code(PHONE), "id_suffix": APPLICANT_ID[-6:]}
    )
    page = client.get(path).content.decode()
    assert "下载信息副本（PDF）" in page
    response = client.get(f"{path}copy.pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(kind=AuditEventKind.DATA_COPY_DOWNLOADED).exists()


def test_a_refused_request_shows_why(client, case):
    made = DataRequestFactory(case=case, status=RequestStatus.REFUSED, answer="逝者生前另有安排")
    session = client.session
    session[f"rights-request:{made.reference}"] = 10**12
    session.save()
    page = client.get(f"/rights/{made.reference}/").content.decode()
    assert "逝者生前另有安排" in page and "未能办理" in page
