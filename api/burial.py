"""Ecological burial in the app: the places offered to the case (each with
its niches or days) and the family's standing choice. The mutations that
book and decline are with the others (``api.mutations``); both sides call
``cases.services.burial``, as the portal does."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import BurialDay, BurialNiche, BurialSite
from cases.services import burial


class BurialNicheType(graphene.ObjectType):
    class Meta:
        name = "BurialNiche"

    id = graphene.ID(required=True)
    label = graphene.String(required=True, description="As on the wall: A区3排12号.")


class BurialDayType(graphene.ObjectType):
    class Meta:
        name = "BurialDay"

    id = graphene.ID(required=True)
    date = graphene.Date(required=True)
    places_left = graphene.Int(required=True)


class BurialOptionType(graphene.ObjectType):
    """A place the county offers this case, with something left."""

    class Meta:
        name = "BurialOption"

    site_id = graphene.ID(required=True)
    kind = graphene.String(required=True, description="columbarium, tree, sea or lawn.")
    kind_label = graphene.String(required=True)
    name = graphene.String(required=True)
    county = graphene.String(required=True)
    address = graphene.String(required=True)
    award = graphene.String(description="The county's award paid to the family, in yuan.")
    places_left = graphene.Int(required=True)
    niches = graphene.List(
        graphene.NonNull(BurialNicheType),
        required=True,
        description="A columbarium: the first free niches, to choose one.",
    )
    days = graphene.List(
        graphene.NonNull(BurialDayType),
        required=True,
        description="A tree, lawn or sea burial: the coming days with places.",
    )

    def resolve_site_id(option, info):
        return option.site.pk

    def resolve_kind(option, info):
        return option.site.kind

    def resolve_kind_label(option, info):
        return option.site.get_kind_display()

    def resolve_name(option, info):
        return option.site.name

    def resolve_county(option, info):
        return option.site.county.name

    def resolve_address(option, info):
        return option.site.address

    def resolve_award(option, info):
        return f"{option.award:.2f}" if option.award else None

    def resolve_niches(option, info):
        if not option.site.by_niche:
            return []
        return [BurialNicheType(id=n.pk, label=n.label) for n in burial.free_niches(option.site)]

    def resolve_days(option, info):
        if option.site.by_niche:
            return []
        return [
            BurialDayType(id=d.pk, date=d.date, places_left=d.places_left)
            for d in burial.open_days(option.site)
        ]


class BurialChoiceType(graphene.ObjectType):
    """What the family chose: a booking, or none wanted."""

    class Meta:
        name = "BurialChoice"

    status = graphene.String(required=True, description="booked, confirmed or declined.")
    status_label = graphene.String(required=True)
    place = graphene.String(required=True, description="The niche, or the site and day.")
    award = graphene.String(description="Once confirmed: the award paid, in yuan.")

    def resolve_status_label(booking, info):
        return booking.get_status_display()

    def resolve_award(booking, info):
        return f"{booking.award:.2f}" if booking.award else None


def place_to_book(site_id, niche_id=None, day_id=None):
    """The site and the niche or day the app names, as the service takes
    them; a number that is not one of them is refused in words."""
    site = BurialSite.objects.filter(pk=_number(site_id)).first()
    if site is None:
        raise ValidationError(_("This place is not offered for this case; choose another."))
    place = {}
    if niche_id:
        place["niche"] = BurialNiche.objects.filter(pk=_number(niche_id), site=site).first()
    if day_id:
        place["day"] = BurialDay.objects.filter(pk=_number(day_id), site=site).first()
    return site, place


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("This place is not offered for this case; choose another.")
        ) from None


class CaseBurialFields:
    """The case's burial fields (mixed into the Case type)."""

    burial = graphene.Field(
        BurialChoiceType,
        description="Ecological burial or a columbarium niche: the family's choice, if any.",
    )
    burial_options = graphene.List(
        graphene.NonNull(BurialOptionType),
        required=True,
        description="Places the family may book (empty once it booked one).",
    )

    def resolve_burial(case, info):
        return burial.choice_of(case)

    def resolve_burial_options(case, info):
        return burial.options_for(case) if burial.may_choose(case) else []
