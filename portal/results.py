"""The result feedback list of a completed case: the page, and the sealed
PDF the family keeps (``cases.services.result_document``)."""

from django.shortcuts import render
from django.utils.translation import get_language

from cases.services import fees, offsets
from cases.services.result_document import seal_result_list
from cases.services.results import lines_added_since, shown_lines, total_received
from web.downloads import private_pdf_download

from .access import family_required
from .cases import _case_for


def _page(request, case, *, status=200):
    english = get_language() == "en"
    lines = shown_lines(case.result_list, english) if case.result_list_issued_at else []
    return render(
        request,
        "portal/cases/results.html",
        {
            "case": case,
            "lines": lines,
            "added": lines_added_since(case, english),
            "to_return": offsets.to_return(case),
            "total": total_received(case.result_list),
            "funeral_bill": fees.bill_of(case),
        },
        status=status,
    )


@family_required
def result_list(request, reference):
    return _page(request, _case_for(request, reference))


@family_required
def result_list_pdf(request, reference):
    case = _case_for(request, reference)
    if case.result_list_issued_at is None:
        return _page(request, case, status=404)
    # Sealed by the worker when the case completed; a list issued before
    # lists were sealed, or one the worker has not reached yet, is sealed
    # now (once: the same frozen lines give the same list).
    sealed = seal_result_list(case.pk)
    return private_pdf_download(sealed.file, f"办结反馈清单-{case.reference}.pdf")
