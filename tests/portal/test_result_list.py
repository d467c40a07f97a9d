"""The result feedback list: issued once when everything is done, one line
per matter, as a page and a PDF, and announced by SMS."""

import pytest

from cases.constants import Scenario
from cases.models import SmsMessage
from cases.services.results import issue_result_list
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
R02 = {"outcome": "paid", "date": "2026-11-30", "amount": "5000.00", "account": "6222021234767890"}


@pytest.fixture
def finished_case():
    case = submitted_case(
        Scenario.HOSPITAL, {"pension": True}, applicant=applicant_data(phone=PHONE)
    )
    complete_everything(case, results={"R02": R02})
    case.refresh_from_db()
    return case


def test_the_list_is_issued_when_the_last_matter_is_done(finished_case):
    assert finished_case.result_list_issued_at is not None
    codes = [line["code"] for line in finished_case.result_list]
    assert codes == sorted(t.matter_code for t in finished_case.tasks.all())


def test_a_payment_line_names_the_amount_and_only_the_end_of_the_account(family, finished_case):
    page = family.get(f"/cases/{finished_case.reference}/results/").content.decode()
    assert "丧葬补助金已支付" in page
    assert "¥5000.00" in page
    assert "****7890" in page
    assert "6222021234767890" not in page
    assert "6222021234767890" not in str(finished_case.result_list)


def test_the_household_line_says_it_was_cancelled_and_when(family, finished_case):
    page = family.get(f"/cases/{finished_case.reference}/results/").content.decode()
    assert "户口已注销" in page


def test_the_list_is_announced_by_one_sms(finished_case):
    sent = SmsMessage.objects.filter(case=finished_case, template_code="case_completed")
    assert sent.count() == 1


def test_the_list_is_issued_once(finished_case):
    from django.utils import timezone

    issued, lines = finished_case.result_list_issued_at, finished_case.result_list
    assert issue_result_list(finished_case, timezone.now()) is False
    assert finished_case.result_list_issued_at == issued
    assert finished_case.result_list == lines


def test_before_completion_the_page_says_when_the_list_comes(family):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    page = family.get(f"/cases/{case.reference}/results/").content.decode()
    assert "全部事项办结后出具" in page
    assert family.get(f"/cases/{case.reference}/results.pdf").status_code == 404


def test_the_pdf_embeds_a_chinese_font(family, finished_case):
    response = family.get(f"/cases/{finished_case.reference}/results.pdf")
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert b"/FontFile2" in body  # the TrueType font travels with the file
    assert b"/ToUnicode" in body  # and its text can be searched and copied


def test_another_family_gets_not_found(client, finished_case):
    client.force_login(citizen("13800000000"))
    assert client.get(f"/cases/{finished_case.reference}/results/").status_code == 404
    assert client.get(f"/cases/{finished_case.reference}/results.pdf").status_code == 404


def test_the_pdf_is_sealed_and_the_verification_page_knows_it(family, finished_case):
    from cases.services.certificates import status_of_serial, verify_document

    response = family.get(f"/cases/{finished_case.reference}/results.pdf")
    body = b"".join(response.streaming_content)
    checked = verify_document(body)
    assert checked.status == "valid"
    assert status_of_serial(checked.certificate.serial).status == "valid"
    assert checked.certificate.case == finished_case


def test_the_sealed_list_is_made_once_and_downloaded_as_made(family, finished_case):
    first = b"".join(family.get(f"/cases/{finished_case.reference}/results.pdf").streaming_content)
    again = b"".join(family.get(f"/cases/{finished_case.reference}/results.pdf").streaming_content)
    assert first == again
    assert finished_case.sealed_result_lists.get().serial


def test_the_verification_page_names_the_result_list(client, family, finished_case):
    b"".join(family.get(f"/cases/{finished_case.reference}/results.pdf").streaming_content)
    serial = finished_case.sealed_result_lists.get().serial
    page = client.get(f"/verify/{serial}/").content.decode()
    assert "办结反馈清单" in page
