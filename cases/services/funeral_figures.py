"""The funeral figures of the statistics (catalogue.md, "Funerals"): per
funeral home, the cases it served in the period, what it waived and what
civil affairs approved in its claims, and the family's average payment;
per county, the share of those cases with an ecological burial confirmed.
Shown to civil affairs (and administrators), who settle the waivers."""

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum

from ..models import (
    BookingStatus,
    BurialBooking,
    ClaimStatus,
    Department,
    FuneralBill,
    WaiverClaim,
)
from .claims import CIVIL_AFFAIRS


def funeral_figures(departments, start, end):
    """Rows by home: (home, county, cases, waived, claimed and approved,
    average paid by the family, ecological burials); [] unless civil
    affairs is among ``departments`` (ids)."""
    if not Department.objects.filter(pk__in=departments, code=CIVIL_AFFAIRS).exists():
        return []
    eco = BurialBooking.objects.filter(case=OuterRef("case"), status=BookingStatus.CONFIRMED)
    rows = (
        FuneralBill.objects.filter(priced_on__gte=start, priced_on__lte=end)
        .annotate(eco=Exists(eco))
        .values("home", "home__name_zh", "home__county__name")
        .annotate(
            cases=Count("pk"),
            waived=Sum("waived"),
            family_average=Avg("family_pays"),
            eco_burials=Count("pk", filter=Q(eco=True)),
        )
        .order_by("home__county__name", "home__name_zh")
    )
    claimed = dict(
        WaiverClaim.objects.filter(
            status=ClaimStatus.APPROVED,
            month__gte=start.replace(day=1),
            month__lte=end,
        )
        .values_list("home")
        .annotate(total=Sum("total"))
        .order_by()
    )
    return [
        {
            "home": row["home__name_zh"],
            "county": row["home__county__name"],
            "cases": row["cases"],
            "waived": row["waived"],
            "claimed": claimed.get(row["home"]) or 0,
            "family_average": round(row["family_average"] or 0, 2),
            "eco_burials": row["eco_burials"],
            "eco_share": round(row["eco_burials"] / row["cases"], 3) if row["cases"] else None,
        }
        for row in rows
    ]


HEADER = [
    "殡仪馆",
    "县区",
    "服务办件",
    "减免金额",
    "已审核申领",
    "家属平均支付",
    "生态安葬",
    "生态安葬占比",
]


def funeral_rows(figures):
    """The same figures as a table for the exports."""
    return [
        [
            "殡仪馆",
            "县区",
            "服务办件",
            "减免金额",
            "已审核申领",
            "家属平均支付",
            "生态安葬",
            "生态安葬占比",
        ],
        *[
            [
                row["home"],
                row["county"],
                row["cases"],
                row["waived"],
                row["claimed"],
                row["family_average"],
                row["eco_burials"],
                row["eco_share"] if row["eco_share"] is not None else "",
            ]
            for row in figures.funeral
        ],
    ]
