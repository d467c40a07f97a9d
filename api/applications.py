"""Filing from the app (掌上办): the form, drafts kept in the same rows as the
web wizard's, and the submission through the same service
(``forms.filing``). Files come through the upload endpoint
(``api.uploads``) and are referred to by the id it returns.

The channel is ``mobile`` because the request carries an app token; the
portal's own session (with its CSRF token) files on the web channel."""

import uuid

import graphene
from django.db import transaction
from django.utils.translation import gettext as _

from cases.constants import Channel, Scenario
from cases.roles import is_citizen
from forms.filing import Filing, Refused, StepIncomplete, discard
from forms.models import ApplicationFormPage, Draft

from . import auth
from .application_types import (
    ApplicationFormType,
    DraftType,
    FieldErrorType,
    StepErrorsType,
    describe,
    field_errors,
    filing_of,
)
from .errors import ApiError, answers_errors, forbidden
from .types import CaseType

# At most this many unfinished applications per person (each one holds
# personal data and files until it is submitted or pruned).
MAX_DRAFTS = 10


def applicant(info):
    """A citizen: staff file for a family in the staff face, where the
    family confirms by a code (``portal.family_confirmation``)."""
    user = auth.citizen(info)
    if not is_citizen(user):
        raise forbidden(_("Staff file for a family in the staff face, not in the app."))
    return user


def channel_of(info):
    return Channel.MOBILE if getattr(info.context, "api_token", None) else Channel.WEB


def scenario_of(value):
    if value not in Scenario.values:
        raise ApiError(
            _("Unknown scenario; use %(values)s.") % {"values": ", ".join(Scenario.values)},
            code="invalid",
        )
    return value


def form_page(scenario):
    page = ApplicationFormPage.for_scenario(scenario)
    if page is None:
        raise ApiError(
            _("Applications for this situation cannot be taken online just now; call 12345."),
            code="unavailable",
        )
    return page


def draft_for(info, draft_id, *, lock=False):
    """The caller's unfinished draft, or not_found (also for someone else's)."""
    user = applicant(info)
    try:
        pk = uuid.UUID(str(draft_id))
    except ValueError:
        pk = None
    drafts = Draft.objects.in_progress().filter(owner=user)
    if lock:
        # Only the draft's row: its form page is a nullable (outer) join,
        # which PostgreSQL will not lock.
        drafts = drafts.select_for_update(of=("self",))
    draft = drafts.filter(pk=pk).select_related("form_page").first() if pk else None
    if draft is None:
        raise ApiError(_("No such unfinished application."), code="not_found")
    return draft


class ApplicationQueries(graphene.ObjectType):
    application_form = graphene.Field(
        ApplicationFormType,
        required=True,
        scenario=graphene.String(required=True, description="hospital, home or abnormal."),
        description="The published form of a scenario, in the caller's language.",
    )
    my_drafts = graphene.List(
        graphene.NonNull(DraftType),
        required=True,
        description="The signed-in citizen's unfinished applications, newest first.",
    )
    draft = graphene.Field(DraftType, id=graphene.ID(required=True))

    @answers_errors()
    def resolve_application_form(root, info, scenario):
        page = form_page(scenario_of(scenario))
        draft = Draft(scenario=page.scenario, form_page=page, definition=page.definition())
        return describe(Filing(draft), title=page.title, intro=page.intro)

    def resolve_my_drafts(root, info):
        user = applicant(info)
        return list(
            Draft.objects.in_progress().filter(owner=user).select_related("form_page")[:MAX_DRAFTS]
        )

    def resolve_draft(root, info, id):
        return draft_for(info, id)


class StartDraft(graphene.Mutation):
    """Start an application from the scenario's published form."""

    class Arguments:
        scenario = graphene.String(required=True)

    draft = graphene.Field(DraftType, required=True)

    @answers_errors()
    def mutate(root, info, scenario):
        user = applicant(info)
        page = form_page(scenario_of(scenario))
        if Draft.objects.in_progress().filter(owner=user).count() >= MAX_DRAFTS:
            raise ApiError(
                _("You have %(count)s unfinished applications; finish or delete one first.")
                % {"count": MAX_DRAFTS},
                code="refused",
            )
        return StartDraft(draft=Draft.start(user, page))


class AnswerInput(graphene.InputObjectType):
    question = graphene.String(required=True)
    values = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="One value; several for a multiple choice; none to leave it empty.",
    )


class FileInput(graphene.InputObjectType):
    question = graphene.String(required=True)
    upload_id = graphene.ID(required=True, description="What the upload endpoint returned.")


class SaveDraftStep(graphene.Mutation):
    """Check one step's answers and keep them (all or nothing). A refused
    answer comes back in ``errors`` by question, in the caller's language."""

    class Arguments:
        draft_id = graphene.ID(required=True)
        step = graphene.String(required=True)
        answers = graphene.List(graphene.NonNull(AnswerInput), required=True)
        files = graphene.List(graphene.NonNull(FileInput), default_value=[])

    saved = graphene.Boolean(required=True)
    errors = graphene.List(graphene.NonNull(FieldErrorType), required=True)
    draft = graphene.Field(DraftType, required=True)

    @answers_errors()
    def mutate(root, info, draft_id, step, answers, files):
        with transaction.atomic():
            draft = draft_for(info, draft_id, lock=True)
            filing = filing_of(draft)
            errors = filing.save_step(
                step,
                {a.question: a.values for a in answers},
                {f.question: str(f.upload_id) for f in files},
            )
            if not errors and filing.id_step and step == filing.id_step.name:
                if filing.open_case is not None:
                    filing.tell_open_case()
        return SaveDraftStep(saved=not errors, errors=field_errors(errors), draft=draft)


class DeleteDraft(graphene.Mutation):
    """Delete an unfinished application with its files."""

    class Arguments:
        draft_id = graphene.ID(required=True)

    ok = graphene.Boolean(required=True)

    @answers_errors()
    def mutate(root, info, draft_id):
        with transaction.atomic():
            discard(draft_for(info, draft_id, lock=True))
        return DeleteDraft(ok=True)


class SubmitApplication(graphene.Mutation):
    """Submit a draft whose every shown step is answered: the same service
    as the web's. Refusals come back by step, and wait in the draft."""

    class Arguments:
        draft_id = graphene.ID(required=True)

    case = graphene.Field(CaseType)
    errors = graphene.List(graphene.NonNull(StepErrorsType), required=True)

    @answers_errors()
    def mutate(root, info, draft_id):
        user = applicant(info)
        with transaction.atomic():
            filing = filing_of(draft_for(info, draft_id, lock=True))
            try:
                case = filing.submit(filing.cleaned(), user=user, channel=channel_of(info))
            except StepIncomplete as incomplete:
                messages = [m for texts in incomplete.errors.values() for m in texts]
                return SubmitApplication(
                    case=None, errors=[StepErrorsType(step=incomplete.step, messages=messages)]
                )
            except Refused as refused:
                return SubmitApplication(
                    case=None,
                    errors=[
                        StepErrorsType(step=step, messages=[str(m) for m in messages])
                        for step, messages in refused.by_step.items()
                    ],
                )
        return SubmitApplication(case=case, errors=[])


class ApplicationMutations(graphene.ObjectType):
    start_draft = StartDraft.Field()
    save_draft_step = SaveDraftStep.Field()
    delete_draft = DeleteDraft.Field()
    submit_application = SubmitApplication.Field()
