"""The family withdraws a case from its page: one page that says what will
happen, asks why (optional), and asks once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.roles import files_for_families
from cases.services.withdrawal import may_withdraw, withdraw_case

from .access import family_required
from .cases import _case_for


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@family_required
def withdraw(request, reference):
    case = _case_for(request, reference)
    # The family withdraws; staff who filed for them cannot do it for them.
    if files_for_families(request.user) or not may_withdraw(case):
        return render(request, "portal/cases/withdraw.html", {"case": case, "closed": True})
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdraw_case(case, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request, _("The case is withdrawn. Every department has been told to stop.")
            )
            return redirect("portal:case_detail", reference=case.reference)
    return render(request, "portal/cases/withdraw.html", {"case": case, "form": form})
