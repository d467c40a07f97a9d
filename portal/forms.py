from django import forms
from django.utils.translation import gettext_lazy as _

from cases.constants import Gender, ProfileFlag
from cases.validators import normalise_phone, validate_mobile
from forms.fields import PastDateField, UploadField


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=_("Your mobile number"),
        max_length=20,
        validators=[validate_mobile],
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "13812345678"}
        ),
    )

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("The 6-digit code from the SMS"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("The code has 6 digits.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 6}
        ),
    )


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


class MaterialsForm(forms.Form):
    """What the family sends back when a department asks for something."""

    document = UploadField(label=_("Photo or PDF of the document"), required=False)
    correction_field = forms.ChoiceField(label=_("Detail to correct"), required=False, choices=[])
    correction_value = forms.CharField(label=_("The right value"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note for the department"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cases.services.materials import CORRECTABLE

        self.fields["correction_field"].choices = [("", _("Nothing to correct"))] + [
            (key, label) for key, (_r, _a, _v, label) in CORRECTABLE.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("correction_field") and not data.get("correction_value"):
            self.add_error("correction_value", _("Enter the right value."))
        return data
