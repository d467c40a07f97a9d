"""Simplified Chinese first; every page has a link to the same page in English."""

import pytest

from demo.pages import seed_pages
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


FULL_WIDTH = set("（）：，；、。")


def visible_text(html):
    """The page's words, without markup, scripts or styles."""
    import re

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_english_pages_use_english_punctuation(client):
    """An English page shows no 、（）；：，。 — lists, asides and waits are
    punctuated in the reader's language (the case page with its consent
    panel and a wait on the heirs, the reply and rating pages, a form step)."""
    from cases.services.ratings import to_rate
    from tests.cases.helpers import complete, complete_everything, declare_sole_heir
    from tests.factories import applicant_data, submitted_case

    client.force_login(citizen("13912345678"))
    waiting = submitted_case(flags={"pension": True}, applicant=applicant_data(phone="13912345678"))
    declare_sole_heir(waiting)
    complete(waiting, "BD01", "H01")
    done = submitted_case(applicant=applicant_data(phone="13912345678"))
    complete_everything(done)
    done.refresh_from_db()
    assert to_rate(done)
    pages = [
        f"/en/cases/{waiting.reference}/",
        f"/en/cases/{waiting.reference}/withdraw/",
        f"/en/cases/{done.reference}/",
        f"/en/cases/{done.reference}/rate/",
        f"/en/cases/{done.reference}/found-later/",
    ]
    for url in pages:
        text = visible_text(client.get(url).content.decode())
        stray = FULL_WIDTH & set(text)
        assert not stray, f"{url}: {sorted(stray)} in {text[:0]}" + "".join(
            line for line in text.splitlines() if FULL_WIDTH & set(line)
        )
