"""Ecological burial and public columbaria, booked in the same case.

The county of the deceased's village offers its sites (a columbarium by
niche; tree, lawn and sea burial by day, each day with its places). The
family books one on the case page or in the app, or says it wants none; a
booking brings matter C07 into the case, after the death is proven, and the
funeral home confirms it on the workbench. The county's award for the kind
chosen, by the rule in force on the day of the death, is paid with the
confirmation to the family's payee account and appears on the result list
like every other payment.

Capacity is held by the database (``cases.models.burial``): a niche by a
unique index on live bookings, a day by a conditional update that never
passes its places, so two families booking the last place at the same
moment cannot both get it."""

import dataclasses
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import CaseStatus, TaskStatus
from ..models import (
    AreaLevel,
    AuditEventKind,
    BookingStatus,
    BurialAward,
    BurialBooking,
    BurialDay,
    BurialNiche,
    BurialSite,
    Case,
    DepartmentTask,
    Matter,
)
from ..models.burial import LIVE_BOOKING
from .consent import consent_given, waits_for_heirs
from .contract import payee_account
from .found_later import join_case
from .heirs import ask_heirs_again
from .release import release_waiting
from .tasks import complete_task

BURIAL_MATTER = "C07"
# How far ahead a family is shown burial days, and how many niches to pick
# from (the columbarium's own order: the first free ones).
DAYS_AHEAD = 60
DAYS_SHOWN = 14
NICHES_SHOWN = 30


@dataclasses.dataclass
class Option:
    """A site the family may choose, with the award and what is left."""

    site: BurialSite
    award: Decimal | None
    places_left: int


def burial_matter():
    """The matter, when the catalogue offers it (an administrator may not)."""
    return Matter.objects.active().filter(code=BURIAL_MATTER, on_request=True).first()


def county_of(case):
    """The county of the deceased's village, or None when it is unknown."""
    area = case.village
    while area is not None and area.level != AreaLevel.COUNTY:
        area = area.parent
    return area


def award_for(county, kind, day):
    """The county's award for ``kind`` for a death on ``day``: the latest
    rule in force that day; None where the county pays none."""
    rule = (
        BurialAward.objects.filter(county=county, kind=kind, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
    return rule.amount if rule and rule.amount else None


def choice_of(case):
    """The family's standing choice: a live booking or "none wanted"."""
    return (
        BurialBooking.objects.filter(case=case)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("site", "niche", "day")
        .first()
    )


def may_choose(case):
    """Whether the family may still book (or decline) in this case: the rule
    ``book`` and ``decline`` apply, without its message."""
    try:
        _check_may_choose(case)
    except ValidationError:
        return False
    return True


def options_for(case, today=None):
    """The sites of the deceased's county (every county's when the village
    is unknown), those with a place left, with the award for each."""
    today = today or timezone.localdate()
    county = county_of(case)
    sites = BurialSite.objects.filter(active=True, county__active=True).select_related("county")
    if county is not None:
        sites = sites.filter(county=county)
    sites = list(sites)
    left_by_site = dict(
        _free(BurialNiche.objects.filter(site__in=sites))
        .values("site")
        .annotate(left=Count("pk"))
        .values_list("site", "left")
    )
    for day in _open_days(today).filter(site__in=sites):
        left_by_site[day.site_id] = left_by_site.get(day.site_id, 0) + day.places_left
    died = case.death_day
    options = []
    for site in sites:
        left = left_by_site.get(site.pk, 0)
        if left:
            options.append(Option(site, award_for(site.county, site.kind, died), left))
    return options


def _free(niches):
    """Those of ``niches`` offered and held by no live booking: one probe of
    the live-booking index per niche, however many cases there are."""
    held = BurialBooking.objects.filter(LIVE_BOOKING, niche=OuterRef("pk"))
    return niches.filter(active=True).filter(~Exists(held))


def _open_days(today):
    return BurialDay.objects.filter(
        date__gt=today,
        date__lte=today + datetime.timedelta(days=DAYS_AHEAD),
        booked__lt=F("capacity"),
    ).order_by("date")


def free_niches(site, limit=NICHES_SHOWN):
    return list(_free(BurialNiche.objects.filter(site=site)).order_by("label")[:limit])


def open_days(site, today=None, limit=DAYS_SHOWN):
    return list(_open_days(today or timezone.localdate()).filter(site=site)[:limit])


def book(case, site, *, niche=None, day=None, actor):
    """Book ``niche`` (a columbarium) or a place on ``day`` at ``site``; the
    booking's matter joins the case. Raises ValidationError with a message
    for the family when it cannot be had (taken a moment ago included)."""
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
        matter = _check_may_choose(case)
        if not site.active or not any(o.site.pk == site.pk for o in options_for(case)):
            raise ValidationError(_("This place is not offered for this case; choose another."))
        if site.by_niche:
            if niche is None or niche.site_id != site.pk or not niche.active:
                raise ValidationError({"niche": _("Choose a niche of this columbarium.")})
            day = None
        else:
            if day is None or day.site_id != site.pk or day.date <= timezone.localdate():
                raise ValidationError({"day": _("Choose one of the days shown.")})
            niche = None
            # The one statement that takes a place: it takes none when the
            # day is full, whoever booked it a moment ago.
            taken = BurialDay.objects.filter(pk=day.pk, booked__lt=F("capacity")).update(
                booked=F("booked") + 1
            )
            if not taken:
                raise ValidationError(
                    {"day": _("That day has just been fully booked; choose another day.")}
                )
        BurialBooking.objects.filter(case=case, status=BookingStatus.DECLINED).update(
            status=BookingStatus.CANCELLED
        )
        try:
            with transaction.atomic():
                booking = BurialBooking.objects.create(
                    case=case, status=BookingStatus.BOOKED, site=site, niche=niche, day=day, at=now
                )
        except IntegrityError:
            raise ValidationError(
                {"niche": _("Another family booked this niche a moment ago; choose another.")}
            ) from None
        _add_matter(case, matter, now, actor)
        record_event(
            AuditEventKind.BURIAL_BOOKED,
            actor=actor,
            case=case,
            subject=f"burial:{booking.pk}",
            site=site.pk,
        )
    return booking


def decline(case, *, actor):
    """The family wants no ecological burial or niche: said once, so that
    nobody asks again; they may still book later."""
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=case.pk)
        _check_may_choose(case)
        if choice_of(case) is None:
            BurialBooking.objects.create(
                case=case, status=BookingStatus.DECLINED, at=timezone.now()
            )
            record_event(AuditEventKind.BURIAL_DECLINED, actor=actor, case=case)


def _check_may_choose(case):
    if case.status not in (CaseStatus.IN_PROGRESS, CaseStatus.COMPLETED):
        raise ValidationError(_("This case is closed: nothing can be booked in it."))
    standing = choice_of(case)
    if standing is not None and standing.status != BookingStatus.DECLINED:
        raise ValidationError(_("A place is booked in this case already; the case page shows it."))
    matter = burial_matter()
    if matter is None:
        raise ValidationError(_("Ecological burial is not offered here at the moment."))
    if _confirmed_in_another_case(case):
        raise ValidationError(
            _(
                "A burial for this person was already confirmed, and its award paid, in an "
                "earlier case. Please call 12345 if something is wrong with it."
            )
        )
    return matter


def _confirmed_in_another_case(case):
    # The award is paid once per deceased (the payout constraint holds it);
    # a withdrawn case's confirmed burial stands.
    return (
        DepartmentTask.objects.filter(
            deceased_id_hash=case.deceased_id_hash,
            matter_code=BURIAL_MATTER,
            status=TaskStatus.COMPLETED,
        )
        .exclude(case=case)
        .exists()
    )


def _add_matter(case, matter, now, actor):
    """The booking's matter joins the case after what it waits for (the
    death certificate); a completed case is in progress again."""
    if case.tasks.filter(matter_code=matter.code).exists():
        raise ValidationError(_("A place is booked in this case already; the case page shows it."))
    task = DepartmentTask.for_matter(case, matter, status=TaskStatus.WAITING)
    join_case(case, [task], now, actor=actor)
    if task.requires_consent:
        # The award pays the heirs: what they agreed to did not name it.
        ask_heirs_again(case, now, actor=actor)
    waiting = DepartmentTask.objects.filter(pk=task.pk)
    release_waiting(case, waiting.select_related("matter").prefetch_related("depends_on"), now)


def release_places(case):
    """A withdrawn case, or a death reported in error, holds no place: its
    live booking is cancelled and a day's place given back to the next
    family. Call with the case row locked; an award already paid is among
    the payouts the reversal lists for return."""
    live = BurialBooking.objects.select_for_update(of=("self",)).filter(LIVE_BOOKING, case=case)
    for booking in live:
        if booking.day_id:
            BurialDay.objects.filter(pk=booking.day_id, booked__gt=0).update(booked=F("booked") - 1)
        booking.status = BookingStatus.CANCELLED
        booking.save(update_fields=["status"])


def confirm(task, *, by):
    """The funeral home confirms the booking: the task is done, with the
    place and the award paid to the family's account."""
    if task.matter_code != BURIAL_MATTER:
        raise ValidationError(_("Only an ecological burial booking is confirmed here."))
    if waits_for_heirs(task, consent_given(task.case)):
        raise ValidationError(
            _(
                "The award is paid to the heirs' payee: confirm once every heir has agreed "
                "(their answers are shown on this page)."
            )
        )
    with transaction.atomic():
        booking = (
            BurialBooking.objects.select_for_update(of=("self",))
            .filter(case=task.case_id, status=BookingStatus.BOOKED)
            .select_related("site__county", "niche", "day", "case__deceased")
            .first()
        )
        if booking is None:
            raise ValidationError(_("There is no booking waiting to be confirmed in this case."))
        case = booking.case
        award = award_for(booking.site.county, booking.site.kind, case.death_day)
        account = payee_account(case) if award else ""
        if award and not account:
            raise ValidationError(
                _(
                    "The family gave no account for the award: ask them for one "
                    "(Ask the family for something), then confirm."
                )
            )
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.confirmed_by = by
        booking.award = award
        booking.save(update_fields=["status", "confirmed_at", "confirmed_by", "award"])
        result = {
            "outcome": "done",
            "place": booking.place,
            "outcome_text": _place_text(booking, english=False),
            "outcome_text_en": _place_text(booking, english=True),
        }
        if award:
            result.update(amount=f"{award:.2f}", account=account)
        try:
            with transaction.atomic():
                task = complete_task(task, actor=by, result=result)
        except IntegrityError:
            # The payout constraint: this death's award was paid in another case.
            raise ValidationError(
                _("This person's burial award was already paid in another case.")
            ) from None
        record_event(
            AuditEventKind.BURIAL_CONFIRMED,
            actor=by,
            case=case,
            subject=f"burial:{booking.pk}",
        )
    return task


def _place_text(booking, english):
    site = booking.site
    name = (site.name_en or site.name_zh) if english else site.name_zh
    if booking.niche_id:
        if english:
            return f"niche {booking.niche.label} at {name} confirmed"
        return f"{name}{booking.niche.label}格位已确认"
    if english:
        return f"burial at {name} on {booking.day.date:%Y-%m-%d} confirmed"
    return f"{name}{booking.day.date:%Y年%m月%d日}安葬已确认"
