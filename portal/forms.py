from django import forms
from django.utils.translation import gettext_lazy as _

from cases.validators import normalise_phone, validate_mobile
from forms.fields import UploadField


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
