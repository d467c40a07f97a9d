"""What the app reads of an application form and of a draft: the form's
steps and questions as the web wizard asks them (``forms.filing``), in the
caller's language where the text is ours, as the editor wrote it where it is
theirs."""

import graphene

from cases.constants import Scenario
from cases.services.registry_check import verified_phone
from forms.filing import PROFILE, REVIEW, Filing

# The registry check's questions are the engine's own, not an editor's.
PROFILE_TYPES = {
    "name": "text",
    "gender": "choice",
    "birth_date": "date",
    "flags": "multiple_choice",
}


class ChoiceType(graphene.ObjectType):
    class Meta:
        name = "Choice"

    value = graphene.String(required=True, description="What to send back.")
    label = graphene.String(required=True, description="What to show.")


class QuestionType(graphene.ObjectType):
    class Meta:
        name = "Question"

    name = graphene.String(required=True, description="The answer's name in saveDraftStep.")
    type = graphene.String(
        required=True,
        description="text, resident_id, mobile, date (YYYY-MM-DD), datetime "
        "(YYYY-MM-DDTHH:MM, Beijing time), choice, multiple_choice, yes_no, relationship, "
        "bank_account, file (send an upload id), consent (send 'on' to agree).",
    )
    label = graphene.String(required=True)
    help_text = graphene.String(required=True)
    required = graphene.Boolean(required=True)
    choices = graphene.List(graphene.NonNull(ChoiceType), required=True)
    max_size_mb = graphene.Int(description="For a file: the largest accepted.")
    consent_version = graphene.String(description="For a consent: the text's version.")


class ConditionType(graphene.ObjectType):
    class Meta:
        name = "Condition"

    question = graphene.String(required=True)
    value = graphene.String(required=True, description="Shown when the answer is (or includes) it.")


class FormStepType(graphene.ObjectType):
    class Meta:
        name = "FormStep"

    name = graphene.String(required=True)
    title = graphene.String(required=True)
    explanation = graphene.String(required=True)
    show_if = graphene.Field(ConditionType)
    section = graphene.Int(
        required=True,
        description="The step's number as the family sees it (第 section 步，共 sections 步): "
        "a conditional step has the number of the step it follows, so the count never "
        "changes under the family. The web shows the same.",
    )
    questions = graphene.List(graphene.NonNull(QuestionType), required=True)


class ApplicationFormType(graphene.ObjectType):
    class Meta:
        name = "ApplicationForm"

    scenario = graphene.String(required=True)
    title = graphene.String(required=True)
    intro = graphene.String(required=True)
    steps = graphene.List(
        graphene.NonNull(FormStepType),
        required=True,
        description="In order; the registry check ('profile') follows the deceased's ID "
        "number, the review ('review', no questions) comes last.",
    )
    sections = graphene.Int(
        required=True, description="How many steps the family is told there are."
    )


def describe(filing, *, title="", intro=""):
    """The form of ``filing`` as the app renders it."""
    by_name = {step.name: step for step in filing.steps}
    steps = []
    for name in filing.form_list:
        form = filing.form(name)
        engine_step = by_name.get(name)
        questions = {q.name: q for q in engine_step.questions} if engine_step else {}
        steps.append(
            FormStepType(
                name=name,
                title=str(form.step_title),
                explanation=str(form.step_explanation),
                show_if=(
                    ConditionType(question=engine_step.show_if_key, value=engine_step.show_if_value)
                    if engine_step and engine_step.is_conditional
                    else None
                ),
                section=filing.progress(name)[0],
                questions=[
                    _question(field_name, field, questions.get(field_name))
                    for field_name, field in form.fields.items()
                ]
                if name != REVIEW
                else [],
            )
        )
    return ApplicationFormType(
        scenario=filing.draft.scenario,
        title=title,
        intro=intro,
        steps=steps,
        sections=len(filing.sections()),
    )


def _question(name, field, question):
    kind = question.field_type if question else PROFILE_TYPES[name]
    return QuestionType(
        name=name,
        type=kind,
        label=str(field.label or ""),
        help_text=str(field.help_text or ""),
        required=field.required,
        choices=[
            ChoiceType(value=str(value), label=str(label))
            for value, label in _flat(getattr(field, "choices", []))
        ],
        max_size_mb=getattr(field, "max_size_mb", None),
        consent_version=getattr(field, "consent_version", None),
    )


def _flat(choices):
    """A select's choices without option groups: "group name" for each
    grouped one (the villages under their county and town)."""
    for value, label in choices:
        if value == "":  # the select's "choose…": the app shows its own
            continue
        if isinstance(label, (list, tuple)):
            yield from ((code, f"{value} {name}") for code, name in label)
        else:
            yield value, label


class AnswerType(graphene.ObjectType):
    class Meta:
        name = "Answer"

    question = graphene.String(required=True)
    values = graphene.List(graphene.NonNull(graphene.String), required=True)


class FileAnswerType(graphene.ObjectType):
    class Meta:
        name = "FileAnswer"

    question = graphene.String(required=True)
    name = graphene.String(required=True, description="The file's name as it was sent.")
    size = graphene.Int(required=True)


class StepAnswersType(graphene.ObjectType):
    class Meta:
        name = "StepAnswers"

    step = graphene.String(required=True)
    answers = graphene.List(graphene.NonNull(AnswerType), required=True)
    files = graphene.List(graphene.NonNull(FileAnswerType), required=True)


class FieldErrorType(graphene.ObjectType):
    class Meta:
        name = "FieldError"

    question = graphene.String(description="Empty for the step (or the list) as a whole.")
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)


class StepErrorsType(graphene.ObjectType):
    class Meta:
        name = "StepErrors"

    step = graphene.String(required=True)
    messages = graphene.List(graphene.NonNull(graphene.String), required=True)


class RegistryPrefillType(graphene.ObjectType):
    class Meta:
        name = "RegistryPrefill"

    status = graphene.String(
        required=True,
        description="found (shown: a death is recorded and the applicant is linked to the "
        "deceased), not_linked (a death is recorded; nothing shown), alive (no death is "
        "recorded; nothing shown), unknown (not in the records) or unavailable.",
    )
    name = graphene.String()
    gender = graphene.String()
    birth_date = graphene.String()
    flags = graphene.List(graphene.NonNull(graphene.String), required=True)


def problems_of(refused):
    """A service's ValidationError as {field: messages}; one not tied to a
    field under "__all__"."""
    if hasattr(refused, "error_dict"):
        return refused.message_dict
    return {"__all__": refused.messages}


def field_errors(errors):
    return [
        FieldErrorType(question=None if name == "__all__" else name, messages=list(messages))
        for name, messages in errors.items()
    ]


class DraftType(graphene.ObjectType):
    """An application being filled in; the same row the web wizard resumes."""

    class Meta:
        name = "Draft"

    id = graphene.ID(required=True)
    scenario = graphene.String(required=True)
    scenario_label = graphene.String(required=True)
    updated_at = graphene.DateTime(required=True)
    form = graphene.Field(
        ApplicationFormType,
        required=True,
        description="The form this draft started with (a later edit never changes it).",
    )
    shown_steps = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="The steps shown with the answers kept now, in order.",
    )
    next_step = graphene.String(required=True, description="The first unanswered shown step.")
    answers = graphene.List(graphene.NonNull(StepAnswersType), required=True)
    registry = graphene.Field(
        RegistryPrefillType,
        description="For the 'profile' step, once the deceased's ID number is saved.",
    )
    prefilled = graphene.List(
        graphene.NonNull(StepAnswersType),
        required=True,
        description=(
            "Answers filled in before the family typed anything, by step: the deceased's ID "
            "number, time and place of death from a medical certificate that names them its "
            "family contact, and their own phone number as the applicant's."
        ),
    )
    case_already_open = graphene.Boolean(
        required=True,
        description="A case for this death is already in progress: it cannot be filed again.",
    )
    refusals = graphene.List(
        graphene.NonNull(StepErrorsType),
        required=True,
        description="What the last submission was refused for, by step.",
    )

    def resolve_scenario_label(draft, info):
        return str(Scenario(draft.scenario).label)

    def resolve_form(draft, info):
        page = draft.form_page
        return describe(
            filing_of(draft), title=page.title if page else "", intro=page.intro if page else ""
        )

    def resolve_shown_steps(draft, info):
        return filing_of(draft).shown()

    def resolve_next_step(draft, info):
        return filing_of(draft).next_step()

    def resolve_answers(draft, info):
        filing = filing_of(draft)
        rows = []
        for step in filing.shown():
            data = filing.storage.get_step_data(step)
            if data is None:
                continue
            prefix = f"{step}-"
            files = filing.storage.data[filing.storage.step_files_key].get(step, {})
            rows.append(
                StepAnswersType(
                    step=step,
                    answers=[
                        AnswerType(question=key.removeprefix(prefix), values=values)
                        for key, values in data.lists()
                        if key.startswith(prefix)
                    ],
                    files=[
                        FileAnswerType(
                            question=key.removeprefix(prefix), name=meta["name"], size=meta["size"]
                        )
                        for key, meta in files.items()
                    ],
                )
            )
        return rows

    def resolve_registry(draft, info):
        filing = filing_of(draft)
        if PROFILE not in filing.form_list or not filing.id_number():
            return None
        initial = filing.registry_initial()
        filing.storage.save()  # the lookup is kept, as the wizard keeps it
        return RegistryPrefillType(
            status=filing.registry_status,
            name=initial.get("name"),
            gender=initial.get("gender"),
            birth_date=initial.get("birth_date"),
            flags=initial.get("flags", []),
        )

    def resolve_prefilled(draft, info):
        filing = filing_of(draft)
        phone = verified_phone(info.context.user)
        rows = []
        for step in filing.shown():
            initial = filing.initial(step, phone=phone) if step != PROFILE else {}
            if initial:
                answers = [AnswerType(question=k, values=[str(v)]) for k, v in initial.items()]
                rows.append(StepAnswersType(step=step, answers=answers, files=[]))
        return rows

    def resolve_case_already_open(draft, info):
        return filing_of(draft).open_case is not None

    def resolve_refusals(draft, info):
        return [
            StepErrorsType(step=step, messages=messages)
            for step, messages in filing_of(draft).refusals().items()
        ]


def filing_of(draft):
    """One Filing per draft and request: its answers are decrypted once."""
    if not hasattr(draft, "_filing"):
        draft._filing = Filing(draft)
    return draft._filing
