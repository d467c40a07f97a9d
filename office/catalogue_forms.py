from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cases.constants import Scenario
from cases.limits import LimitUnit
from cases.needs import NEED_CHOICES


class MatterAdminForm(WagtailAdminModelForm):
    # Stored as a JSON list; editors tick boxes instead of typing JSON.
    scenarios = forms.MultipleChoiceField(
        label=_("death scenarios"),
        choices=Scenario.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The matter applies only in these scenarios; none ticked means all."),
    )

    # What the department receives from a case, from the fixed vocabulary.
    needs = forms.MultipleChoiceField(
        label=_("what the department needs from the case"),
        choices=NEED_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The department sees exactly these items of a case, on the workbench and in its "
            "system's payload; tasks keep the list they were created with."
        ),
    )

    # {"home": [1, "wd"]} edited as lines such as "home 1 wd".
    time_limits_by_scenario = forms.CharField(
        label=_("time limit by scenario"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only where a scenario has a limit of its own, one per line: the scenario "
            "(hospital, home, abnormal), the number and the unit (wh working hours, "
            "wd working days, ch clock hours), e.g. “home 1 wd”."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = self.instance.time_limits_by_scenario or {}
        self.initial["time_limits_by_scenario"] = "\n".join(
            f"{scenario} {amount} {unit}" for scenario, (amount, unit) in sorted(limits.items())
        )

    def clean_time_limits_by_scenario(self):
        limits = {}
        for number, line in enumerate(self.cleaned_data["time_limits_by_scenario"].splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split()
            if (
                len(parts) != 3
                or parts[0] not in Scenario.values
                or not parts[1].isdigit()
                or parts[2] not in LimitUnit.values
            ):
                message = _(
                    "Line %(number)s: write the scenario, the number and the unit, "
                    "e.g. “home 1 wd”."
                )
                raise ValidationError(message % {"number": number})
            limits[parts[0]] = [int(parts[1]), parts[2]]
        return limits

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


class DepartmentAdminForm(WagtailAdminModelForm):
    # The secret is write-only: never sent back to the browser; an empty
    # field keeps the stored one.
    shared_secret = forms.CharField(
        label=_("shared secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the current secret. At least 32 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cases.connectors.registry import register

        self.fields["connector"] = forms.ChoiceField(
            label=_("connector"), choices=register.choices(), initial="workbench"
        )

    def clean_shared_secret(self):
        secret = self.cleaned_data.get("shared_secret", "")
        if not secret:
            return self.instance.shared_secret
        if len(secret) < 32:
            raise ValidationError(_("The shared secret must have at least 32 characters."))
        return secret

    def clean(self):
        cleaned = super().clean()
        from cases.connectors.registry import register

        connector = cleaned.get("connector")
        if connector in register and register[connector].sends:
            if not cleaned.get("endpoint_url"):
                self.add_error("endpoint_url", _("This connector needs the endpoint URL."))
            if not cleaned.get("shared_secret"):
                self.add_error("shared_secret", _("This connector needs a shared secret."))
        return cleaned
