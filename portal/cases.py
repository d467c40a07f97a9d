"""My cases and the case page: what each department is doing, what is
needed from the family, and the documents handed in."""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext_lazy

from cases.constants import RESOLVED_TASK_STATUSES, TaskStatus, family_state
from cases.masking import mask_name
from cases.models import CaseDocument, Reversal
from cases.references import parse_reference
from cases.roles import files_for_families
from cases.services import burial, fees, offsets, statements
from cases.services.access import cases_visible_to
from cases.services.consent import waits_for_heirs
from cases.services.materials import ANSWERABLE
from cases.services.notary import consent_status
from cases.services.ratings import may_rate, ratings_of, to_rate
from cases.services.withdrawal import may_withdraw
from forms.models import Draft

from .access import family_required


@family_required
def case_list(request):
    """Each case with its deceased (masked for staff who file for families:
    the screen may be seen by others) and what it waits on — the family,
    something outside the departments, or the departments until a date."""
    for_staff = files_for_families(request.user)
    cases = list(
        cases_visible_to(request.user)
        .select_related("deceased")
        .annotate(
            needs_you=Count(
                "tasks",
                filter=Q(tasks__status__in=ANSWERABLE),
            )
        )
        .order_by("-submitted_at")
    )
    for case in cases:
        case.deceased_shown = mask_name(case.deceased.name) if for_staff else case.deceased.name
    drafts = Draft.objects.in_progress().filter(owner=request.user)
    return render(
        request,
        "portal/cases/list.html",
        {"cases": cases, "drafts": drafts, "for_staff": for_staff},
    )


def _case_for(request, reference):
    # An unknown reference and someone else's case look the same: 404.
    try:
        reference = parse_reference(reference)
    except ValidationError:
        raise Http404 from None
    return get_object_or_404(
        cases_visible_to(request.user).select_related("deceased", "applicant", "assistant"),
        reference=reference,
    )


# Each status a task passed through, as the family reads it on the case page.
HISTORY_WORDS = {
    TaskStatus.WAITING: gettext_lazy("Waiting for an earlier step"),
    TaskStatus.READY: gettext_lazy("Sent to the department"),
    TaskStatus.IN_PROGRESS: gettext_lazy("Taken up by the department"),
    TaskStatus.AWAITING_MATERIALS: gettext_lazy("Something was asked of you"),
    TaskStatus.COMPLETED: gettext_lazy("Done"),
    TaskStatus.NOT_APPLICABLE: gettext_lazy("Not applicable"),
    TaskStatus.REJECTED: gettext_lazy("Could not be done"),
}


@family_required
def case_detail(request, reference):
    case = _case_for(request, reference)
    tasks = list(
        case.tasks.select_related("department")
        .prefetch_related("depends_on", "status_changes")
        .order_by("ready_at", "matter_code")
    )
    by_id = {task.pk: task for task in tasks}
    consent = consent_status(case, tasks) if any(task.requires_consent for task in tasks) else None
    for task in tasks:
        task.family_state = family_state(task.status)
        task.steps = [
            (change.at, HISTORY_WORDS[change.to_status], change.reason)
            for change in task.status_changes.all()
        ]
        task.waiting_for_heirs = consent is not None and waits_for_heirs(task, consent["given"])
        task.waiting_for = [
            by_id[d.pk] for d in task.depends_on.all() if d.status not in RESOLVED_TASK_STATUSES
        ]
    needs_you = [t for t in tasks if t.family_state == "needs_you"]
    return render(
        request,
        "portal/cases/detail.html",
        {
            "case": case,
            "tasks": tasks,
            "needs_you": needs_you,
            "consent": consent,
            "documents": case.documents.all(),
            "certificates": case.certificates.select_related("department"),
            "may_withdraw": not files_for_families(request.user) and may_withdraw(case),
            "reversal": Reversal.objects.filter(case=case).select_related("department").first(),
            "english": get_language() == "en",
            "ratings": ratings_of(case),
            "to_rate": len(to_rate(case)) if may_rate(request.user, case) else 0,
            "to_return": offsets.to_return(case),
            "may_agree_offset": not files_for_families(request.user) and offsets.may_agree(case),
            "awaiting_offset": offsets.awaiting_agreement(case),
            "statements": statements.for_family(case),
            "funeral_bill": fees.bill_of(case),
            "may_choose_services": fees.may_choose(case) and bool(fees.homes_for(case)),
            "may_request_statements": not files_for_families(request.user)
            and statements.may_request(case),
            "burial_choice": burial.choice_of(case),
            "may_book_burial": not files_for_families(request.user) and burial.may_choose(case),
        },
    )


@family_required
def document_download(request, reference, document_id):
    case = _case_for(request, reference)
    document = get_object_or_404(CaseDocument, pk=document_id, case=case)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name or f"document-{document.pk}",
        content_type=document.content_type,
    )
