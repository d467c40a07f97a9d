"""Simplified Chinese first; every page has a link to the same page in English."""

import pytest

from content.demo import seed_pages
from tests.factories import citizen

pytestmark = pytest.mark.django_db


def test_pages_are_in_chinese_by_default_whatever_the_browser_asks(client):
    page = client.get("/apply/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-Hans">' in page
    assert "一次申请，全部办好" in page


def test_the_switch_leads_to_the_same_page_in_english_and_back(client):
    page = client.get("/apply/").content.decode()
    assert 'href="/en/apply/" lang="en" hreflang="en">English</a>' in page
    english = client.get("/en/apply/").content.decode()
    assert '<html lang="en">' in english
    assert "Apply once for everything" in english
    assert 'href="/apply/" lang="zh-Hans" hreflang="zh-hans">简体中文</a>' in english


def test_a_guide_switches_to_its_english_translation(client):
    seed_pages()
    page = client.get("/home/").content.decode()
    assert 'href="/en/home/"' in page
    assert "Death at home or in a care home" in client.get("/en/home/").content.decode()


def test_the_case_pages_work_in_english(client):
    from tests.factories import applicant_data, submitted_case

    client.force_login(citizen("13912345678"))
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    page = client.get(f"/en/cases/{case.reference}/").content.decode()
    assert f"Case {case.display_reference}" in page
    assert "Progress of each matter" in page
