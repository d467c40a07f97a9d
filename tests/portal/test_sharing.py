"""The family decides on the case page which body may read what, withdraws
it, and sees every read."""

import base64

import pytest

from cases.models import SharingConsent, SharingScope
from tests.factories import SHARING_SECRET, ReceivingBodyFactory, submitted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return submitted_case()


@pytest.fixture
def body():
    return ReceivingBodyFactory(scopes=[SharingScope.DEATH_FACTS, SharingScope.HEIRS_AND_CONSENTS])


def page_of(case):
    return f"/cases/{case.reference}/sharing/"


def test_the_case_page_leads_to_the_choice(family, case):
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert page_of(case) in page


def test_the_family_allows_a_body_to_read_what_it_ticks(family, case, body):
    family.post(page_of(case), {"body": body.pk, "action": "grant", "scopes": ["death-facts"]})
    consent = SharingConsent.objects.get(case=case, body=body, withdrawn_at__isnull=True)
    assert consent.scopes == ["death-facts"]
    page = family.get(page_of(case)).content.decode()
    assert "checked" in page and "湖州市不动产登记中心" in page


def test_allowing_nothing_is_said_in_words_and_nothing_is_kept(family, case, body):
    response = family.post(page_of(case), {"body": body.pk, "action": "grant"}, follow=True)
    assert "请至少选择一项" in response.content.decode()
    assert not SharingConsent.objects.exists()


def test_the_family_withdraws_and_the_consent_is_kept_as_withdrawn(family, case, body):
    family.post(page_of(case), {"body": body.pk, "action": "grant", "scopes": ["death-facts"]})
    family.post(page_of(case), {"body": body.pk, "action": "withdraw"})
    consent = SharingConsent.objects.get(case=case, body=body)
    assert consent.withdrawn_at is not None


def test_the_family_sees_who_read_what_and_when(family, client, case, body):
    family.post(page_of(case), {"body": body.pk, "action": "grant", "scopes": ["death-facts"]})
    credentials = base64.b64encode(f"{body.application.client_id}:{SHARING_SECRET}".encode())
    access = client.post(
        "/share/oauth/token/",
        {"grant_type": "client_credentials", "scope": "death-facts"},
        HTTP_AUTHORIZATION=f"Basic {credentials.decode()}",
    ).json()["access_token"]
    client.get(
        f"/share/v1/cases/{case.reference}/death-facts/",
        HTTP_AUTHORIZATION=f"Bearer {access}",
    )
    page = family.get(page_of(case)).content.decode()
    assert "湖州市不动产登记中心 查询了逝者身份和死亡信息" in page


def test_another_family_cannot_open_the_page(client, case, body):
    from tests.factories import citizen

    client.force_login(citizen("13700001111"))
    assert client.get(page_of(case)).status_code == 404
