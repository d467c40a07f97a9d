"""Pages and files with personal data are never kept by a browser or a proxy
(Cache-Control: no-store), while public guidance may be."""

import pytest

from cases.constants import Scenario
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def finished_case():
    case = submitted_case(Scenario.HOSPITAL, {}, applicant=applicant_data(phone=PHONE))
    complete_everything(case)
    case.refresh_from_db()
    return case


@pytest.mark.parametrize(
    "path",
    ["/cases/", "/cases/{ref}/", "/cases/{ref}/results/", "/cases/{ref}/results.pdf"],
)
def test_a_familys_pages_and_files_are_not_stored(family, finished_case, path):
    response = family.get(path.format(ref=finished_case.reference))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_certificate_downloaded_by_the_family_is_not_stored(family, finished_case):
    certificate = finished_case.certificates.first()
    response = family.get(f"/certificates/{certificate.serial}.pdf")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_heirs_personal_link_is_not_stored_even_unsigned(client):
    response = client.get("/delegations/not-a-real-token/")
    assert "no-store" in response["Cache-Control"]


def test_the_public_verification_form_is_not_marked(client):
    response = client.get("/verify/")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/apply/", "/verify/", "/admin/login/"])
def test_every_page_denies_the_browser_features_nobody_uses(client, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_a_relatives_request_page_is_not_stored_though_nobody_is_signed_in(client):
    from tests.factories import DataRequestFactory

    made = DataRequestFactory()
    session = client.session
    session[f"rights-request:{made.reference}"] = 10**12
    session.save()
    response = client.get(f"/rights/{made.reference}/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
