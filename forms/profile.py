"""The two steps the engine adds to every editor-built form: the deceased as
the shared registry knows them, right after their ID number, and the review."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.constants import Gender, ProfileFlag

from .fields import PastDateField


class ProfileForm(forms.Form):
    """The deceased as the shared registry knows them, for the applicant to
    confirm or correct; the flags decide which matters are handled."""

    step_title = _("Check the details of the deceased")
    step_explanation = _(
        "We filled these in from the government's records. Correct anything that is wrong; "
        "the ticked items decide which matters the departments handle."
    )

    name = forms.CharField(label=_("Name of the deceased"), max_length=100)
    gender = forms.ChoiceField(label=_("Sex"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_date = PastDateField(label=_("Date of birth"))
    flags = forms.MultipleChoiceField(
        label=_("The deceased…"),
        choices=ProfileFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ReviewForm(forms.Form):
    step_title = _("Check everything, then submit")
    step_explanation = _(
        "This is everything you told us. Change anything that is wrong, then submit once: "
        "every department gets its part at the same time."
    )
