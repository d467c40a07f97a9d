"""Ecological burial on the case page, one question a page: which place
(the county's sites with places left and the award for each), then which
niche or day; or "we do not want one" (``cases.services.burial``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.roles import files_for_families
from cases.services import burial

from .access import family_required
from .cases import _case_for

STEPS = 2


class SiteForm(forms.Form):
    site = forms.ChoiceField(
        label=gettext_lazy("Which would you like?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose one of the places, or say you want none.")
        },
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [(str(o.site.pk), option_label(o)) for o in options]


def option_label(option):
    site = option.site
    parts = [
        _("%(kind)s: %(site)s (%(county)s)")
        % {"kind": site.get_kind_display(), "site": site.name, "county": site.county.name},
        _("%(count)s places left") % {"count": option.places_left},
    ]
    if option.award:
        parts.append(
            _("award ¥%(amount)s paid to you") % {"amount": formats.number_format(option.award, 0)}
        )
    return _(" · ").join(parts)


class NicheForm(forms.Form):
    niche = forms.ChoiceField(
        label=gettext_lazy("Which niche?"),
        help_text=gettext_lazy("The first free niches are shown; the columbarium can change it."),
        error_messages={"required": gettext_lazy("Choose a niche.")},
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {str(n.pk): n for n in burial.free_niches(site)}
        self.fields["niche"].choices = [(pk, n.label) for pk, n in self.places.items()]

    def place(self):
        return {"niche": self.places[self.cleaned_data["niche"]]}


class DayForm(forms.Form):
    day = forms.ChoiceField(
        label=gettext_lazy("On which day?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a day.")},
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {str(d.pk): d for d in burial.open_days(site)}
        self.fields["day"].choices = [
            (
                pk,
                _("%(day)s, %(count)s places left")
                % {"day": formats.date_format(d.date, "DATE_FORMAT"), "count": d.places_left},
            )
            for pk, d in self.places.items()
        ]

    def place(self):
        return {"day": self.places[self.cleaned_data["day"]]}


@family_required
def choose(request, reference):
    case = _case_for(request, reference)
    standing = burial.choice_of(case)
    # The family chooses; staff who filed for them see the choice only.
    if files_for_families(request.user) or not burial.may_choose(case):
        return render(request, "portal/cases/burial.html", {"case": case, "standing": standing})
    if request.method == "POST" and request.POST.get("decline"):
        burial.decline(case, actor=request.user)
        messages.success(request, _("Noted: no ecological burial. You can still book one here."))
        return redirect("portal:case_detail", reference=case.reference)
    options = burial.options_for(case)
    form = SiteForm(request.POST if request.method == "POST" else None, options=options)
    if request.method == "POST" and form.is_valid():
        return redirect(
            "portal:burial_place", reference=case.reference, site=form.cleaned_data["site"]
        )
    return render(
        request,
        "portal/cases/burial.html",
        {
            "case": case,
            "standing": standing,
            "form": form,
            "options": options,
            "position": 1,
            "total": STEPS,
        },
    )


@family_required
def place(request, reference, site):
    case = _case_for(request, reference)
    if files_for_families(request.user) or not burial.may_choose(case):
        return redirect("portal:burial", reference=case.reference)
    option = next((o for o in burial.options_for(case) if o.site.pk == site), None)
    if option is None:
        messages.error(request, _("That place has no places left now; please choose another."))
        return redirect("portal:burial", reference=case.reference)
    form_class = NicheForm if option.site.by_niche else DayForm
    form = form_class(request.POST if request.method == "POST" else None, site=option.site)
    if request.method == "POST" and form.is_valid():
        try:
            booking = burial.book(case, option.site, actor=request.user, **form.place())
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                _("Booked: %(place)s. The funeral home will confirm it; you will get an SMS.")
                % {"place": booking.place},
            )
            return redirect("portal:case_detail", reference=case.reference)
    return render(
        request,
        "portal/cases/burial_place.html",
        {"case": case, "option": option, "form": form, "position": 2, "total": STEPS},
    )
