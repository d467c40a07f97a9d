"""Banks and insurers answer for themselves (catalogue.md: one notice, every
bank). Each is a department of its kind under the finance group, with its
own clerks and connector; a case gets one deposit task (B01) per bank and
one insurance notice (B02) per insurer the shared registry lists for the
deceased. Where the registry lists none, the finance group's own task
remains, as before: it searches and answers for all of them."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from ..banksearch.service import search_banks
from ..constants import ProfileFlag
from ..models import Department, DepartmentKind
from ..registry.base import RegistryUnavailable
from ..registry.service import FOUND_LATER, lookup_person

# The matters handled by each institution of a kind, and the registry's
# list that names them.
PER_INSTITUTION = {
    "B01": (DepartmentKind.FINANCIAL_INSTITUTION, "banks"),
    "B02": (DepartmentKind.INSURER, "insurers"),
}


def banks_of(record, profile, id_number):
    """The banks the deceased held accounts at: the registry's list, else,
    for a deceased with deposits, the cross-bank search's; None when
    neither knows (the finance group's own task then searches)."""
    if record is not None and record.banks is not None:
        return tuple(record.banks)
    if not profile.get(ProfileFlag.BANK_ACCOUNTS):
        return None
    return search_banks(id_number) or None


def departments_for(matter, record, banks=None):
    """The departments that each get a task of ``matter`` for a deceased with
    the registry ``record`` (and ``banks`` from ``banks_of``): the banks (or
    insurers) listed that the catalogue knows, in their order; else the
    matter's own department."""
    kind, listed = PER_INSTITUTION.get(matter.code, (None, None))
    if kind == DepartmentKind.FINANCIAL_INSTITUTION:
        codes = banks  # the registry's list or the search's (banks_of)
    else:
        codes = getattr(record, listed, None) if kind and record is not None else None
    if not codes:
        return [matter.department]
    known = {
        department.code: department
        for department in Department.objects.filter(code__in=codes, kind=kind)
    }
    found = [known[code] for code in dict.fromkeys(codes) if code in known]
    return found or [matter.department]


def for_found_later(case, flag, *, actor):
    """(record, banks) for a fact found later that brings a bank's or an
    insurer's matter: the registry's record and the banks, looked up now
    (an access event); (None, None) for any other fact or when the registry
    cannot answer — the finance group's task then, as at submission."""
    if flag not in (ProfileFlag.BANK_ACCOUNTS, ProfileFlag.COMMERCIAL_INSURANCE):
        return None, None
    id_number = case.deceased.id_number
    try:
        record = lookup_person(id_number, purpose=FOUND_LATER, actor=actor, case=case)
    except RegistryUnavailable:
        record = None
    return record, banks_of(record, {**case.profile, flag: True}, id_number)


def admin_group(name):
    """A staff group whose members may open the admin (finer permissions
    come with the features that need them), as migration 0003 makes them."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


@transaction.atomic
def open_institution(code, name_zh, name_en, kind, *, within="finance", phone=""):
    """A bank or insurer as a department under the finance group, with its
    clerks' and supervisors' groups; the existing one when ``code`` is."""
    department, created = Department.objects.get_or_create(
        code=code,
        defaults={
            "name_zh": name_zh,
            "name_en": name_en,
            "kind": kind,
            "parent": Department.objects.filter(code=within).first(),
            "public_phone": phone,
        },
    )
    if created:
        department.clerk_group = admin_group(f"{name_zh} · 办事员")
        department.supervisor_group = admin_group(f"{name_zh} · 主管")
        department.save(update_fields=["clerk_group", "supervisor_group"])
    return department
