"""The monthly waiver claims (catalogue.md, "Funerals"): what each funeral
home claims from civil affairs for the basic services it waived, so the
family never pays them first.

A claim gathers the cases of one home whose waiver (C06) was completed in
one month (Beijing's month): each case with the services waived and the
amount, as the bill had them. Civil affairs prepares it — again, as often
as needed, until it is approved — and a supervisor approves it; approved,
it is what finance pays and it cannot change. Each bill is claimed once."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..constants import TaskStatus
from ..models import ClaimStatus, Department, FuneralBill, WaiverClaim, WaiverClaimLine
from ..roles import is_supervisor
from .fees import WAIVER_MATTER

CIVIL_AFFAIRS = "civil_affairs"


def month_bounds(month):
    """The first instant of ``month`` and of the next, in Beijing's time."""
    first = month.replace(day=1)
    days = calendar.monthrange(first.year, first.month)[1]
    following = first + datetime.timedelta(days=days)
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(first, datetime.time(), tzinfo=zone),
        datetime.datetime.combine(following, datetime.time(), tzinfo=zone),
    )


def waived_in(home, month):
    """The bills of ``home`` whose waiver was completed in ``month``."""
    start, end = month_bounds(month)
    return (
        FuneralBill.objects.filter(
            home=home,
            waived__gt=0,
            case__tasks__matter_code=WAIVER_MATTER,
            case__tasks__status=TaskStatus.COMPLETED,
            case__tasks__completed_at__gte=start,
            case__tasks__completed_at__lt=end,
        )
        .select_related("case")
        .prefetch_related("lines")
        .order_by("pk")
        .distinct()
    )


def may_claim(user):
    """A supervisor of civil affairs (or an administrator)."""
    department = Department.objects.filter(code=CIVIL_AFFAIRS).first()
    return department is not None and is_supervisor(user, department)


def _check_may(user):
    if not may_claim(user):
        raise PermissionDenied(
            _("Only a supervisor of civil affairs prepares and approves claims.")
        )


def prepare(home, month, *, by):
    """The home's claim for ``month``, (re)built from the cases; refused
    once approved."""
    _check_may(by)
    month = month.replace(day=1)
    with transaction.atomic():
        claim, _created = WaiverClaim.objects.select_for_update().get_or_create(
            home=home, month=month, defaults={"prepared_at": timezone.now()}
        )
        if claim.status == ClaimStatus.APPROVED:
            raise ValidationError(_("This claim is approved: it cannot change."))
        claim.lines.all().delete()
        lines = []
        for bill in waived_in(home, month).exclude(claim_lines__claim__status=ClaimStatus.APPROVED):
            waiver = bill.case.tasks.get(matter_code=WAIVER_MATTER)
            lines.append(
                WaiverClaimLine(
                    claim=claim,
                    bill=bill,
                    reference=bill.case.display_reference,
                    waived_on=timezone.localdate(waiver.completed_at),
                    services=[
                        {
                            "name": line.name_zh,
                            "quantity": line.quantity,
                            "waived": f"{line.waived}",
                        }
                        for line in bill.lines.all()
                        if line.waived
                    ],
                    amount=bill.waived,
                )
            )
        WaiverClaimLine.objects.bulk_create(lines)
        claim.total = sum((line.amount for line in lines), 0)
        claim.prepared_at = timezone.now()
        claim.save(update_fields=["total", "prepared_at"])
    return claim


def approve(claim, *, by):
    _check_may(by)
    with transaction.atomic():
        claim = WaiverClaim.objects.select_for_update().get(pk=claim.pk)
        if claim.status == ClaimStatus.APPROVED:
            raise ValidationError(_("This claim is approved already."))
        if not claim.lines.exists():
            raise ValidationError(_("This claim has no case: there is nothing to approve."))
        claim.status = ClaimStatus.APPROVED
        claim.approved_at = timezone.now()
        claim.approved_by = by
        claim.save(update_fields=["status", "approved_at", "approved_by"])
    return claim


def table(claim):
    """The claim as rows for finance: a header, a row per case, the total."""
    rows = [["办件编号", "减免日期", "减免项目", "减免金额（元）"]]
    for line in claim.lines.all():
        services = "、".join(f"{s['name']}×{s['quantity']} ¥{s['waived']}" for s in line.services)
        rows.append([line.reference, line.waived_on.isoformat(), services, float(line.amount)])
    rows.append(["合计", "", f"{len(rows) - 1}件", float(claim.total)])
    return rows
