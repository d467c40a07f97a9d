"""Anyone can check a certificate; only the family downloads it."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Certificate
from tests.cases.helpers import complete
from tests.factories import UserFactory, applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete(case, "BD01", "H01")
    return Certificate.objects.get()


def test_the_qr_address_says_valid_and_masks_the_deceased(client, certificate):
    page = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "有效" in page
    assert "王*" in page
    assert "王五" not in page


def test_an_unknown_serial_says_unknown(client, db):
    page = client.get("/verify/SH2026XXXXXXXXXX/").content.decode()
    assert "未查到" in page


def test_uploading_the_pdf_checks_its_signature(client, certificate):
    upload = SimpleUploadedFile("c.pdf", certificate.file.open().read())
    response = client.post("/verify/", {"document": upload})
    assert response.context["result"].status == "valid"


def test_a_revoked_certificate_says_revoked(client, certificate):
    from cases.services.certificates import revoke_certificate

    revoke_certificate(certificate, by=UserFactory(is_superuser=True), reason="错误")
    page = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "已撤销" in page


def test_the_case_page_offers_the_download_to_the_family(client, certificate):
    client.force_login(citizen("13912345678"))
    page = client.get(f"/cases/{certificate.case.reference}/").content.decode()
    assert f"/certificates/{certificate.serial}.pdf" in page
    response = client.get(f"/certificates/{certificate.serial}.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_another_family_cannot_download(client, certificate):
    client.force_login(citizen("13800000000"))
    assert client.get(f"/certificates/{certificate.serial}.pdf").status_code == 404


def test_the_app_lists_certificates_with_a_link_its_token_opens(client, certificate):
    from tests.api.conftest import app_token

    token = app_token(citizen("13912345678"))
    query = (
        "query($r: String!) { case(reference: $r) { certificates { serial name downloadUrl } } }"
    )
    body = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"r": certificate.case.reference}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    listed = body["data"]["case"]["certificates"][0]
    assert listed["serial"] == certificate.serial
    assert listed["name"] == "居民死亡医学证明(推断)书"
    response = client.get(listed["downloadUrl"], HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_a_malformed_number_is_told_it_is_not_a_certificate_number(client, db):
    page = client.post("/verify/", {"serial": "SH-2026/12"}).content.decode()
    assert "证书编号只包含字母和数字" in page
    assert "请填写证明编号" not in page
