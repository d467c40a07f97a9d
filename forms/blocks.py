"""The blocks editors build an application form from: steps holding fields.

Each field type is its own block so the editor only sees the options that
type has (choices for a choice, the consent text for a consent box) and only
the domain keys it can carry.
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

from cases.needs import DocumentKind

from .domain import DOMAIN_KEYS, REQUIRED_KEYS, field_name, matter_choices

NAME_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]{0,39}$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class FieldBlock(blocks.StructBlock):
    field_type = ""

    label = blocks.CharBlock(label=_("question"), max_length=200)
    label_for_staff = blocks.CharBlock(
        label=_("question as staff read it"),
        required=False,
        max_length=200,
        help_text=_(
            "When a funeral assistant or a 12345 agent fills in the form for a family, e.g. "
            "申请人的手机号 for 您的手机号. Empty: the question as above."
        ),
    )
    help_text = blocks.CharBlock(label=_("help text"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    name = blocks.CharBlock(
        label=_("answer name"),
        required=False,
        max_length=40,
        validators=[NAME_VALIDATOR],
        help_text=_(
            "For answers that do not map onto the case: the name later steps' conditions "
            "and the department see. Leave empty to have one made up."
        ),
    )

    def __init__(self, local_blocks=None, **kwargs):
        local_blocks = list(local_blocks or [])
        keys = [(k, label) for k, (label, types) in DOMAIN_KEYS.items() if self.field_type in types]
        if keys:
            local_blocks.append(
                (
                    "domain_key",
                    blocks.ChoiceBlock(
                        choices=keys,
                        required=False,
                        label=_("maps onto"),
                        help_text=_(
                            "Where the answer goes in the case; every matter that needs it "
                            "receives it. Empty for an answer of this form's own."
                        ),
                    ),
                )
            )
        if self.field_type != "consent":
            local_blocks += [
                (
                    "needed_by",
                    blocks.MultipleChoiceBlock(
                        choices=matter_choices,
                        required=False,
                        label=_("needed by"),
                        help_text=_(
                            "The matters whose departments receive this answer. Only they see it."
                        ),
                    ),
                ),
                (
                    "kept_for_family",
                    blocks.BooleanBlock(
                        required=False,
                        label=_("kept for the family only"),
                        help_text=_(
                            "Tick when no department needs the answer and it is asked for the "
                            "family's own record; otherwise publishing warns that nobody reads it."
                        ),
                    ),
                ),
            ]
        super().__init__(local_blocks, **kwargs)


class TextFieldBlock(FieldBlock):
    field_type = "text"

    class Meta:
        label = _("Text")
        icon = "pilcrow"


class ResidentIdFieldBlock(FieldBlock):
    field_type = "resident_id"

    class Meta:
        label = _("Resident ID number")
        icon = "user"


class MobileFieldBlock(FieldBlock):
    field_type = "mobile"

    class Meta:
        label = _("Mobile number")
        icon = "mobile-alt"


class DateFieldBlock(FieldBlock):
    field_type = "date"

    class Meta:
        label = _("Date")
        icon = "date"


class DateTimeFieldBlock(FieldBlock):
    field_type = "datetime"

    class Meta:
        label = _("Date and time")
        icon = "time"


class ChoiceFieldBlock(FieldBlock):
    field_type = "choice"
    choices = blocks.TextBlock(
        label=_("choices"),
        help_text=_(
            'One choice per line. In a translated form write "value | label": the value '
            "stays the original's (what departments and conditions read), the label is shown."
        ),
    )

    class Meta:
        label = _("Single choice")
        icon = "radio-full"


class MultipleChoiceFieldBlock(FieldBlock):
    field_type = "multiple_choice"
    choices = blocks.TextBlock(
        label=_("choices"),
        help_text=_(
            'One choice per line. In a translated form write "value | label": the value '
            "stays the original's (what departments and conditions read), the label is shown."
        ),
    )

    class Meta:
        label = _("Multiple choice")
        icon = "tasks"


class YesNoFieldBlock(FieldBlock):
    field_type = "yes_no"

    class Meta:
        label = _("Yes or no")
        icon = "help"


class RelationshipFieldBlock(FieldBlock):
    field_type = "relationship"

    class Meta:
        label = _("Relationship to the deceased")
        icon = "group"


class BankAccountFieldBlock(FieldBlock):
    field_type = "bank_account"

    class Meta:
        label = _("Bank account")
        icon = "doc-full"


class VillageFieldBlock(FieldBlock):
    field_type = "village"

    class Meta:
        label = _("Village or community (from the list of areas)")
        icon = "site"


class FileFieldBlock(FieldBlock):
    field_type = "file"
    document_kind = blocks.ChoiceBlock(
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
        label=_("what the document is"),
        help_text=_("Departments whose matter needs this kind of document receive it."),
    )
    max_size_mb = blocks.IntegerBlock(
        label=_("largest file (MB)"), default=10, min_value=1, max_value=20
    )

    class Meta:
        label = _("File upload (PDF, JPEG, PNG)")
        icon = "upload"


class ConsentFieldBlock(FieldBlock):
    field_type = "consent"
    consent_text = blocks.TextBlock(label=_("consent text"))
    consent_version = blocks.CharBlock(
        label=_("consent text version"),
        max_length=20,
        help_text=_("Change it whenever the text changes; each answer records it."),
    )

    class Meta:
        label = _("Consent checkbox")
        icon = "tick-inverse"


FIELD_BLOCKS = [
    (block.field_type, block())
    for block in (
        TextFieldBlock,
        ResidentIdFieldBlock,
        MobileFieldBlock,
        DateFieldBlock,
        DateTimeFieldBlock,
        ChoiceFieldBlock,
        MultipleChoiceFieldBlock,
        YesNoFieldBlock,
        RelationshipFieldBlock,
        BankAccountFieldBlock,
        VillageFieldBlock,
        FileFieldBlock,
        ConsentFieldBlock,
    )
]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=100)
    explanation = blocks.TextBlock(label=_("explanation"), required=False)
    title_for_staff = blocks.CharBlock(
        label=_("title as staff read it"),
        required=False,
        max_length=100,
        help_text=_(
            "When a funeral assistant or a 12345 agent files for a family, e.g. "
            "申请人（家属）的信息 for 您的信息. Empty: the title as above."
        ),
    )
    explanation_for_staff = blocks.TextBlock(
        label=_("explanation as staff read it"), required=False
    )
    show_if_key = blocks.CharBlock(
        label=_("show only when the answer"),
        required=False,
        max_length=60,
        help_text=_(
            "The answer name or domain key of a question in an earlier step, e.g. "
            "police_attended. Leave empty to always show this step."
        ),
    )
    show_if_value = blocks.CharBlock(
        label=_("has the value"),
        required=False,
        max_length=100,
        help_text=_("For a yes-or-no question: yes or no. For a choice: the choice's text."),
    )
    fields = blocks.StreamBlock(FIELD_BLOCKS, label=_("questions"), min_num=1)

    class Meta:
        label = _("Step")
        icon = "list-ol"


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        errors = form_definition_errors(value.get_prep_value())
        if errors:
            raise StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(e) for e in errors])
            )
        return value


def form_definition_errors(steps):
    """What is wrong with a form definition (the steps' JSON), in words an
    editor understands; an empty list when the form can be published."""
    errors = []
    key_steps = {}  # domain key -> step numbers that map it
    names_seen = Counter()
    asked_before = set()  # names answerable before the current step
    for number, step in enumerate(steps, start=1):
        value = step["value"]
        conditional = bool(value.get("show_if_key"))
        if conditional:
            key = value["show_if_key"].strip()
            if field_key(key) not in asked_before:
                errors.append(
                    _(
                        "Step %(number)s is shown only when “%(key)s” has a value, but no "
                        "earlier step asks that question."
                    )
                    % {"number": number, "key": key}
                )
            if not value.get("show_if_value", "").strip():
                errors.append(
                    _("Step %(number)s has a condition without a value to compare with.")
                    % {"number": number}
                )
        for field in value.get("fields", []):
            field_value = field["value"]
            domain_key = field_value.get("domain_key") or ""
            name = field_name(domain_key, field_value.get("name") or "", field.get("id") or "")
            names_seen[name] += 1
            if domain_key:
                key_steps.setdefault(domain_key, []).append(number)
                if conditional and domain_key in REQUIRED_KEYS:
                    errors.append(
                        _(
                            "Step %(number)s is shown only under a condition, but it asks "
                            "“%(key)s”, which every application needs. Move that question to "
                            "a step that is always shown."
                        )
                        % {"number": number, "key": DOMAIN_KEYS[domain_key][0]}
                    )
        asked_before.update(
            field_name(
                f["value"].get("domain_key") or "", f["value"].get("name") or "", f.get("id") or ""
            )
            for f in value.get("fields", [])
        )
    for key in REQUIRED_KEYS:
        if key not in key_steps:
            errors.append(
                _("The form does not ask “%(key)s”, which every application needs.")
                % {"key": DOMAIN_KEYS[key][0]}
            )
    for key, numbers in key_steps.items():
        if len(numbers) > 1:
            errors.append(
                _("“%(key)s” is asked more than once (steps %(steps)s); keep one.")
                % {"key": DOMAIN_KEYS[key][0], "steps": ", ".join(map(str, numbers))}
            )
    for name, count in names_seen.items():
        if count > 1 and "__" not in name:
            errors.append(
                _("Two questions have the answer name “%(name)s”; give each its own.")
                % {"name": name}
            )
    return errors


def field_key(key):
    """A condition may name a domain key (deceased.id_number) or an answer name."""
    return key.replace(".", "__")
