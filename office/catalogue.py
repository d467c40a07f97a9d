"""The catalogue's admin: departments, matters, the holiday calendar and the
SMS templates, as Wagtail snippets. The models are the domain's; how an
administrator edits them is decided here."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import CalendarOverride, Department, Matter, SmsTemplate

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
            FieldPanel("sort_order"),
            FieldRowPanel([FieldPanel("clerk_group"), FieldPanel("supervisor_group")]),
            MultiFieldPanel(
                [FieldPanel("connector"), FieldPanel("endpoint_url"), FieldPanel("shared_secret")],
                heading=gettext_lazy("Connection to the department's system"),
            ),
        ],
        base_form_class=DepartmentAdminForm,
    )


class MatterViewSet(SnippetViewSet):
    model = Matter
    icon = "list-ul"
    menu_label = gettext_lazy("Matters")
    list_display = [
        "code",
        "name_zh",
        "department",
        "time_limit_days",
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
            FieldRowPanel([FieldPanel("time_limit_days"), FieldPanel("is_automatic")]),
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
    panels = [FieldPanel("name"), FieldPanel("text"), FieldPanel("is_active")]


class CatalogueGroup(SnippetViewSetGroup):
    items = (DepartmentViewSet, MatterViewSet, CalendarOverrideViewSet, SmsTemplateViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = gettext_lazy("Catalogue")
    menu_name = "catalogue"
