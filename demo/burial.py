"""The demo's ecological burial: what 吴兴区 and 南浔区 offer, with niches,
the coming burial days and the awards (amounts after the local practice
catalogue.md cites; a real county enters its own)."""

import datetime

from django.utils import timezone

from cases.models import Area, BurialAward, BurialDay, BurialKind, BurialNiche, BurialSite

# (county, kind, name_zh, name_en, address)
SITES = [
    (
        "330502",
        BurialKind.COLUMBARIUM,
        "仁皇山公益性骨灰堂",
        "Renhuang Hill public columbarium",
        "吴兴区仁皇山路88号",
    ),
    (
        "330502",
        BurialKind.TREE,
        "西塞山生态树葬园",
        "Xisai Hill tree burial ground",
        "吴兴区妙西镇西塞山",
    ),
    (
        "330502",
        BurialKind.SEA,
        "太湖骨灰撒散（集体仪式）",
        "Taihu Lake scattering (group ceremony)",
        "吴兴区太湖旅游度假区码头",
    ),
    ("330503", BurialKind.LAWN, "南浔草坪生态葬区", "Nanxun lawn burial ground", "南浔区息园"),
    (
        "330502",
        BurialKind.WALL,
        "仁皇山生态壁葬墙",
        "Renhuang Hill memorial wall",
        "吴兴区仁皇山路88号",
    ),
    (
        "330503",
        BurialKind.FLOWER_BED,
        "南浔花坛葬区",
        "Nanxun flower-bed burial ground",
        "南浔区息园",
    ),
    (
        "330503",
        BurialKind.NO_REMAINS,
        "息园骨灰撒散纪念园",
        "Xiyuan garden of remembrance",
        "南浔区息园",
    ),
]
# (county, kind, yuan): from the day the revised funeral rules came in force.
AWARDS = [
    ("330502", BurialKind.COLUMBARIUM, 1000),
    ("330502", BurialKind.TREE, 2000),
    ("330502", BurialKind.SEA, 3000),
    ("330502", BurialKind.WALL, 2000),
    ("330503", BurialKind.LAWN, 1500),
    ("330503", BurialKind.FLOWER_BED, 1500),
    ("330503", BurialKind.NO_REMAINS, 3000),
]
AWARDS_FROM = datetime.date(2026, 3, 30)
NICHE_ROWS, NICHES_PER_ROW = 5, 20
BURIAL_DAYS = 8  # a ceremony each Saturday for the next eight weeks


def seed_burial():
    """Sites, niches, days and awards, once; return how many sites were added."""
    added = 0
    for county_code, kind, name_zh, name_en, address in SITES:
        site, created = BurialSite.objects.get_or_create(
            name_zh=name_zh,
            defaults={
                "county": Area.objects.get(code=county_code),
                "kind": kind,
                "name_en": name_en,
                "address": address,
            },
        )
        added += created
        if not created:
            continue
        if site.by_niche:
            BurialNiche.objects.bulk_create(
                BurialNiche(site=site, label=f"A区{row}排{seat:02d}号")
                for row in range(1, NICHE_ROWS + 1)
                for seat in range(1, NICHES_PER_ROW + 1)
            )
        else:
            BurialDay.objects.bulk_create(
                BurialDay(site=site, date=day, capacity=12 if kind == BurialKind.SEA else 6)
                for day in _saturdays(BURIAL_DAYS)
            )
    for county_code, kind, amount in AWARDS:
        BurialAward.objects.get_or_create(
            county=Area.objects.get(code=county_code),
            kind=kind,
            effective_from=AWARDS_FROM,
            defaults={"amount": amount},
        )
    return added


def _saturdays(count):
    today = timezone.localdate()
    first = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    return [first + datetime.timedelta(weeks=n) for n in range(count)]
