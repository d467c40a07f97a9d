"""Ecological burial and public columbaria (节地生态安葬, 公益性骨灰堂): what
each county offers, its capacity, the family's booking in the case and the
award the county pays for it.

Capacity lives in the database so that it holds under concurrent bookings:
a niche is held by at most one live booking (a partial unique index), and a
burial day's count never passes its capacity (a check constraint, raised
only by a conditional update)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .catalogue import BilingualNameMixin
from .network import AreaLevel


class BurialKind(models.TextChoices):
    COLUMBARIUM = "columbarium", _("A niche in a public columbarium")
    TREE = "tree", _("Tree burial")
    SEA = "sea", _("Sea burial")
    LAWN = "lawn", _("Lawn burial")
    FLOWER_BED = "flower_bed", _("Flower-bed burial")
    WALL = "wall", _("A niche in a memorial wall")
    # The ashes are scattered in the site's garden of remembrance: nothing
    # is kept, and the award is the highest (Qinghai's ¥3,000, say).
    NO_REMAINS = "no_remains", _("No remains kept (ashes scattered)")


# A columbarium is booked by niche; the others by the day of the ceremony,
# each day with its places.
BOOKED_BY_NICHE = frozenset({BurialKind.COLUMBARIUM, BurialKind.WALL})


class BurialSite(BilingualNameMixin, models.Model):
    """A place a county offers: a public columbarium, a tree or lawn burial
    ground, the sea burial the county holds on set days."""

    county = models.ForeignKey(
        "cases.Area",
        on_delete=models.PROTECT,
        related_name="burial_sites",
        limit_choices_to={"level": AreaLevel.COUNTY},
        verbose_name=_("county"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BurialKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["county__code", "kind", "name_zh"]
        verbose_name = _("burial site")
        verbose_name_plural = _("burial sites")

    def __str__(self):
        return self.name

    @property
    def by_niche(self):
        return self.kind in BOOKED_BY_NICHE


class BurialNiche(models.Model):
    site = models.ForeignKey(BurialSite, on_delete=models.PROTECT, related_name="niches")
    label = models.CharField(_("niche"), max_length=40, help_text=_("As on the wall: A区3排12号."))
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["site", "label"]
        constraints = [
            models.UniqueConstraint(fields=["site", "label"], name="one_niche_per_label"),
        ]
        verbose_name = _("columbarium niche")
        verbose_name_plural = _("columbarium niches")

    def __str__(self):
        return f"{self.site} {self.label}"


class BurialDay(models.Model):
    """A day a tree, lawn or sea burial is held at a site, and its places."""

    site = models.ForeignKey(BurialSite, on_delete=models.PROTECT, related_name="days")
    date = models.DateField(_("date"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    # Only cases.services.burial changes it, by a conditional update.
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)

    class Meta:
        ordering = ["site", "date"]
        constraints = [
            models.UniqueConstraint(fields=["site", "date"], name="one_burial_day_per_date"),
            models.CheckConstraint(
                condition=models.Q(booked__lte=models.F("capacity")),
                name="burial_day_never_oversold",
            ),
        ]
        verbose_name = _("burial day")
        verbose_name_plural = _("burial days")

    def __str__(self):
        return f"{self.site} {self.date:%Y-%m-%d}"

    @property
    def places_left(self):
        return max(self.capacity - self.booked, 0)


class BurialAward(models.Model):
    """The county's award for an ecological burial (生态安葬奖补), by kind,
    from a date: a death on or after ``effective_from`` gets this amount
    until a later row replaces it."""

    county = models.ForeignKey(
        "cases.Area",
        on_delete=models.PROTECT,
        related_name="burial_awards",
        limit_choices_to={"level": AreaLevel.COUNTY},
        verbose_name=_("county"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BurialKind.choices)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=8, decimal_places=2)
    effective_from = models.DateField(_("for deaths from"))

    class Meta:
        ordering = ["county__code", "kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "kind", "effective_from"], name="one_award_per_day"
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="award_not_negative"),
        ]
        verbose_name = _("ecological burial award")
        verbose_name_plural = _("ecological burial awards")

    def __str__(self):
        return f"{self.county} {self.get_kind_display()} ¥{self.amount}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked, waiting for the funeral home to confirm")
    CONFIRMED = "confirmed", _("Confirmed by the funeral home")
    DECLINED = "declined", _("Not wanted")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_BOOKING = models.Q(status__in=[BookingStatus.BOOKED, BookingStatus.CONFIRMED])


class BurialBooking(models.Model):
    """The family's choice in the case: a niche or a burial day booked, or
    "we do not want one" (declined, no site)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="burials")
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices)
    site = models.ForeignKey(
        BurialSite, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    niche = models.ForeignKey(
        BurialNiche, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    day = models.ForeignKey(
        BurialDay, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    at = models.DateTimeField(_("chosen at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    # The award as confirmed (the county's rule for the date of death).
    award = models.DecimalField(
        _("award (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-at"]
        constraints = [
            # Never two families in one niche.
            models.UniqueConstraint(
                fields=["niche"],
                condition=LIVE_BOOKING & models.Q(niche__isnull=False),
                name="one_live_booking_per_niche",
            ),
            # One standing choice per case (a booking, or "not wanted").
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(
                    status__in=[
                        BookingStatus.BOOKED,
                        BookingStatus.CONFIRMED,
                        BookingStatus.DECLINED,
                    ]
                ),
                name="one_burial_choice_per_case",
            ),
        ]
        verbose_name = _("burial booking")
        verbose_name_plural = _("burial bookings")

    def __str__(self):
        return f"{self.case} {self.get_status_display()}"

    @property
    def place(self):
        """Where and when, in words: the niche, or the day."""
        if self.niche_id:
            return f"{self.site} {self.niche.label}"
        if self.day_id:
            return f"{self.site} {self.day.date:%Y-%m-%d}"
        return ""
