"""The application wizard: the scenario's form one step at a time (formtools
over a server-side draft), the registry check, a review, and one submission
through ``cases.services.applications``."""

from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from cases.constants import Channel, ProfileFlag, Scenario
from cases.models import Matter
from cases.registry.base import RegistryUnavailable
from cases.registry.service import lookup_person
from cases.services.applications import FamilyNotConfirmed, channel_for, submit_application
from cases.services.documents import Document
from cases.services.open_cases import (
    ALREADY_OPEN,
    CaseAlreadyOpen,
    open_case_for,
    someone_else_tried,
)
from cases.storage import draft_storage
from forms import engine
from forms.answers import ERROR_KEYS, collect
from forms.domain import field_name
from forms.models import Draft
from forms.storage import DraftStorage

from .access import family_required
from .apply import step_url
from .family_confirmation import CONFIRM, FamilyConfirmationStep
from .forms import ProfileForm, ReviewForm

PROFILE, REVIEW, DONE = "profile", "review", "done"
ID_KEY = "deceased.id_number"
# Where a refused submission's messages wait, by step, in the draft.
REFUSALS = "refusals_by_step"


@method_decorator(family_required, name="dispatch")
class ApplicationWizard(FamilyConfirmationStep, NamedUrlWizardView):
    """One question group per screen, from the draft's frozen form definition.

    The engine's steps come first, with the registry check ("profile") right
    after the step that asks the deceased's ID number, and a review at the end.
    """

    template_name = "portal/apply/step.html"
    profile_step = PROFILE
    file_storage = draft_storage()

    @classmethod
    def get_initkwargs(cls, *args, **kwargs):
        # The steps are known only per request, from the draft.
        return {
            "url_name": "portal:apply_step",
            "done_step_name": DONE,
            "form_list": OrderedDict(),
            "initial_dict": {},
            "instance_dict": {},
            "condition_dict": {},
        }

    def dispatch(self, request, *args, **kwargs):
        self.draft = get_object_or_404(
            Draft, pk=kwargs["draft_id"], owner=request.user, scenario=kwargs["scenario"]
        )
        if self.draft.case_id:
            return redirect("portal:case_detail", reference=self.draft.case.reference)
        self.engine_steps = engine.parse(self.draft.definition)
        self.form_list, self.condition_dict = OrderedDict(), {}
        for step in self.engine_steps:
            self.form_list[step.name] = step.form_class()
            if step.is_conditional:
                self.condition_dict[step.name] = engine.condition(step, self.engine_steps)
            if any(q.domain_key == ID_KEY for q in step.questions):
                self.id_step = step
                self.form_list[PROFILE] = ProfileForm
        self.form_list[REVIEW] = ReviewForm
        # What formtools' own dispatch does, with a storage bound to the draft.
        self.prefix = "apply"
        self.storage = DraftStorage(self.draft, self.prefix, request, self.file_storage)
        self.steps = StepsHelper(self)
        response = View.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_form(self, step=None, data=None, files=None):
        form = super().get_form(step, data, files)
        if (step or self.steps.current) == PROFILE:
            # Each item says which matters it brings, so the applicant sees
            # what will be handled while confirming.
            matters = self.matters_by_flag
            form.fields["flags"].choices = [
                (flag, f"{label}（{'、'.join(matters[flag])}）" if matters.get(flag) else label)
                for flag, label in ProfileFlag.choices
            ]
        return form

    def get_step_url(self, step):
        return step_url(self.draft, step)

    def process_step(self, form):
        # Keep only this step's answers, not the CSRF token or the step marker.
        prefix = f"{form.prefix}-"
        return {k: v for k, v in form.data.lists() if k.startswith(prefix)}

    def get_form_initial(self, step):
        if step == PROFILE:
            return self._registry_initial()
        if step == self._step_of("applicant.phone"):
            return {field_name("applicant.phone"): _phone_of(self.request.user)}
        return {}

    @cached_property
    def matters_by_flag(self):
        """Matter names of this scenario by the profile item that brings them
        ("" for those every case has); read once per request."""
        grouped = {}
        for matter in Matter.objects.active().order_by("code"):
            if matter.scenarios and self.draft.scenario not in matter.scenarios:
                continue
            grouped.setdefault(matter.required_flag or "", []).append(matter.name)
        return grouped

    def _step_of(self, domain_key):
        for step in self.engine_steps:
            if any(q.domain_key == domain_key for q in step.questions):
                return step.name
        return None

    def _id_number(self):
        data = self.storage.get_step_data(self.id_step.name)
        if not data:
            return ""
        return (data.get(f"{self.id_step.name}-{ID_KEY.replace('.', '__')}") or "").strip()

    def _registry_initial(self):
        id_number = self._id_number()
        cache = self.storage.extra_data.get("registry")
        if cache and cache.get("id_number") == id_number:
            return cache["initial"]
        try:
            record = lookup_person(id_number) if id_number else None
            status = "found" if record else "unknown"
        except (RegistryUnavailable, ValidationError):
            record, status = None, "unavailable"
        initial = {}
        if record:
            initial = {
                "name": record.name,
                "gender": record.gender,
                "birth_date": record.birth_date.isoformat(),
                "flags": [flag for flag, value in record.flags.items() if value],
            }
        self.storage.extra_data = {
            **self.storage.extra_data,
            "registry": {"id_number": id_number, "initial": initial, "status": status},
        }
        return initial

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            {
                "draft": self.draft,
                "scenario_label": Scenario(self.draft.scenario).label,
                "step_title": form.step_title,
                "step_explanation": form.step_explanation,
                "position": self.steps.step1,
                "total": self.steps.count,
            }
        )
        if step == PROFILE:
            context["registry_status"] = self.storage.extra_data.get("registry", {}).get("status")
            context["always_matters"] = self.matters_by_flag.get("", [])
            if self.open_case is not None:
                # Said here, before anything else is asked; the family of
                # the open case is told once per draft.
                someone_else_tried(self.open_case, attempt=f"draft:{self.draft.pk}")
                context["case_already_open"] = ALREADY_OPEN
                context["id_step_url"] = self.get_step_url(self.id_step.name)
        if step == REVIEW:
            context["summary"] = self._summary()
        # formtools copies extra_data into the context: the refusals of every
        # step would stand there as one dict (the box then said "1", the
        # step's name). Only this step's, by name; the stored answers bind
        # the form on GET too, so whether it is bound says nothing here.
        context["submit_errors"] = self.storage.extra_data.get(REFUSALS, {}).get(step)
        return context

    def _summary(self):
        """Every shown step with its questions and the answers as typed."""
        rows = []
        for name in self.get_form_list():
            if name == REVIEW:
                continue
            form = self.get_form(
                step=name,
                data=self.storage.get_step_data(name),
                files=self.storage.get_step_files(name),
            )
            answers = []
            if form.is_valid():
                for field_name, field in form.fields.items():
                    answers.append((field.label, _shown(form[field_name], form.cleaned_data)))
            rows.append({"step": name, "title": form.step_title, "answers": answers})
        return rows

    def render_done(self, form, **kwargs):
        # formtools resets the storage whatever done() returns; here the
        # draft is only emptied once the case exists, so a refused submission
        # loses nothing.
        if kwargs.get("step") != self.done_step_name:
            return redirect(self.get_step_url(self.done_step_name))
        final = OrderedDict()
        for key in self.get_form_list():
            form_obj = self.get_form(
                step=key,
                data=self.storage.get_step_data(key),
                files=self.storage.get_step_files(key),
            )
            if not form_obj.is_valid():
                return self.render_revalidation_failure(key, form_obj, **kwargs)
            final[key] = form_obj
        return self.done(final)

    def done(self, final):
        cleaned = {name: form.cleaned_data for name, form in final.items()}
        application = collect(self.engine_steps, cleaned)
        profile = cleaned[PROFILE]
        deceased = application.deceased
        deceased.name = profile["name"]
        deceased.gender = profile["gender"]
        deceased.birth_date = profile["birth_date"]
        try:
            with transaction.atomic():
                case = submit_application(
                    scenario=self.draft.scenario,
                    channel=channel_for(self.request.user, _channel(self.request)),
                    deceased=deceased,
                    applicant=application.applicant,
                    profile={flag: flag in profile["flags"] for flag in ProfileFlag.values},
                    submitted_by=self.request.user,
                    form_revision_id=self.draft.revision_id,
                    answers=application.answers,
                    documents=[
                        Document.from_upload(upload.label, upload.file, upload.kind)
                        for upload in application.uploads
                    ],
                    confirmed_phone=self.storage.extra_data.get("family_confirmed", ""),
                )
                self.draft.case = case
                self.draft.save(update_fields=["case", "updated_at"])
        except FamilyNotConfirmed:
            return redirect(self.get_step_url(CONFIRM))
        except CaseAlreadyOpen as exc:
            # Another application won the race after this one passed the
            # registry check: its family is told now, once per draft.
            if (open_case := open_case_for(self._id_number())) is not None:
                someone_else_tried(open_case, attempt=f"draft:{self.draft.pk}")
            return self._refused(exc)
        except ValidationError as exc:
            return self._refused(exc)
        self.storage.reset()
        messages.success(
            self.request,
            _("Your application was submitted. Its reference is %(reference)s.")
            % {"reference": case.display_reference},
        )
        return redirect("portal:case_detail", reference=case.reference)

    def _refused(self, exc):
        """Send the applicant back to the step whose answer was refused."""
        by_step = {}
        for key, problems in exc.message_dict.items():
            domain_key = ERROR_KEYS.get(key)
            step = self._step_of(domain_key) if domain_key else None
            if key.startswith("deceased.") and step is None:
                step = PROFILE
            by_step.setdefault(step or REVIEW, []).extend(problems)
        self.storage.extra_data = {**self.storage.extra_data, REFUSALS: by_step}
        first = next(s for s in self.get_form_list() if s in by_step)
        messages.error(self.request, _("Something needs correcting before we can submit."))
        return redirect(self.get_step_url(first))

    @cached_property
    def open_case(self):
        return open_case_for(self._id_number())

    def render_next_step(self, form, **kwargs):
        if self.steps.current == PROFILE and self.open_case is not None:
            return self.render(form)  # the notice says why; what was typed is kept
        self._clear_submit_errors(self.steps.current)
        return super().render_next_step(form, **kwargs)

    def _clear_submit_errors(self, step):
        errors = dict(self.storage.extra_data.get(REFUSALS, {}))
        if errors.pop(step, None) is not None:
            self.storage.extra_data = {**self.storage.extra_data, REFUSALS: errors}


def _shown(bound_field, cleaned_data):
    value = cleaned_data.get(bound_field.name)
    field = bound_field.field
    if value in (None, "", []):
        return "—"
    if hasattr(field, "choices") and field.choices:
        labels = dict(field.choices)
        if isinstance(value, list):
            return "、".join(str(labels.get(v, v)) for v in value)
        return str(labels.get(value, value))
    if hasattr(value, "name") and hasattr(value, "size"):
        return value.name
    if value is True:
        return _("Agreed")
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _channel(request):
    marker = settings.MOBILE_APP_USER_AGENT_MARKER
    return Channel.MOBILE if marker in request.headers.get("User-Agent", "") else Channel.WEB


def _phone_of(user):
    from cases.models import PhoneDevice

    device = PhoneDevice.objects.filter(user=user).first()
    return device.phone if device else ""
