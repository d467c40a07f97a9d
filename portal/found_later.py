"""补办 from the case page: the family adds what it found later — a bank
account, a housing fund, an insurer — to the same case, one question on one
page (``cases.services.found_later``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.services.found_later import add_found_later, found_later_choices

from .access import family_required
from .cases import _case_for


class FoundLaterForm(forms.Form):
    item = forms.ChoiceField(
        label=gettext_lazy("What did you find?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what you found.")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (
                choice.flag,
                _("%(found)s: %(matters)s")
                % {
                    "found": choice.label,
                    "matters": _("; ").join(matter.name for matter in choice.matters),
                },
            )
            for choice in choices
        ]


@family_required
def found_later(request, reference):
    case = _case_for(request, reference)
    choices = found_later_choices(case)
    if not choices:
        return render(request, "portal/cases/found_later.html", {"case": case, "closed": True})
    # An empty answer is still an answer to say something about.
    form = FoundLaterForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            added = add_found_later(case, form.cleaned_data["item"], actor=request.user)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                _(
                    "Added to this case: %(matters)s. The departments have been told; you "
                    "will get an SMS at each step."
                )
                % {"matters": _("; ").join(task.matter_name for task in added)},
            )
            return redirect("portal:case_detail", reference=case.reference)
    return render(request, "portal/cases/found_later.html", {"case": case, "form": form})
