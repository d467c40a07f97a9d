from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .constants import Scenario


class MatterAdminForm(WagtailAdminModelForm):
    # Stored as a JSON list; editors tick boxes instead of typing JSON.
    scenarios = forms.MultipleChoiceField(
        label=_("death scenarios"),
        choices=Scenario.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The matter applies only in these scenarios; none ticked means all."),
    )

    def clean_depends_on(self):
        depends_on = self.cleaned_data.get("depends_on")
        if not depends_on or not self.instance.pk:
            return depends_on
        if self.instance in depends_on:
            raise ValidationError(_("A matter cannot wait for itself."))
        # Refuse a cycle: no matter this one would wait for may (transitively) wait for it.
        seen, frontier = set(), list(depends_on)
        while frontier:
            matter = frontier.pop()
            if matter.pk == self.instance.pk:
                raise ValidationError(_("This would make matters wait for each other in a circle."))
            if matter.pk in seen:
                continue
            seen.add(matter.pk)
            frontier.extend(matter.depends_on.all())
        return depends_on
