"""The catalogue's admin: departments, matters, the holiday calendar and the
SMS templates, as Wagtail snippets. The models are the domain's; how an
administrator edits them is decided here."""

from django.contrib import messages
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cases.constants import Scenario
from cases.models import CalendarOverride, Department, Matter, MedicalInstitution, SmsTemplate
from cases.services.critical_path import longest_chains
from cases.services.submission import CASE_TIME_LIMIT_DAYS

from .catalogue_forms import DepartmentAdminForm, MatterAdminForm


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("Departments")
    list_display = ["code", "name_zh", "name_en"]
    search_fields = ["code", "name_zh", "name_en"]
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("name_zh"),
            FieldPanel("name_en"),
            FieldPanel("public_phone"),
            FieldPanel("sort_order"),
            FieldRowPanel([FieldPanel("clerk_group"), FieldPanel("supervisor_group")]),
            MultiFieldPanel(
                [FieldPanel("connector"), FieldPanel("endpoint_url"), FieldPanel("shared_secret")],
                heading=gettext_lazy("Connection to the department's system"),
            ),
        ],
        base_form_class=DepartmentAdminForm,
    )


class MatterIndexView(IndexView):
    """The matters, under each scenario's longest chain of limits after the
    death certificate: what the 3-working-day promise rests on."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["chains"] = [
            (Scenario(scenario).label, chain) for scenario, chain in longest_chains().items()
        ]
        context["target_days"] = CASE_TIME_LIMIT_DAYS
        return context


def warn_if_a_chain_is_too_long(request):
    """After a matter is saved: say which scenario can no longer keep the
    promise, and through which matters."""
    for scenario, chain in longest_chains().items():
        if chain.too_long:
            messages.warning(
                request,
                gettext(
                    "%(scenario)s: the longest chain after the death certificate (%(chain)s) "
                    "now takes %(days)s working days, more than the %(target)s promised."
                )
                % {
                    "scenario": Scenario(scenario).label,
                    "chain": chain,
                    "days": chain.working_days,
                    "target": CASE_TIME_LIMIT_DAYS,
                },
            )


class MatterViewSet(SnippetViewSet):
    model = Matter
    index_view_class = MatterIndexView
    index_template_name = "office/matter_index.html"
    icon = "list-ul"
    menu_label = gettext_lazy("Matters")
    list_display = [
        "code",
        "name_zh",
        "department",
        "time_limit",
        "requires_consent",
        "is_active",
    ]
    list_filter = ["department", "requires_consent", "issues_certificate", "is_active"]
    search_fields = ["code", "name_zh", "name_en"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("code"), FieldPanel("department")]),
            FieldPanel("name_zh"),
            FieldPanel("name_en"),
            MultiFieldPanel(
                [FieldPanel("scenarios"), FieldPanel("required_flag"), FieldPanel("depends_on")],
                heading=gettext_lazy("When it applies"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("time_limit"), FieldPanel("time_limit_unit")]),
                    FieldPanel("time_limits_by_scenario"),
                    FieldRowPanel([FieldPanel("starts_case_clock"), FieldPanel("starts_after")]),
                    FieldPanel("is_automatic"),
                ],
                heading=gettext_lazy("Time limit"),
            ),
            FieldPanel("needs"),
            MultiFieldPanel(
                [
                    FieldPanel("requires_consent"),
                    FieldPanel("issues_certificate"),
                    FieldPanel("certificate_name_zh"),
                    FieldPanel("certificate_name_en"),
                ],
                heading=gettext_lazy("Consent and certificate"),
            ),
            FieldRowPanel([FieldPanel("sort_order"), FieldPanel("is_active")]),
        ],
        base_form_class=MatterAdminForm,
    )


class MedicalInstitutionViewSet(SnippetViewSet):
    """Hospitals and community health centres; the members of an
    institution's liaisons' group certify its deaths."""

    model = MedicalInstitution
    icon = "plus-inverse"
    menu_label = gettext_lazy("Medical institutions")
    list_display = ["code", "name_zh", "kind", "county", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name_zh", "name_en"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name_zh"),
        FieldPanel("name_en"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("county")]),
        FieldPanel("liaison_group"),
        FieldPanel("active"),
    ]


class CalendarOverrideViewSet(SnippetViewSet):
    model = CalendarOverride
    icon = "date"
    menu_label = gettext_lazy("Holidays and make-up workdays")
    list_display = ["date", "is_workday", "name"]
    list_filter = ["is_workday"]


class SmsTemplateViewSet(SnippetViewSet):
    model = SmsTemplate
    icon = "mail"
    menu_label = gettext_lazy("SMS templates")
    list_display = ["name", "code", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("text"),
        FieldPanel("text_en"),
        FieldPanel("is_active"),
    ]


class CatalogueGroup(SnippetViewSetGroup):
    items = (
        DepartmentViewSet,
        MatterViewSet,
        MedicalInstitutionViewSet,
        CalendarOverrideViewSet,
        SmsTemplateViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = gettext_lazy("Catalogue")
    menu_name = "catalogue"
