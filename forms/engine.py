"""Turns a form definition (the steps' JSON of an ApplicationFormPage
revision) into the form classes and conditions of a wizard."""

import dataclasses

from django import forms

from . import fields
from .domain import field_name

FIELD_CLASSES = {
    "text": lambda **kw: forms.CharField(max_length=200, **kw),
    "resident_id": fields.ResidentIdField,
    "mobile": fields.MobileField,
    "date": fields.PastDateField,
    "datetime": fields.PastDateTimeField,
    "choice": forms.ChoiceField,
    "multiple_choice": forms.MultipleChoiceField,
    "yes_no": fields.YesNoField,
    "relationship": fields.RelationshipField,
    "bank_account": fields.BankAccountField,
    "village": fields.VillageField,
    "file": fields.UploadField,
    "consent": fields.ConsentField,
}


@dataclasses.dataclass(frozen=True)
class Question:
    name: str
    field_type: str
    label: str
    domain_key: str = ""
    help_text: str = ""
    required: bool = True
    options: dict = dataclasses.field(default_factory=dict)
    # The question as staff filing for a family read it ("申请人的手机号").
    label_for_staff: str = ""

    def form_field(self, for_staff=False):
        label = (for_staff and self.label_for_staff) or self.label
        kwargs = {"label": label, "help_text": self.help_text, "required": self.required}
        if self.field_type in ("choice", "multiple_choice"):
            kwargs["choices"] = [choice_pair(c) for c in self.options.get("choices", [])]
            kwargs["widget"] = (
                forms.RadioSelect if self.field_type == "choice" else forms.CheckboxSelectMultiple
            )
        elif self.field_type == "file":
            kwargs["max_size_mb"] = self.options.get("max_size_mb", 10)
        elif self.field_type == "consent":
            kwargs["label"] = self.options.get("consent_text") or self.label
            kwargs["consent_version"] = self.options.get("consent_version", "")
        return FIELD_CLASSES[self.field_type](**kwargs)


@dataclasses.dataclass(frozen=True)
class Step:
    name: str
    title: str
    explanation: str
    questions: tuple
    show_if_key: str = ""
    show_if_value: str = ""
    # The step as staff filing for a family read it: the family's form says
    # "您的信息", which to a funeral assistant would mean their own.
    title_for_staff: str = ""
    explanation_for_staff: str = ""

    @property
    def is_conditional(self):
        return bool(self.show_if_key)

    def form_class(self, for_staff=False):
        attrs = {q.name: q.form_field(for_staff) for q in self.questions}
        if for_staff and (self.title_for_staff or self.explanation_for_staff):
            # Reworded for staff: the family's explanation ("您是申请人…")
            # would speak to the wrong person, so it is not shown to them.
            attrs["step_title"] = self.title_for_staff or self.title
            attrs["step_explanation"] = self.explanation_for_staff
        else:
            attrs["step_title"] = self.title
            attrs["step_explanation"] = self.explanation
        return type(f"Step{self.name}Form", (forms.Form,), attrs)


def choice_pair(line):
    """("value", "label") of a choice line: "家中" or, in a translated form,
    "家中 | At home" — the answer keeps the original's value, so a
    department reads the same words and a condition on it holds in every
    language."""
    value, _bar, label = line.partition("|")
    return value.strip(), label.strip() or value.strip()


def parse(definition):
    """The steps of a definition, in order; step names are "1", "2", …"""
    steps = []
    for number, item in enumerate(definition, start=1):
        value = item["value"]
        questions = []
        for field in value.get("fields", []):
            options = dict(field["value"])
            domain_key = options.pop("domain_key", "") or ""
            name = field_name(domain_key, options.pop("name", "") or "", field.get("id") or "")
            choices = options.pop("choices", "") or ""
            if choices:
                options["choices"] = [line.strip() for line in choices.splitlines() if line.strip()]
            questions.append(
                Question(
                    name=name,
                    field_type=field["type"],
                    label=options.pop("label", ""),
                    domain_key=domain_key,
                    help_text=options.pop("help_text", "") or "",
                    label_for_staff=options.pop("label_for_staff", "") or "",
                    required=bool(options.pop("required", True)),
                    options=options,
                )
            )
        steps.append(
            Step(
                name=str(number),
                title=value.get("title", ""),
                explanation=value.get("explanation", "") or "",
                questions=tuple(questions),
                show_if_key=(value.get("show_if_key") or "").strip().replace(".", "__"),
                show_if_value=(value.get("show_if_value") or "").strip(),
                title_for_staff=value.get("title_for_staff", "") or "",
                explanation_for_staff=value.get("explanation_for_staff", "") or "",
            )
        )
    return steps


def raw_answer(storage, steps, name):
    """What the applicant answered to the question ``name`` as stored (before
    cleaning), or None. Reads the storage directly: formtools' cleaned-data
    helpers raise on skipped steps and would re-enter the conditions."""
    for step in steps:
        if any(q.name == name for q in step.questions):
            data = storage.get_step_data(step.name)
            if data is None:
                return None
            return data.getlist(f"{step.name}-{name}")
    return None


def condition(step, steps):
    """formtools condition for a conditional step: shown when the earlier
    answer equals (or, for multiple choice, includes) the expected value."""
    earlier = steps[: steps.index(step)]

    def shown(wizard):
        # When the question's own step is hidden, its stale answer must not
        # count. (get_form_list cannot tell: it is what is being computed.)
        for other in earlier:
            if any(q.name == step.show_if_key for q in other.questions):
                if other.is_conditional and not condition(other, steps)(wizard):
                    return False
        values = raw_answer(wizard.storage, earlier, step.show_if_key) or []
        return step.show_if_value in values

    return shown
