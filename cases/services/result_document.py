"""The result feedback list (办结反馈清单) as the family keeps it: a PDF in
the language they applied in, naming the deceased, sealed by the lead
department like the six certificates, with a serial and a QR code that the
public verification page checks. Sealed once per issue of the list, when the
case is complete (again after a matter found later, which supersedes the
earlier list); the page and the app read the frozen lines, the download is
this file."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import Case, Department, SealedResultList
from ..pdf import layouts
from . import fees
from .certificates import new_serial, sign_pdf, verification_url
from .results import family_reads_english, shown_lines


def seal_result_list(case_id):
    """Seal the issued list of ``case_id``, once per issue; return it (None
    while the list is not issued)."""
    case = Case.objects.select_related("deceased").get(pk=case_id)
    if case.result_list_issued_at is None:
        return None
    this_issue = SealedResultList.objects.filter(
        case=case, list_issued_at=case.result_list_issued_at
    )
    existing = this_issue.first()
    if existing is not None:
        return existing
    department = Department.objects.get(code=settings.RESULT_LIST_SEAL_DEPARTMENT)
    now = timezone.now()
    serial = new_serial(timezone.localdate(now))
    with translation.override("en" if family_reads_english(case) else "zh-hans"):
        document = _render(case, department, serial, now)
    signed = sign_pdf(document, department.code, "办结反馈清单")
    try:
        with transaction.atomic():
            sealed = SealedResultList.objects.create(
                serial=serial,
                case=case,
                list_issued_at=case.result_list_issued_at,
                department=department,
                file=ContentFile(signed, name=f"{serial}.pdf"),
                sha256=hashlib.sha256(signed).hexdigest(),
                issued_at=now,
            )
            # The earlier issues no longer count: /verify/ says replaced.
            SealedResultList.objects.filter(
                case=case, superseded_at__isnull=True, list_issued_at__lt=sealed.list_issued_at
            ).update(superseded_at=now)
            return sealed
    except IntegrityError:
        # Two workers sealed the same list at once: the first one stands.
        return this_issue.get()


def _render(case, department, serial, now):
    english = translation.get_language() == "en"
    issued = timezone.localtime(case.result_list_issued_at)
    facts = [
        [_("Deceased"), case.deceased.name],
        [_("Case"), case.display_reference],
        [_("Issued on"), issued.strftime("%Y-%m-%d %H:%M")],
        [_("List number"), serial],
    ]
    lines = [
        [line["matter"], line["department"], line["text"]]
        for line in shown_lines(case.result_list, english)
    ]
    # The funeral bill, fixed once the funeral home completed the booking.
    bill = fees.bill_of(case)
    if bill is not None:
        lines.append(
            [_("Funeral services and their cost"), bill.home.name, fees.bill_sentence(bill)]
        )
    return layouts.result_list(facts, lines, url=verification_url(serial), seal=department.name_zh)
