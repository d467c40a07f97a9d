"""Forms of the heirs list (applicant) and of the heir's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.constants import FIRST_ORDER_HEIR_CHOICES
from cases.validators import normalise_phone

from .forms import CodeForm


class HeirForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    relationship = forms.ChoiceField(
        label=_("Relationship to the deceased"),
        choices=[("", _("Choose…")), *FIRST_ORDER_HEIR_CHOICES],
    )
    id_number = forms.CharField(
        label=_("Resident ID number"),
        max_length=18,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_(
            "Needed unless the box below is ticked: the heir gets a text message with a link "
            "to confirm."
        ),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    offline = forms.BooleanField(
        label=_("This heir cannot confirm online (elderly, abroad, no mobile phone)"),
        required=False,
    )

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        return normalise_phone(phone) if phone else ""


class BaseHeirFormSet(forms.BaseFormSet):
    """Every row may be left empty: an empty row (or one the applicant
    cleared) is simply not an heir."""

    def _construct_form(self, i, **kwargs):
        kwargs["empty_permitted"] = True
        kwargs["use_required_attribute"] = False
        return super()._construct_form(i, **kwargs)

    def heirs(self):
        """The rows filled in, in order (call after is_valid)."""
        return [form for form in self.forms if form.has_changed()]


HeirFormSet = forms.formset_factory(
    HeirForm, formset=BaseHeirFormSet, extra=0, max_num=10, validate_max=True
)


class PayeeForm(forms.Form):
    payee_name = forms.CharField(
        label=_("Who receives the money (you, or one of the heirs listed)"), max_length=100
    )
    payee_account = forms.CharField(
        label=_("Their bank account number"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    consent = forms.BooleanField(label="", required=True)

    def __init__(self, *args, declaration_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = declaration_text
        self.fields["consent"].error_messages["required"] = _(
            "Please read and agree to the declaration."
        )


class HeirIdentityForm(CodeForm):
    id_suffix = forms.RegexField(
        label=_("The last 6 characters of your own resident ID number"),
        regex=r"^\s*\d{5}[\dXx]\s*$",
        error_messages={"invalid": _("Enter 6 characters: digits, the last may be X.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": 6}),
    )
    field_order = ["id_suffix", "code"]


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            ("confirm", _("I agree")),
            ("decline", _("I do not agree")),
            ("offline", _("I would rather settle this at the notary office")),
        ],
    )
    reason = forms.CharField(
        label=_("If you do not agree, you may say why"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
