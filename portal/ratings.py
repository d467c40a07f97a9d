"""政务服务"好差评" on the case page: the family rates each department of a
done case, one department per page, and reads the answers to poor ratings
(``cases.services.ratings``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import Channel
from cases.models import SatisfactionLevel
from cases.services.ratings import REASON_MAX_LENGTH, case_departments, may_rate, rate, to_rate

from .access import family_required
from .cases import _case_for


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with this department?"),
        choices=SatisfactionLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose one of the five levels.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        help_text=gettext_lazy(
            "Needed if you are dissatisfied: the department's supervisor reads it and answers you."
        ),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@family_required
def rate_department(request, reference):
    case = _case_for(request, reference)
    if not may_rate(request.user, case):
        return render(request, "portal/cases/rate.html", {"case": case, "closed": True})
    remaining = to_rate(case)
    if not remaining:
        return redirect("portal:case_detail", reference=case.reference)
    department = remaining[0]
    total = case_departments(case).count()
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            rate(
                case,
                department,
                form.cleaned_data["level"],
                form.cleaned_data["reason"],
                actor=request.user,
                channel=Channel.WEB,
            )
        except ValidationError as refused:
            # A refusal naming "level" or "reason" shows at that question.
            form.add_error(None, refused)
        else:
            if len(remaining) > 1:
                return redirect("portal:rate", reference=case.reference)
            messages.success(request, _("Thank you for rating the service."))
            return redirect("portal:case_detail", reference=case.reference)
    return render(
        request,
        "portal/cases/rate.html",
        {
            "case": case,
            "form": form,
            "department": department,
            "position": total - len(remaining) + 1,
            "total": total,
        },
    )
