"""Guidance pages for anonymous visitors are kept whole and served without
a query, compressed, with public cache headers; publishing shows the new
text at once; a visitor with a session, and every page of the portal, is
served fresh."""

import gzip

import pytest

from content.models import ScenarioGuidePage
from tests.factories import citizen

pytestmark = pytest.mark.django_db

GUIDE = "/hospital/"


def test_a_second_anonymous_visit_to_a_guide_page_makes_no_query(
    demo_pages, client, django_assert_num_queries
):
    first = client.get(GUIDE)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(GUIDE)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_kept_page_is_sent_compressed_with_public_cache_headers(demo_pages, client):
    client.get(GUIDE)
    response = client.get(GUIDE, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "在医院" in gzip.decompress(response.content).decode()
    control = response["Cache-Control"]
    assert "public" in control and "max-age=300" in control
    assert "stale-while-revalidate=600" in control
    assert "Accept-Encoding" in response["Vary"]


def test_the_english_page_is_kept_apart_from_the_chinese(demo_pages, client):
    client.get(GUIDE)
    assert "Death in hospital" in client.get("/en" + GUIDE).content.decode()


def test_publishing_a_page_shows_the_new_text_on_the_next_visit(demo_pages, client):
    client.get(GUIDE)
    page = ScenarioGuidePage.objects.get(scenario="hospital", locale__language_code="zh-hans")
    page.title = "在医院内去世（已更新）"
    page.save_revision().publish()
    assert "已更新" in client.get(GUIDE).content.decode()


def test_a_visitor_with_a_session_is_served_fresh(demo_pages, client):
    client.force_login(citizen("13912345678"))
    client.get(GUIDE)
    response = client.get(GUIDE)
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_the_portals_pages_are_never_kept(demo_pages, client):
    client.get("/apply/")
    assert "X-Page-Cache" not in client.get("/apply/")


def test_a_head_request_is_answered_but_never_kept_for_the_gets(demo_pages, client):
    assert client.head(GUIDE).status_code == 200
    assert client.get(GUIDE)["X-Page-Cache"] == "miss"
