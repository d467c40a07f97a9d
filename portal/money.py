"""Money on the case page: the payee's one agreement that overpaid benefits
are deducted from the same department's payments (``cases.services.offsets``),
and the banks' statements of the months before the death
(``cases.services.statements``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.roles import files_for_families
from cases.services import offsets, statements

from .access import family_required
from .cases import _case_for


@require_POST
@family_required
def agree_offset(request, reference):
    case = _case_for(request, reference)
    # The payee agrees; staff who filed for the family cannot do it for them.
    if not files_for_families(request.user) and offsets.may_agree(case):
        offsets.agree(case, actor=request.user)
        messages.success(
            request,
            _("Agreed. What was paid after the death is deducted from the payments."),
        )
    return redirect("portal:case_detail", reference=case.reference)


@require_POST
@family_required
def request_statements(request, reference):
    case = _case_for(request, reference)
    # The heirs' choice: staff who filed for the family cannot make it.
    if files_for_families(request.user):
        raise Http404
    try:
        statements.request(case, actor=request.user)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(
            request,
            _("Asked. Each bank that holds accounts sends the statement with its answer."),
        )
    return redirect("portal:case_detail", reference=case.reference)
