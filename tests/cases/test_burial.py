"""Ecological burial and public columbaria, booked in the same case: the
county's sites with places left, the booking bringing matter C07 after the
death certificate, the funeral home's confirmation paying the county's award
for the day of the death, and capacity that is never oversold."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import CaseStatus, TaskStatus
from cases.models import (
    AuditEvent,
    AuditEventKind,
    BookingStatus,
    BurialBooking,
    BurialKind,
    Case,
    DepartmentTask,
)
from cases.services import burial, reversal, workbench
from cases.services.consent import current_declaration
from cases.services.contract import contract_for
from cases.services.heirs import DECLARATION_VERSION, declare_heirs
from cases.services.results import result_lines
from cases.services.withdrawal import withdraw_case
from tests.factories import (
    NO_FLAGS,
    AreaFactory,
    BurialAwardFactory,
    BurialBookingFactory,
    BurialDayFactory,
    BurialNicheFactory,
    BurialSiteFactory,
    applicant_data,
    deceased_data,
    heir_data,
    submitted_case,
)
from tests.staff import department_member, staff_login

from .helpers import complete, complete_everything, declare_sole_heir, task

pytestmark = pytest.mark.django_db

ACCOUNT = "6222020200112733445"


def case_in_wuxing(**kwargs):
    """A hospital case whose deceased lived in a village of 吴兴区."""
    case = submitted_case(applicant=applicant_data(bank_account=ACCOUNT), **kwargs)
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    return case


def book_niche(case, site, niche=None):
    """The family books a niche and, the award paying the heirs, declares the
    applicant the only heir (so the award is not held for consent)."""
    burial.book(case, site, niche=niche or site.niches.first(), actor=None)
    declare_sole_heir(case, payee_account=ACCOUNT)


@pytest.fixture
def columbarium():
    niche = BurialNicheFactory(label="A区3排12号")
    BurialNicheFactory(site=niche.site, label="A区3排13号")
    return niche.site


@pytest.fixture
def clerk():
    return department_member("civil_affairs")


def test_the_matter_is_not_part_of_a_new_case():
    case = case_in_wuxing()
    assert not case.tasks.filter(matter_code=burial.BURIAL_MATTER).exists()


def test_the_family_is_offered_its_countys_sites_with_places_left(columbarium):
    BurialDayFactory(capacity=3)
    full = BurialDayFactory(capacity=1, site=BurialSiteFactory(tree=True, name_zh="满了的树葬园"))
    BurialBookingFactory(niche=None, site=full.site, day=full)
    full.booked = 1
    full.save()
    BurialNicheFactory(site=BurialSiteFactory(county=AreaFactory(town=True).parent))
    options = {o.site.name_zh: o.places_left for o in burial.options_for(case_in_wuxing())}
    assert options == {columbarium.name_zh: 2, "吴兴区第2树葬园": 3}


def test_every_countys_sites_are_offered_when_the_village_is_unknown(columbarium):
    elsewhere = BurialNicheFactory(site=BurialSiteFactory(county=AreaFactory(town=True).parent))
    case = submitted_case()
    sites = {option.site for option in burial.options_for(case)}
    assert sites == {columbarium, elsewhere.site}


def test_a_booked_niche_is_no_longer_free(columbarium):
    BurialBookingFactory(niche=columbarium.niches.get(label="A区3排12号"))
    assert [n.label for n in burial.free_niches(columbarium)] == ["A区3排13号"]
    assert burial.options_for(case_in_wuxing())[0].places_left == 1


def test_the_award_is_the_countys_rule_in_force_on_the_day_of_death(columbarium):
    BurialAwardFactory(amount=1000, effective_from=datetime.date(2026, 1, 1))
    BurialAwardFactory(amount=1500, effective_from=timezone.localdate())
    county = columbarium.county
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert burial.award_for(county, BurialKind.COLUMBARIUM, yesterday) == Decimal("1000")
    assert burial.award_for(county, BurialKind.COLUMBARIUM, timezone.localdate()) == 1500
    assert burial.award_for(county, BurialKind.SEA, yesterday) is None


def test_booking_a_niche_brings_the_matter_after_the_death_certificate(columbarium):
    case = case_in_wuxing()
    niche = columbarium.niches.first()
    booking = burial.book(case, columbarium, niche=niche, actor=None)
    assert booking.status == BookingStatus.BOOKED
    added = task(case, burial.BURIAL_MATTER)
    assert added.status == TaskStatus.WAITING
    # P01 does not apply: it stands for what it waits for (the identity check).
    assert {d.matter_code for d in added.depends_on.all()} == {"BD01", "H01"}
    declare_sole_heir(case, payee_account=ACCOUNT)  # the award pays the heirs
    complete(case, "BD01", "H01")
    assert task(case, burial.BURIAL_MATTER).status == TaskStatus.READY
    assert AuditEvent.objects.filter(case=case, kind=AuditEventKind.BURIAL_BOOKED).exists()


def test_a_niche_another_family_booked_is_refused_with_a_message(columbarium):
    niche = columbarium.niches.first()
    burial.book(case_in_wuxing(), columbarium, niche=niche, actor=None)
    other = case_in_wuxing()
    with pytest.raises(ValidationError) as refused:
        burial.book(other, columbarium, niche=niche, actor=None)
    assert "另一户家庭" in str(refused.value)
    assert not other.tasks.filter(matter_code=burial.BURIAL_MATTER).exists()


def test_a_place_on_a_burial_day_is_counted():
    day = BurialDayFactory(capacity=2)
    burial.book(case_in_wuxing(), day.site, day=day, actor=None)
    day.refresh_from_db()
    assert (day.booked, day.places_left) == (1, 1)


def test_a_full_burial_day_is_refused_and_nothing_is_kept():
    day = BurialDayFactory(capacity=1)
    burial.book(case_in_wuxing(), day.site, day=day, actor=None)
    late = case_in_wuxing()
    with pytest.raises(ValidationError):
        burial.book(late, day.site, day=day, actor=None)
    day.refresh_from_db()
    assert day.booked == 1
    assert not BurialBooking.objects.filter(case=late).exists()


def test_a_day_today_or_past_cannot_be_booked():
    day = BurialDayFactory(date=timezone.localdate())
    with pytest.raises(ValidationError):
        burial.book(case_in_wuxing(), day.site, day=day, actor=None)


def test_a_site_of_another_county_is_not_offered_to_this_case():
    far = BurialNicheFactory(site=BurialSiteFactory(county=AreaFactory(town=True).parent))
    with pytest.raises(ValidationError):
        burial.book(case_in_wuxing(), far.site, niche=far, actor=None)


def test_declining_is_said_once_and_the_family_may_still_book(columbarium):
    case = case_in_wuxing()
    burial.decline(case, actor=None)
    burial.decline(case, actor=None)
    assert burial.choice_of(case).status == BookingStatus.DECLINED
    assert BurialBooking.objects.filter(case=case).count() == 1
    assert burial.may_choose(case)
    book_niche(case, columbarium)
    assert burial.choice_of(case).status == BookingStatus.BOOKED
    assert not burial.may_choose(case)


def test_a_case_books_once(columbarium):
    case = case_in_wuxing()
    first, second = columbarium.niches.all()
    burial.book(case, columbarium, niche=first, actor=None)
    with pytest.raises(ValidationError):
        burial.book(case, columbarium, niche=second, actor=None)


def test_a_completed_case_is_in_progress_again_when_the_family_books(columbarium):
    case = case_in_wuxing()
    complete_everything(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    book_niche(case, columbarium)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert task(case, burial.BURIAL_MATTER).status == TaskStatus.READY


def test_a_withdrawn_case_cannot_book(columbarium):
    case = case_in_wuxing()
    withdraw_case(case, actor=None, reason="申请有误")
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        book_niche(case, columbarium)


def test_the_funeral_home_sees_the_booking_in_the_task(columbarium):
    case = case_in_wuxing()
    book_niche(case, columbarium)
    contract = contract_for(task(case, burial.BURIAL_MATTER))
    parts = {p.name: p.value for item in contract.items for p in item.parts}
    assert parts["site"] == columbarium.name_zh
    assert parts["niche"] == "A区3排12号"
    assert parts["account"] == ACCOUNT


def test_confirming_completes_the_case_and_pays_the_award_to_the_payee_account(columbarium, clerk):
    BurialAwardFactory(amount=1000)
    case = case_in_wuxing()
    book_niche(case, columbarium)
    complete(case, "BD01", "H01")
    workbench.perform("confirm_burial", task(case, burial.BURIAL_MATTER), clerk, {})
    complete_everything(case)
    done = task(case, burial.BURIAL_MATTER)
    assert done.status == TaskStatus.COMPLETED
    assert (done.result["amount"], done.result["account"]) == ("1000.00", ACCOUNT)
    assert burial.choice_of(case).status == BookingStatus.CONFIRMED
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    line = next(li for li in result_lines(case.tasks.all()) if li["code"] == "C07")
    assert line["amount"] == "1000.00"
    assert "A区3排12号" in line["outcome_zh"]
    assert line["account"] != ACCOUNT  # masked on the list


def test_without_an_award_nothing_is_paid_and_no_account_is_needed(columbarium, clerk):
    case = submitted_case()
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    book_niche(case, columbarium)
    complete(case, "BD01", "H01")
    burial.confirm(task(case, burial.BURIAL_MATTER), by=clerk)
    assert "amount" not in task(case, burial.BURIAL_MATTER).result


def test_the_general_completion_is_not_offered_for_a_booking(columbarium, clerk):
    case = case_in_wuxing()
    book_niche(case, columbarium)
    complete(case, "BD01", "H01")
    booking_task = task(case, burial.BURIAL_MATTER)
    assert not workbench.move_offered("complete", booking_task)
    with pytest.raises(ValidationError):
        workbench.perform("complete", booking_task, clerk, {})


def test_only_civil_affairs_confirms(columbarium):
    case = case_in_wuxing()
    book_niche(case, columbarium)
    complete(case, "BD01", "H01")
    with pytest.raises(PermissionDenied):
        workbench.perform(
            "confirm_burial", task(case, burial.BURIAL_MATTER), department_member("hrss"), {}
        )


def booked_and_ready(columbarium):
    case = case_in_wuxing()
    book_niche(case, columbarium)
    complete(case, "BD01", "H01")
    return task(case, burial.BURIAL_MATTER)


def test_the_workbench_offers_the_confirmation_not_the_completion_form(client, columbarium, clerk):
    staff_login(client, clerk)
    page = client.get(f"/admin/workbench/{booked_and_ready(columbarium).pk}/").content.decode()
    assert 'value="confirm_burial"' in page
    assert 'value="complete"' not in page
    assert "A区3排12号" in page


def test_the_clerk_confirms_on_the_workbench(client, columbarium, clerk):
    staff_login(client, clerk)
    booking_task = booked_and_ready(columbarium)
    response = client.post(f"/admin/workbench/{booking_task.pk}/", {"action": "confirm_burial"})
    assert response.status_code == 302
    booking_task.refresh_from_db()
    assert booking_task.status == TaskStatus.COMPLETED
    assert AuditEvent.objects.filter(kind=AuditEventKind.BURIAL_CONFIRMED, actor=clerk).exists()


def test_withdrawing_the_case_gives_the_day_place_back():
    day = BurialDayFactory(capacity=1)
    case = case_in_wuxing()
    burial.book(case, day.site, day=day, actor=None)
    withdraw_case(case, actor=None, reason="申请有误")
    day.refresh_from_db()
    assert day.booked == 0
    assert BurialBooking.objects.get(case=case).status == BookingStatus.CANCELLED
    burial.book(case_in_wuxing(), day.site, day=day, actor=None)  # the next family gets it


def test_a_death_reported_in_error_frees_the_niche(columbarium):
    case = case_in_wuxing()
    niche = columbarium.niches.first()
    burial.book(case, columbarium, niche=niche, actor=None)
    complete(case, "BD01", "H01")
    reversal.open_reversal(case, by=department_member("health", supervisor=True), reason="本人健在")
    assert niche in burial.free_niches(columbarium)


# The award is a payout like the others: heirs' consent, once per deceased ---


def test_the_award_waits_for_the_heirs_consent(columbarium, clerk):
    BurialAwardFactory(amount=1000)
    case = case_in_wuxing()
    burial.book(case, columbarium, niche=columbarium.niches.first(), actor=None)
    complete(case, "BD01", "H01")
    booking_task = task(case, burial.BURIAL_MATTER)
    assert booking_task.requires_consent and booking_task.status == TaskStatus.WAITING
    with pytest.raises(ValidationError, match="继承人"):
        burial.confirm(booking_task, by=clerk)
    declare_sole_heir(case, payee_account=ACCOUNT)
    assert burial.confirm(task(case, burial.BURIAL_MATTER), by=clerk).status == (
        TaskStatus.COMPLETED
    )


def test_the_heirs_are_asked_about_the_award(columbarium):
    case = case_in_wuxing(flags=NO_FLAGS | {"pension": True})
    declaration = declare_heirs(
        case,
        heirs=[heir_data(1)],
        payee_name=case.applicant.name,
        payee_account=ACCOUNT,
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    burial.book(case, columbarium, niche=columbarium.niches.first(), actor=None)
    asked = current_declaration(case)
    assert asked.version == declaration.version + 1  # the booking came after they answered
    matters = [m["code"] for m in asked.delegations.get().authorized["matters"]]
    assert burial.BURIAL_MATTER in matters


def test_a_burial_confirmed_in_a_withdrawn_case_is_not_booked_again(columbarium, clerk):
    BurialAwardFactory(amount=1000)
    first = case_in_wuxing()
    book_niche(first, columbarium)
    complete(first, "BD01", "H01")
    burial.confirm(task(first, burial.BURIAL_MATTER), by=clerk)
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.WITHDRAWN)
    again = case_in_wuxing()
    Case.objects.filter(pk=again.pk).update(deceased_id_hash=first.deceased_id_hash)
    again.refresh_from_db()
    assert not burial.may_choose(again)
    with pytest.raises(ValidationError, match="12345"):
        book_niche(again, columbarium, columbarium.niches.last())


def test_the_award_is_paid_once_per_deceased_even_if_the_rule_is_bypassed(columbarium, clerk):
    BurialAwardFactory(amount=1000)
    first = case_in_wuxing()
    book_niche(first, columbarium)
    complete(first, "BD01", "H01")
    burial.confirm(task(first, burial.BURIAL_MATTER), by=clerk)
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.WITHDRAWN)
    again = case_in_wuxing(deceased=deceased_data(2))
    book_niche(again, columbarium, columbarium.niches.last())
    complete(again, "BD01", "H01")
    # The first case's death turns out to be this one's (a corrected ID number).
    Case.objects.filter(pk=again.pk).update(deceased_id_hash=first.deceased_id_hash)
    DepartmentTask.objects.filter(case=again).update(deceased_id_hash=first.deceased_id_hash)
    with pytest.raises(ValidationError, match="已在另一办件中发放"):
        burial.confirm(task(again, burial.BURIAL_MATTER), by=clerk)
    assert task(again, burial.BURIAL_MATTER).status != TaskStatus.COMPLETED
