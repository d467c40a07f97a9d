"""Ecological burial in the app: the same service as the portal — the
places with their niches or days, booking one, or saying none is wanted."""

import pytest

from cases.models import BookingStatus, BurialBooking, Case
from tests.api.operations import operation
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

OPTIONS = operation("BurialOptions")
BOOK = operation("BookBurial")
DECLINE = operation("DeclineBurial")


@pytest.fixture
def case():
    case = submitted_case(applicant=applicant_data(phone="13912345678"))
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    return case


@pytest.fixture
def niche():
    BurialAwardFactory(amount=1500)
    return BurialNicheFactory(label="A区3排12号")


def test_the_app_lists_the_places_with_their_niches_days_and_award(api, family_token, case, niche):
    day = BurialDayFactory(capacity=3)
    body = api(OPTIONS, {"reference": case.reference}, token=family_token)
    options = {o["kind"]: o for o in body["data"]["case"]["burialOptions"]}
    assert options["columbarium"]["award"] == "1500.00"
    assert options["columbarium"]["niches"] == [{"id": str(niche.pk), "label": "A区3排12号"}]
    assert options["tree"]["days"] == [
        {"id": str(day.pk), "date": day.date.isoformat(), "placesLeft": 3}
    ]
    assert body["data"]["case"]["burial"] is None


def test_the_app_books_a_niche(api, family_token, case, niche):
    variables = {"reference": case.reference, "siteId": niche.site.pk, "nicheId": niche.pk}
    body = api(BOOK, variables, token=family_token)
    booked = body["data"]["bookBurial"]["case"]
    assert booked["burial"]["status"] == BookingStatus.BOOKED
    assert "A区3排12号" in booked["burial"]["place"]
    assert "C07" in [t["matterCode"] for t in booked["tasks"]]


def test_a_niche_of_another_site_or_a_word_for_a_number_is_a_validation_error(
    api, family_token, case, niche
):
    elsewhere = BurialNicheFactory()
    for variables in (
        {"siteId": niche.site.pk, "nicheId": elsewhere.pk},
        {"siteId": "x", "nicheId": niche.pk},
        {"siteId": niche.site.pk},
    ):
        body = api(BOOK, {"reference": case.reference, **variables}, token=family_token)
        assert body["errors"][0]["extensions"]["code"] == "invalid", variables
    assert not BurialBooking.objects.exists()


def test_the_app_says_none_is_wanted(api, family_token, case, niche):
    body = api(DECLINE, {"reference": case.reference}, token=family_token)
    assert body["data"]["declineBurial"]["case"]["burial"]["status"] == BookingStatus.DECLINED


def test_another_familys_case_is_not_found(api, case, niche):
    from tests.api.conftest import app_token

    variables = {"reference": case.reference, "siteId": niche.site.pk, "nicheId": niche.pk}
    body = api(BOOK, variables, token=app_token(citizen("13800000009")))
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    assert not BurialBooking.objects.exists()
