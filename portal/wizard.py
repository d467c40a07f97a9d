"""The application wizard: the scenario's form one step at a time (formtools
over a server-side draft), the registry check, a review, and one submission
through ``cases.services.applications``."""

from collections import OrderedDict

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from cases.constants import Channel, Scenario
from cases.punctuation import enumeration
from cases.services.applications import FamilyNotConfirmed, channel_for
from cases.services.registry_check import verified_phone
from forms.filing import PREFIX, PROFILE, REVIEW, Filing, Refused
from forms.models import Draft

from .access import family_required
from .apply import step_url
from .family_confirmation import CONFIRM, FamilyConfirmationStep

DONE = "done"


@method_decorator(family_required, name="dispatch")
class ApplicationWizard(FamilyConfirmationStep, NamedUrlWizardView):
    """One question group per screen, from the draft's frozen form definition.

    The engine's steps come first, with the registry check ("profile") right
    after the step that asks the deceased's ID number, and a review at the end.
    """

    template_name = "portal/apply/step.html"
    profile_step = PROFILE

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
        if request.method != "POST":
            return self._dispatch(Draft.objects.all(), request, *args, **kwargs)
        # A POST rewrites the draft's answers: the app (or another tab) saving
        # the same draft at that moment waits instead of being overwritten.
        with transaction.atomic():
            return self._dispatch(Draft.objects.select_for_update(), request, *args, **kwargs)

    def _dispatch(self, drafts, request, *args, **kwargs):
        self.draft = get_object_or_404(
            drafts, pk=kwargs["draft_id"], owner=request.user, scenario=kwargs["scenario"]
        )
        if self.draft.case_id:
            return redirect("portal:case_detail", reference=self.draft.case.reference)
        self.filing = Filing(self.draft, request)
        self.form_list = self.filing.form_list
        self.condition_dict = self.filing.condition_dict
        self.id_step = self.filing.id_step
        # What formtools' own dispatch does, with the draft's storage.
        self.prefix = PREFIX
        self.storage = self.filing.storage
        self.steps = StepsHelper(self)
        response = View.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def post(self, *args, **kwargs):
        # A stale tab (or a hand-made request) posting a step that the
        # answers now hide made formtools fail with a KeyError (a 500).
        posted = self.request.POST.get(f"{PREFIX}-current_step")
        if (
            kwargs.get("step") != CONFIRM
            and "wizard_goto_step" not in self.request.POST
            and posted
            and posted not in self.get_form_list()
        ):
            messages.info(self.request, _("That question no longer applies to your answers."))
            return redirect(self.get_step_url(self.steps.current))
        return super().post(*args, **kwargs)

    def get_form(self, step=None, data=None, files=None):
        form = super().get_form(step, data, files)
        return self.filing.adapt(step or self.steps.current, form)

    def get_step_url(self, step):
        return step_url(self.draft, step)

    def process_step(self, form):
        # Keep only this step's answers, not the CSRF token or the step marker.
        prefix = f"{form.prefix}-"
        return {k: v for k, v in form.data.lists() if k.startswith(prefix)}

    def get_form_initial(self, step):
        return self.filing.initial(step, phone=verified_phone(self.request.user))

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        context.update(
            {
                "draft": self.draft,
                "scenario_label": Scenario(self.draft.scenario).label,
                "step_title": form.step_title,
                "step_explanation": form.step_explanation,
                **self._progress(step),
            }
        )
        if self.filing.for_staff:
            # Said on every step: whom this application is for.
            context["filing_for"] = self.filing.filed_for()
        if step == PROFILE:
            context["registry_status"] = self.filing.registry_status
            context["always_matters"] = self.filing.matters_by_flag.get("", [])
            if self.filing.open_case is not None:
                # Said here, before anything else is asked; the family of
                # the open case is told once per draft.
                self.filing.tell_open_case()
                context["case_already_open"] = self.filing.already_filed()
                context["id_step_url"] = self.get_step_url(self.id_step.name)
        if step == REVIEW:
            context["summary"] = self._summary()
        # formtools copies extra_data into the context: the refusals of every
        # step would stand there as one dict (the box then said "1", the
        # step's name). Only this step's, by name; the stored answers bind
        # the form on GET too, so whether it is bound says nothing here.
        context["submit_errors"] = self.filing.refusals().get(step)
        return context

    def _progress(self, step):
        position, total = self.filing.progress(step)
        return {"position": position, "total": total}

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
                    items = _items(form[field_name], form.cleaned_data)
                    answers.append(
                        {
                            "label": field.label,
                            "value": _shown(form[field_name], form.cleaned_data),
                            # A long list is folded; every other answer shows.
                            "items": items if len(items) > LONG_LIST else None,
                        }
                    )
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
        try:
            case = self.filing.submit(
                cleaned,
                user=self.request.user,
                channel=channel_for(self.request.user, Channel.WEB),
                confirmed_phone=self.storage.extra_data.get("family_confirmed", ""),
            )
        except FamilyNotConfirmed:
            return redirect(self.get_step_url(CONFIRM))
        except Refused as refused:
            # Back to the first step whose answer was refused.
            first = next(s for s in self.get_form_list() if s in refused.by_step)
            messages.error(self.request, _("Something needs correcting before we can submit."))
            return redirect(self.get_step_url(first))
        messages.success(
            self.request,
            _("Your application was submitted. Its reference is %(reference)s.")
            % {"reference": case.display_reference},
        )
        return redirect("portal:case_detail", reference=case.reference)

    def render_next_step(self, form, **kwargs):
        if self.steps.current == PROFILE and self.filing.open_case is not None:
            return self.render(form)  # the notice says why; what was typed is kept
        self.filing.clear_refusals(self.steps.current)
        return super().render_next_step(form, **kwargs)


# More items than this in one answer (the registry check's list) are folded
# on the review page; everything else is shown as answered.
LONG_LIST = 3


def _items(bound_field, cleaned_data):
    """The labels of a many-choice answer, else []."""
    value = cleaned_data.get(bound_field.name)
    field = bound_field.field
    if not isinstance(value, list) or not getattr(field, "choices", None):
        return []
    labels = dict(field.choices)
    return [str(labels.get(v, v)) for v in value]


def _shown(bound_field, cleaned_data):
    value = cleaned_data.get(bound_field.name)
    field = bound_field.field
    if value in (None, "", []):
        return "—"
    if hasattr(field, "choices") and field.choices:
        labels = dict(field.choices)
        if isinstance(value, list):
            return enumeration(labels.get(v, v) for v in value)
        return str(labels.get(value, value))
    if hasattr(value, "name") and hasattr(value, "size"):
        return value.name
    if value is True:
        return _("Agreed")
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()
    return str(value)
