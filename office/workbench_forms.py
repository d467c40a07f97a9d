"""The workbench's action forms: what a clerk or supervisor enters for each
action (``ACTIONS``), validated by the same rules as the services they feed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.services import fees, results, statements, workbench
from cases.services.bank_answers import PRODUCTS, answers_for_a_bank
from cases.services.benefits import stops_a_benefit
from cases.services.contract import payee_account


class MessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("What the family should send or correct (they read it as written)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ResultForm(forms.Form):
    """What a clerk records on completing ``task``: only what its matter's
    result holds — the family's words (in English too for a family that
    applied in English), and the amount and account where the matter pays
    money. The rules are ``cases.services.results.structured_result``'s."""

    takes_task = True

    outcome_text = forms.CharField(
        label=gettext_lazy("What was done, in words for the family"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave the standard wording, or say it in your own words."),
    )
    outcome_text_en = forms.CharField(
        label=gettext_lazy("The same in English (this family applied in English)"),
        required=False,
        max_length=200,
    )
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount paid (yuan)"), required=False, max_digits=12, decimal_places=2
    )
    account = forms.CharField(label=gettext_lazy("Paid to account"), required=False, max_length=40)
    # A benefit's stop (养老金、救助、津贴、补贴、抚恤): up to when it was paid, and
    # how much a month — the overpayment or arrears follow from them.
    paid_through = forms.DateField(
        label=gettext_lazy("Paid up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "The last day the benefit was paid for. It stops from the month after the death."
        ),
    )
    monthly = forms.DecimalField(
        label=gettext_lazy("Monthly amount (yuan)"),
        required=False,
        max_digits=10,
        decimal_places=2,
    )
    # A bank's answer (B01): accounts or none, the balances by product.
    found = forms.TypedChoiceField(
        label=gettext_lazy("Does this bank hold accounts of the deceased?"),
        choices=[("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No account"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    deposits = forms.DecimalField(
        label=gettext_lazy("Deposits (yuan)"), required=False, max_digits=14, decimal_places=2
    )
    wealth = forms.DecimalField(
        label=gettext_lazy("Wealth management products (yuan)"),
        required=False,
        max_digits=14,
        decimal_places=2,
    )
    bonds = forms.DecimalField(
        label=gettext_lazy("Bonds (yuan)"), required=False, max_digits=14, decimal_places=2
    )
    gold = forms.DecimalField(
        label=gettext_lazy("Gold (yuan)"), required=False, max_digits=14, decimal_places=2
    )
    # The death certificate's own lines (居民死亡医学证明): the cause chain
    # 甲–丁 with ICD-10 codes, the issuing institution and the doctor.
    institution = forms.CharField(
        label=gettext_lazy("Issuing institution"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The hospital or health centre; empty: this department."),
    )
    doctor = forms.CharField(
        label=gettext_lazy("Doctor (or officer) who certified the death"),
        required=False,
        max_length=50,
    )

    # The heirs asked for the transactions before the death: the bank sends
    # them with its answer.
    statement = forms.FileField(label=gettext_lazy("Statement (PDF)"), required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        if statements.asked_of(task):
            start, end = statements.period(task.case)
            self.fields["statement"].help_text = _(
                "The heirs asked for the transactions of the 6 months before the death: "
                "%(start)s to %(end)s. Required where the bank holds accounts."
            ) % {"start": start.isoformat(), "end": end.isoformat()}
        else:
            del self.fields["statement"]
        if results.issues_death_certificate(task):
            for n, line in enumerate(CAUSE_LABELS, 1):
                self.fields[f"cause_{n}"] = forms.CharField(
                    label=line, required=False, max_length=100
                )
                self.fields[f"icd10_{n}"] = forms.CharField(
                    label=gettext_lazy("ICD-10 code"),
                    required=False,
                    max_length=10,
                    widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
                )
        else:
            del self.fields["institution"]
            del self.fields["doctor"]
        english = results.family_reads_english(task.case)
        self.fields["outcome_text"].initial = results.standard_phrase(task.matter_code, False)
        if english:
            self.fields["outcome_text_en"].initial = results.standard_phrase(task.matter_code, True)
        else:
            del self.fields["outcome_text_en"]
        if not stops_a_benefit(task):
            del self.fields["paid_through"]
            del self.fields["monthly"]
        if not answers_for_a_bank(task):
            for name in ("found", *PRODUCTS):
                del self.fields[name]
        waiver_bill = fees.waiver_bill(task)
        if waiver_bill is not None:
            # The waiver is the bill's, settled with the funeral home.
            del self.fields["amount"]
            del self.fields["account"]
            self.fields["outcome_text"].help_text = _(
                "The amount waived is taken from the case's funeral bill: ¥%(waived)s, "
                "settled with the funeral home."
            ) % {"waived": waiver_bill.waived}
        elif results.pays_money(task):
            self.fields["account"].initial = payee_account(task.case)
        else:
            del self.fields["amount"]
            del self.fields["account"]

    def clean(self):
        cleaned = super().clean()
        if "statement" in self.fields and cleaned.get("statement") is not None:
            try:
                cleaned["statement"] = statements.check_file(cleaned["statement"])
            except ValidationError as refused:
                self.add_error("statement", refused)
        if not self.errors:
            try:
                result = workbench.result_from(self.task, cleaned)
                statements.check_completion(self.task, result, cleaned.get("statement"))
            except ValidationError as refused:
                for field, messages_ in refused.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
        return cleaned


# The lines of the national form, the direct cause first.
CAUSE_LABELS = (
    gettext_lazy("(a) Direct cause of death"),
    gettext_lazy("(b) Due to"),
    gettext_lazy("(c) Due to"),
    gettext_lazy("(d) Due to (the underlying cause)"),
)


class CorrectionForm(ResultForm):
    reason = forms.CharField(
        label=gettext_lazy("Why the result is corrected"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the certificate is revoked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the death is retracted (the person is alive, a wrong ID number…)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    person_phone = forms.CharField(
        label=gettext_lazy("The person's mobile number, to tell them (optional)"),
        max_length=20,
        required=False,
    )


class AppointmentForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("New date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)


class CremationForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("When the cremation took place"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class NaturalDeathForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the police found (the investigation form's number)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )


class FuneralServiceForm(forms.Form):
    """A service the family asks for at the funeral home: one of the bill's
    published list, at the list's price (``cases.services.fees``)."""

    takes_task = True

    service = forms.ChoiceField(label=gettext_lazy("Service from the published list"))
    quantity = forms.IntegerField(label=gettext_lazy("How many"), min_value=1, initial=1)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        bill = fees.bill_of(task.case)
        items = bill.fee_list.items.all() if bill is not None else []
        self.fields["service"].choices = [
            (item.name_zh, f"{item.name_zh} ¥{item.price} {item.get_unit_display()}")
            for item in items
        ]


ACTIONS = {
    # name: (label, form, service call)
    "accept": (gettext_lazy("Accept"), None),
    "request_materials": (gettext_lazy("Ask the family for something"), MessageForm),
    "complete": (gettext_lazy("Complete"), ResultForm),
    "not_applicable": (gettext_lazy("Not applicable"), ReasonForm),
    "reject": (gettext_lazy("Reject"), ReasonForm),
    "reopen": (gettext_lazy("Reopen (the family answered)"), ReasonForm),
    "correct": (gettext_lazy("Correct the result (supervisor)"), CorrectionForm),
    "revoke": (gettext_lazy("Revoke the certificate (supervisor)"), RevokeForm),
    "reverse_death": (
        gettext_lazy(
            "Retract the death: it was reported in error; every department undoes its part "
            "(supervisor)"
        ),
        ReversalForm,
    ),
    "appointment": (gettext_lazy("Change the appointment (the family is texted)"), AppointmentForm),
    "cremation": (gettext_lazy("Record the cremation"), CremationForm),
    "release_body": (gettext_lazy("Release the body (body transport can be booked)"), None),
    "confirm_burial": (
        gettext_lazy("Confirm the family's booking (the award is paid with it)"),
        None,
    ),
    "rule_natural": (
        gettext_lazy("Ruled a natural death (the case goes on as a death at home)"),
        NaturalDeathForm,
    ),
    "add_funeral_service": (
        gettext_lazy("Add a service the family asked for (at the published price)"),
        FuneralServiceForm,
    ),
}
