"""A scheduled job: an heir who has not answered gets one reminder the day
before the request lapses; at expiry it lapses and the notary route opens."""

import datetime

from django.conf import settings
from django.db import transaction

from ..constants import CaseStatus
from ..models import Case, Delegation, DelegationStatus
from ..notifications import notify
from .heir_links import delegation_link
from .notary import settle


def remind_and_expire(now):
    """Scheduled: one reminder a day before a request expires; at expiry the
    request lapses and the notary route opens. Returns (reminded, expired)."""
    reminded = 0
    remind_from = now + datetime.timedelta(hours=settings.DELEGATION_REMINDER_HOURS_BEFORE)
    due_reminders = Delegation.objects.filter(
        status=DelegationStatus.PENDING,
        declaration__case__status=CaseStatus.IN_PROGRESS,
        reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=remind_from,
    ).select_related("declaration__case__deceased")
    for delegation in due_reminders:
        with transaction.atomic():
            case = delegation.declaration.case
            notify(
                "delegation_reminder",
                phone=delegation.phone,
                case=case,
                context={
                    "deceased": case.deceased.name,
                    "expires": delegation.expires_at,
                    "link": delegation_link(delegation.token),
                },
                dedupe_key=f"delegation:{delegation.pk}:reminder",
            )
            delegation.reminded_at = now
            delegation.save(update_fields=["reminded_at"])
            reminded += 1
    expired = 0
    lapsed = Delegation.objects.filter(
        status=DelegationStatus.PENDING,
        expires_at__lte=now,
        declaration__case__status=CaseStatus.IN_PROGRESS,
    )
    for delegation_id, case_id in lapsed.values_list("pk", "declaration__case_id"):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            delegation = Delegation.objects.select_for_update().get(pk=delegation_id)
            if delegation.status != DelegationStatus.PENDING:
                continue
            delegation.status = DelegationStatus.EXPIRED
            delegation.token = ""
            delegation.save(update_fields=["status", "token"])
            settle(case, delegation.declaration, now)
            expired += 1
    return reminded, expired
