"""The payee's one agreement that overpaid benefits are deducted from the
same department's payments (``cases.services.offsets``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.roles import files_for_families
from cases.services import offsets

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
