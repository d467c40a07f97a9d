"""Funeral fees by the 2026 《殡葬管理条例》: each funeral home charges only
what its published fee list names, at the listed price; the county waives
basic services, fully or up to an amount, and the funeral home claims the
waiver from civil affairs — the family never pays it first.

A fee list is a version: the prices from one date. Administrators of civil
affairs edit it as a draft, it is published after review (a Wagtail
workflow), and every revision is kept. A case's bill copies the prices of
the list in force on its booking day, so a later list changes nothing."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from .catalogue import BilingualNameMixin, in_active_language
from .network import AreaLevel


class FuneralService(models.TextChoices):
    """The kinds of service a county may waive; anything else is "other"."""

    TRANSPORT = "transport", _("Body transport")
    COLD_STORAGE = "cold_storage", _("Cold storage")
    CREMATION = "cremation", _("Cremation")
    ASH_STORAGE = "ash_storage", _("Ash storage")
    FAREWELL_ROOM = "farewell_room", _("Farewell room")
    URN = "urn", _("Urn")
    CARE = "care", _("Washing, dressing and make-up")
    OTHER = "other", _("Other service")


class FeeUnit(models.TextChoices):
    EACH = "each", _("each time")
    DAY = "day", _("per day")
    YEAR = "year", _("per year")
    PIECE = "piece", _("per piece")


class FuneralHome(BilingualNameMixin, models.Model):
    county = models.ForeignKey(
        "cases.Area",
        on_delete=models.PROTECT,
        related_name="funeral_homes",
        limit_choices_to={"level": AreaLevel.COUNTY},
        verbose_name=_("county"),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("public phone"), max_length=30, blank=True)
    active = models.BooleanField(_("in service"), default=True)

    class Meta:
        ordering = ["county__code", "name_zh"]
        verbose_name = _("funeral home")
        verbose_name_plural = _("funeral homes")

    def __str__(self):
        return self.name


class FeeList(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """A funeral home's published prices from ``effective_from``."""

    home = models.ForeignKey(
        FuneralHome, on_delete=models.PROTECT, related_name="fee_lists", verbose_name=_("home")
    )
    effective_from = models.DateField(_("in force from"))
    # The price authority's approval, as printed on the published list.
    approval = models.CharField(_("price approval document"), max_length=100, blank=True)

    class Meta:
        ordering = ["home", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["home", "effective_from"], name="one_list_per_day"),
        ]
        verbose_name = _("funeral fee list")
        verbose_name_plural = _("funeral fee lists")

    def __str__(self):
        return f"{self.home} {self.effective_from:%Y-%m-%d}"


class FeeItem(Orderable):
    fee_list = ParentalKey(FeeList, on_delete=models.CASCADE, related_name="items")
    service = models.CharField(_("kind"), max_length=20, choices=FuneralService.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=FeeUnit.choices)
    price = models.DecimalField(_("price (yuan)"), max_digits=8, decimal_places=2)
    basic = models.BooleanField(
        _("basic service"), default=False, help_text=_("A basic public service the county waives.")
    )

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gte=0), name="fee_not_negative"),
        ]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self):
        return self.name_zh

    @property
    def name(self):
        return in_active_language(self.name_zh, self.name_en)


class FeeWaiver(models.Model):
    """What a county waives of a basic service from a date: all of it, or
    up to an amount per case."""

    county = models.ForeignKey(
        "cases.Area",
        on_delete=models.PROTECT,
        related_name="fee_waivers",
        limit_choices_to={"level": AreaLevel.COUNTY},
        verbose_name=_("county"),
    )
    service = models.CharField(_("service"), max_length=20, choices=FuneralService.choices)
    up_to = models.DecimalField(
        _("up to (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the whole price is waived."),
    )
    effective_from = models.DateField(_("in force from"))

    class Meta:
        ordering = ["county__code", "service", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "service", "effective_from"], name="one_waiver_per_day"
            ),
        ]
        verbose_name = _("basic service waiver")
        verbose_name_plural = _("basic service waivers")

    def __str__(self):
        return f"{self.county} {self.get_service_display()}"


class FuneralBill(models.Model):
    """The services a case booked, at the prices of its booking day."""

    wagtail_reference_index_ignore = True

    # One bill per case: a foreign key with a unique constraint (the audit
    # log reads a case's reverse one-to-ones on every write).
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="funeral_bills")
    home = models.ForeignKey(FuneralHome, on_delete=models.PROTECT, related_name="bills")
    fee_list = models.ForeignKey(FeeList, on_delete=models.PROTECT, related_name="bills")
    priced_on = models.DateField(_("priced on"))
    total = models.DecimalField(_("total (yuan)"), max_digits=10, decimal_places=2)
    waived = models.DecimalField(_("waived (yuan)"), max_digits=10, decimal_places=2)
    family_pays = models.DecimalField(_("family pays (yuan)"), max_digits=10, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case"], name="one_bill_per_case"),
            models.CheckConstraint(
                condition=models.Q(family_pays=models.F("total") - models.F("waived")),
                name="bill_adds_up",
            ),
        ]
        indexes = [models.Index(fields=["home", "priced_on"])]
        verbose_name = _("funeral bill")
        verbose_name_plural = _("funeral bills")

    def __str__(self):
        return f"bill {self.pk}"


class BillLine(models.Model):
    bill = models.ForeignKey(FuneralBill, on_delete=models.CASCADE, related_name="lines")
    service = models.CharField(max_length=20, choices=FuneralService.choices)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    unit = models.CharField(max_length=10, choices=FeeUnit.choices)
    unit_price = models.DecimalField(max_digits=8, decimal_places=2)
    quantity = models.PositiveSmallIntegerField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    basic = models.BooleanField(default=False)
    waived = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(waived__gte=0, waived__lte=models.F("amount")),
                name="waiver_within_line",
            ),
        ]

    def __str__(self):
        return f"{self.name_zh} × {self.quantity}"

    @property
    def name(self):
        return in_active_language(self.name_zh, self.name_en)

    @property
    def family_pays(self):
        return self.amount - self.waived


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared, to be approved")
    APPROVED = "approved", _("Approved")


class WaiverClaim(models.Model):
    """What one funeral home claims from civil affairs for one month: the
    basic services waived in the cases whose waiver (C06) was completed
    that month. Approved, it is what finance pays, and it does not change."""

    home = models.ForeignKey(
        FuneralHome, on_delete=models.PROTECT, related_name="claims", verbose_name=_("home")
    )
    month = models.DateField(_("month"), help_text=_("Its first day."))
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    total = models.DecimalField(_("total (yuan)"), max_digits=12, decimal_places=2, default=0)
    prepared_at = models.DateTimeField(_("prepared at"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-month", "home"]
        constraints = [
            models.UniqueConstraint(fields=["home", "month"], name="one_claim_per_home_month"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(approved_at__isnull=False),
                name="approved_claim_has_its_time",
            ),
        ]
        verbose_name = _("waiver claim")
        verbose_name_plural = _("waiver claims")

    def __str__(self):
        return f"{self.home} {self.month:%Y-%m}"


class WaiverClaimLine(models.Model):
    claim = models.ForeignKey(WaiverClaim, on_delete=models.CASCADE, related_name="lines")
    # A case's waiver is claimed once, in one month's claim.
    bill = models.ForeignKey(FuneralBill, on_delete=models.PROTECT, related_name="claim_lines")
    reference = models.CharField(max_length=20)
    waived_on = models.DateField()
    # The services waived, as the bill had them: [{"name", "quantity", "waived"}].
    services = models.JSONField(default=list)
    amount = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["waived_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["bill"], name="one_claim_line_per_bill")]

    def __str__(self):
        return f"{self.reference} ¥{self.amount}"
