"""The demo's banks and insurers: each a department under the finance group
with its own clerks, and the registry's people listing where they held
accounts and policies (so that a case gets one task per bank)."""

from cases.constants import ProfileFlag
from cases.models import Department, DepartmentKind
from cases.services.institutions import open_institution
from demo.registry.models import DemoRegistryPerson

BANKS = [
    ("icbc-hz", "中国工商银行湖州分行", "ICBC Huzhou Branch", "0572-2101234"),
    ("abc-hz", "中国农业银行湖州分行", "Agricultural Bank of China, Huzhou", "0572-2102345"),
    ("hzbank", "湖州银行", "Bank of Huzhou", "0572-2103456"),
    ("psbc-hz", "中国邮政储蓄银行湖州市分行", "Postal Savings Bank of China, Huzhou", ""),
]
INSURERS = [
    ("chinalife-hz", "中国人寿湖州分公司", "China Life, Huzhou", "0572-2104567"),
    ("pingan-hz", "中国平安人寿湖州中心支公司", "Ping An Life, Huzhou", ""),
]


def seed_finance():
    """Banks and insurers, and who held what (each listed person gets two or
    three banks and one insurer, by their place in the list); return how
    many institutions were added."""
    kinds = (DepartmentKind.FINANCIAL_INSTITUTION, DepartmentKind.INSURER)
    before = Department.objects.filter(kind__in=kinds).count()
    for kind, institutions in zip(kinds, (BANKS, INSURERS), strict=True):
        for code, name_zh, name_en, phone in institutions:
            open_institution(code, name_zh, name_en, kind, phone=phone)
    for n, person in enumerate(DemoRegistryPerson.objects.order_by("pk")):
        changed = []
        if person.banks is None and person.flags.get(ProfileFlag.BANK_ACCOUNTS):
            person.banks = [code for code, *_ in BANKS][n % 2 : n % 2 + 2 + n % 2]
            changed.append("banks")
        if person.insurers is None and person.flags.get(ProfileFlag.COMMERCIAL_INSURANCE):
            person.insurers = [INSURERS[n % len(INSURERS)][0]]
            changed.append("insurers")
        if changed:
            person.save(update_fields=changed)
    return Department.objects.filter(kind__in=kinds).count() - before
