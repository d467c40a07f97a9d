"""The funeral services on the case page: the family picks from the funeral
home's published list of the day, sees the bill — each service, its price,
what the county waives and what they pay — and confirms it
(``cases.services.fees``). Until the funeral home completes the booking
they may change it; the prices stay those of the first booking day."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.services import fees

from .access import family_required
from .cases import _case_for

# How many, in words, by unit (translated where used).
UNIT_WORDS = {
    "day": gettext_noop("%(n)s days"),
    "year": gettext_noop("%(n)s years"),
    "piece": gettext_noop("%(n)s pieces"),
    "each": gettext_noop("%(n)s times"),
}


class ServicesForm(forms.Form):
    """One field per service of the list: how many (none by default)."""

    def __init__(self, *args, fee_list, waivers, chosen, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {}
        for item in fee_list.items.all():
            most = fees.MAX_QUANTITY[item.unit]
            if most == 1:
                choices = [(0, _("Not needed")), (1, _("Needed"))]
            else:
                choices = [(0, _("Not needed"))] + [
                    (n, _(UNIT_WORDS[item.unit]) % {"n": n}) for n in range(1, most + 1)
                ]
            name = f"item_{item.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=service_label(item, waivers),
                choices=choices,
                coerce=int,
                initial=chosen.get(item.pk, 0),
                required=False,
                empty_value=0,
            )
            self.items[name] = item

    def quantities(self):
        return {
            item.pk: self.cleaned_data[name]
            for name, item in self.items.items()
            if self.cleaned_data.get(name)
        }


def service_label(item, waivers):
    unit = item.get_unit_display()
    text = _("%(service)s: ¥%(price)s %(unit)s") % {
        "service": item.name,
        "price": item.price,
        "unit": unit,
    }
    if fees.is_waived(item, waivers):
        up_to = waivers[item.service]
        if up_to is None:
            text += _(" (basic service: free)")
        else:
            text += _(" (basic service: ¥%(amount)s waived)") % {"amount": up_to}
    return text


@family_required
def services(request, reference):
    case = _case_for(request, reference)
    if not fees.may_choose(case):
        messages.info(request, _("The funeral services can no longer be changed here."))
        return redirect("portal:case_detail", reference=case.reference)
    homes = fees.homes_for(case)
    home = next((h for h in homes if str(h.pk) == request.GET.get("home")), None)
    bill = fees.bill_of(case)
    if home is None:
        home = bill.home if bill is not None else (homes[0] if homes else None)
    if home is None:
        raise Http404
    day = fees.pricing_day(bill, home)
    offer = fees.offer(home, day)
    if offer is None:
        messages.error(
            request, _("This funeral home has no published fee list. Please call 12345.")
        )
        return redirect("portal:case_detail", reference=case.reference)
    fee_list = offer["fee_list"]
    chosen = {}
    if bill is not None and bill.home_id == home.pk:
        chosen = fees.chosen_quantities(bill)
    form = ServicesForm(
        request.POST or None, fee_list=fee_list, waivers=offer["waivers"], chosen=chosen
    )
    priced = None
    if request.method == "POST" and form.is_valid():
        quantities = form.quantities()
        try:
            if request.POST.get("action") == "confirm":
                fees.choose(case, home, quantities, actor=request.user)
                messages.success(request, _("The services and the bill are saved."))
                return redirect("portal:case_detail", reference=case.reference)
            if not quantities:
                raise ValidationError(_("Choose at least one service."))
            if request.POST.get("action") != "edit":
                priced = fees.price(home, day, quantities)
        except ValidationError as refused:
            form.add_error(None, refused)
    return render(
        request,
        "portal/cases/funeral.html",
        {
            "case": case,
            "home": home,
            "homes": homes,
            "fee_list": fee_list,
            "form": form,
            "priced": priced,
            "position": 2 if priced else 1,
            "total": 2,
        },
    )


def fee_lists(request):
    """The published fee lists of every funeral home: public, no sign-in."""
    homes = [
        {
            **row,
            "items": [
                (item, service_label(item, row["waivers"])) for item in row["fee_list"].items.all()
            ],
        }
        for row in fees.published_lists()
    ]
    return render(request, "portal/funeral_fee_lists.html", {"homes": homes})
