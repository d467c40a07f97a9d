"""Applying: choose a scenario, start or resume a draft, or delete one. The
steps themselves are the wizard's (``portal.wizard``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases.constants import Scenario
from content.models import ScenarioGuidePage
from forms.filing import discard
from forms.models import ApplicationFormPage, Draft

from .access import family_required


def apply_index(request):
    """Public: the three scenarios, each with its guide; drafts to resume."""
    guides = {
        g.scenario: g
        for g in ScenarioGuidePage.objects.live().filter(locale__language_code=_language())
    }
    drafts = []
    if request.user.is_authenticated:
        drafts = list(Draft.objects.in_progress().filter(owner=request.user))
    return render(
        request,
        "portal/apply/index.html",
        {
            "scenarios": [(value, label, guides.get(value)) for value, label in Scenario.choices],
            "drafts": drafts,
        },
    )


@family_required
def apply_start(request, scenario):
    """Start a new draft (POST) or resume one of this scenario's."""
    if scenario not in Scenario.values:
        raise Http404
    form_page = ApplicationFormPage.for_scenario(scenario)
    if form_page is None:
        return render(request, "portal/apply/unavailable.html", status=503)
    if request.method == "POST":
        draft = Draft.start(request.user, form_page)
        return redirect(step_url(draft, None))
    drafts = Draft.objects.in_progress().filter(owner=request.user, scenario=scenario)
    return render(
        request,
        "portal/apply/start.html",
        {"form_page": form_page, "scenario_label": Scenario(scenario).label, "drafts": drafts},
    )


@family_required
def discard_draft(request, draft_id):
    """Asks once (GET: what will be lost), then deletes (POST)."""
    draft = get_object_or_404(Draft.objects.in_progress(), pk=draft_id, owner=request.user)
    if request.method != "POST":
        return render(request, "portal/apply/discard.html", {"draft": draft})
    discard(draft)
    messages.info(request, _("The unfinished application was deleted."))
    return redirect("portal:apply_index")


def step_url(draft, step):
    kwargs = {"scenario": draft.scenario, "draft_id": draft.pk}
    if step is None:
        return reverse("portal:apply_draft", kwargs=kwargs)
    return reverse("portal:apply_step", kwargs={**kwargs, "step": step})


def _language():
    from django.utils.translation import get_language

    return "en" if get_language() == "en" else "zh-hans"
