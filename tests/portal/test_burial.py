"""Ecological burial on the web: one question a page — which place, then
which niche or day — or "we do not want one"; what is booked shows on the
case page, and a place taken meanwhile is said plainly."""

import pytest

from cases.models import BookingStatus, BurialBooking, Case
from cases.services import burial
from tests.factories import (
    AreaFactory,
    BurialAwardFactory,
    BurialDayFactory,
    BurialNicheFactory,
    applicant_data,
    citizen,
    submitted_case,
)

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def case():
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def niche():
    niche = BurialNicheFactory(label="A区3排12号", site__name_zh="仁皇山公益性骨灰堂")
    BurialAwardFactory(amount=1000)
    return niche


def url(case, *rest):
    return "/".join([f"/cases/{case.reference}/burial", *map(str, rest)]) + "/"


def test_the_case_page_offers_the_choice(family, case, niche):
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert url(case) in page
    assert "可选" in page


def test_the_first_step_lists_the_countys_places_with_what_is_left_and_the_award(
    family, case, niche
):
    BurialDayFactory(capacity=4, site__name_zh="西塞山树葬园")
    page = family.get(url(case)).content.decode()
    assert page.count('type="radio"') == 2
    assert "仁皇山公益性骨灰堂" in page and "西塞山树葬园" in page
    assert "1,000" in page or "1000" in page
    assert "第 1 步" in page or "第1步" in page


def test_choosing_nothing_is_answered_in_words(family, case, niche):
    response = family.post(url(case), {})
    assert "请选择" in response.content.decode()
    assert not BurialBooking.objects.exists()


def test_a_niche_is_booked_in_two_steps_and_shows_on_the_case_page(family, case, niche):
    response = family.post(url(case), {"site": niche.site.pk})
    assert response.url == url(case, niche.site.pk)
    page = family.get(response.url).content.decode()
    assert "A区3排12号" in page
    response = family.post(url(case, niche.site.pk), {"niche": niche.pk}, follow=True)
    assert "A区3排12号" in response.content.decode()
    assert burial.choice_of(case).niche == niche
    assert case.tasks.filter(matter_code="C07").exists()


def test_a_day_is_booked_by_its_date(family, case):
    day = BurialDayFactory(capacity=4)
    family.post(url(case, day.site.pk), {"day": day.pk})
    assert burial.choice_of(case).day == day


def test_a_niche_taken_meanwhile_is_said_plainly_and_nothing_is_booked(family, case, niche):
    other = BurialNicheFactory(site=niche.site, label="A区3排13号")
    page_reading = family.get(url(case, niche.site.pk))
    assert "A区3排13号" in page_reading.content.decode()
    someone = submitted_case(applicant=applicant_data(phone="13800000001"))
    BurialBooking.objects.create(
        case=someone,
        status=BookingStatus.BOOKED,
        site=niche.site,
        niche=other,
        at=someone.submitted_at,
    )
    response = family.post(url(case, niche.site.pk), {"niche": other.pk})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert burial.choice_of(case) is None


def test_the_family_may_say_it_wants_none(family, case, niche):
    response = family.post(url(case), {"decline": "1"}, follow=True)
    assert burial.choice_of(case).status == BookingStatus.DECLINED
    assert "您已表示不需要" in response.content.decode()


def test_another_family_gets_not_found(client, case, niche):
    client.force_login(citizen("13800000000"))
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case, niche.site.pk), {"niche": niche.pk}).status_code == 404
    assert not BurialBooking.objects.exists()
