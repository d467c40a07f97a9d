"""村村都有 for the supervisors of civil affairs: per county, how many villages
have an active, trained funeral assistant, the villages without one, and
handing a case to another assistant (``cases.services.network``). Areas,
assistants and their trainings are edited as snippets."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import Area, AssistantTraining, Case, FuneralAssistant
from cases.references import parse_reference
from cases.services import network

from .viewsets import StaffViewSet

SHOWN = 200


class ReassignForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Case reference"), max_length=20)
    assistant = forms.ModelChoiceField(
        label=gettext_lazy("Funeral assistant"),
        queryset=FuneralAssistant.objects.filter(active=True),
    )
    reason = forms.CharField(label=gettext_lazy("Why"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reference(self):
        try:
            reference = parse_reference(self.cleaned_data["reference"])
        except ValidationError:
            raise ValidationError(_("No case has this reference.")) from None
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            raise ValidationError(_("No case has this reference."))
        return case


class CoverageViewSet(StaffViewSet):
    name = "assistant_coverage"
    url_prefix = "assistant-coverage"
    icon = "group"
    menu_label = gettext_lazy("Assistants in every village")
    menu_order = 78
    allowed = staticmethod(network.may_run_the_network)

    def index_view(self, request):
        self.require_allowed(request)
        today = timezone.localdate()
        form = ReassignForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                case = network.reassign(
                    form.cleaned_data["reference"],
                    form.cleaned_data["assistant"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(
                    request,
                    _("Case %(reference)s now goes to %(assistant)s.")
                    % {"reference": case.display_reference, "assistant": case.assistant.name},
                )
                return redirect(f"{self.name}:index")
        uncovered = network.uncovered_villages(today)
        return TemplateResponse(
            request,
            "office/assistant_coverage.html",
            {
                "counties": network.coverage(today),
                "uncovered": list(uncovered[:SHOWN]),
                "uncovered_total": uncovered.count(),
                "refreshers": list(network.refreshers_due(today)[:SHOWN]),
                "warning_days": network.REFRESHER_WARNING_DAYS,
                "form": form,
                "today": today,
            },
        )

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]


coverage_viewset = CoverageViewSet()


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = gettext_lazy("Counties, towns and villages")
    list_display = ["code", "name", "level", "parent", "active"]
    list_filter = ["level", "active"]
    search_fields = ["code", "name"]


class FuneralAssistantViewSet(SnippetViewSet):
    model = FuneralAssistant
    icon = "user"
    menu_label = gettext_lazy("Funeral assistants")
    list_display = ["name", "active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("villages"),
        FieldPanel("active"),
    ]


class AssistantTrainingViewSet(SnippetViewSet):
    model = AssistantTraining
    icon = "doc-full"
    menu_label = gettext_lazy("Assistants' trainings")
    list_display = ["assistant", "course", "held_on", "hours", "refresher_due"]
    list_filter = ["held_on"]


class NetworkGroup(SnippetViewSetGroup):
    items = (AreaViewSet, FuneralAssistantViewSet, AssistantTrainingViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Assistant network")
    menu_name = "assistant_network"
