"""The demo's funeral homes, their published fee lists and the counties'
waivers of basic services (after Huzhou's published practice: transport,
cremation and a year's ash storage free, cold storage up to three days)."""

import datetime
from decimal import Decimal

from cases.models import Area, FeeItem, FeeList, FeeUnit, FeeWaiver, FuneralHome, FuneralService

IN_FORCE = datetime.date(2026, 3, 30)
# (county, 中文, English, address, phone)
HOMES = [
    ("330502", "湖州市殡仪馆", "Huzhou Funeral Home", "吴兴区西山漾路18号", "0572-2021234"),
    ("330503", "南浔区殡仪馆", "Nanxun Funeral Home", "南浔区息园路8号", "0572-3011234"),
]
# (kind, 中文, English, unit, price, basic)
S, U = FuneralService, FeeUnit
FEES = [
    (S.TRANSPORT, "遗体接运（市区）", "Body transport (city)", U.EACH, 300, True),
    (S.COLD_STORAGE, "遗体冷藏", "Cold storage", U.DAY, 100, True),
    (S.CREMATION, "遗体火化（平板炉）", "Cremation", U.EACH, 480, True),
    (S.ASH_STORAGE, "骨灰寄存", "Ash storage", U.YEAR, 100, True),
    (S.CARE, "遗体清洗、更衣、化妆", "Washing, dressing, make-up", U.EACH, 300, False),
    (S.FAREWELL_ROOM, "小型告别厅（1小时）", "Small farewell room (1 h)", U.EACH, 600, False),
    (S.URN, "普通骨灰盒", "Plain urn", U.PIECE, 200, False),
]
# (service, up to; None: all of it)
WAIVERS = [
    (FuneralService.TRANSPORT, None),
    (FuneralService.CREMATION, None),
    (FuneralService.COLD_STORAGE, Decimal(300)),
    (FuneralService.ASH_STORAGE, Decimal(100)),
]


def seed_fees():
    """Homes, one published list each and the waivers, once; return how many
    homes were added."""
    added = 0
    for county_code, name_zh, name_en, address, phone in HOMES:
        county = Area.objects.get(code=county_code)
        home, created = FuneralHome.objects.get_or_create(
            name_zh=name_zh,
            defaults={"county": county, "name_en": name_en, "address": address, "phone": phone},
        )
        added += created
        if created:
            fee_list = FeeList.objects.create(
                home=home, effective_from=IN_FORCE, live=True, approval="湖发改价〔2026〕12号"
            )
            FeeItem.objects.bulk_create(
                FeeItem(
                    fee_list=fee_list,
                    sort_order=order,
                    service=service,
                    name_zh=zh,
                    name_en=en,
                    unit=unit,
                    price=Decimal(price),
                    basic=basic,
                )
                for order, (service, zh, en, unit, price, basic) in enumerate(FEES)
            )
        for service, up_to in WAIVERS:
            FeeWaiver.objects.get_or_create(
                county=county, service=service, effective_from=IN_FORCE, defaults={"up_to": up_to}
            )
    return added
