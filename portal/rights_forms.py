"""Forms of a relative's request about the deceased's personal information."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import RequestKind
from cases.references import parse_reference
from cases.services.rights import FACT_LABELS
from cases.validators import normalise_phone, validate_mobile

from .heir_forms import HeirIdentityForm


class CaseAndPhoneForm(forms.Form):
    reference = forms.CharField(
        label=_("The case's reference (on the SMS or the result list, like 7K3M-Q9XP-4)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Your mobile number, as the case lists it"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def clean_reference(self):
        try:
            return parse_reference(self.cleaned_data["reference"])
        except ValidationError as error:
            raise ValidationError(error.messages) from None

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        validate_mobile(phone)
        return normalise_phone(phone)


class ProofForm(HeirIdentityForm):
    """The code first (it just came), then the end of the ID number."""

    field_order = ["code", "id_suffix"]


class KindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        widget=forms.RadioSelect,
        choices=RequestKind.choices,
        error_messages={"required": _("Choose what you ask for.")},
    )


class CorrectionForm(forms.Form):
    fact = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[("", _("Choose…")), *FACT_LABELS],
        error_messages={"required": _("Choose what is wrong.")},
    )
    details = forms.CharField(
        label=_("What should it say? Say how you know (a document, say)."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write what it should say.")},
    )


class DeletionForm(forms.Form):
    details = forms.CharField(
        label=_("Anything you want us to know (you may leave this empty)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
