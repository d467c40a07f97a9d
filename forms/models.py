import json
import uuid

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from cases.constants import Scenario
from cases.fields import EncryptedTextField

from .blocks import StepsBlock


class ApplicationFormPage(Page):
    """The questions of one scenario's application, built by editors.

    The page itself is a definition: visiting it leads to the portal's wizard,
    which is built from the published revision at request time.
    """

    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    intro = models.TextField(_("introduction"), blank=True)
    steps = StreamField(StepsBlock(), verbose_name=_("steps"))

    content_panels = Page.content_panels + [
        FieldPanel("scenario"),
        FieldPanel("intro"),
        FieldPanel("steps"),
    ]

    parent_page_types = ["content.HomePage"]
    subpage_types = []
    search_fields = []  # questions are not guidance; the site search skips them

    class Meta:
        verbose_name = _("application form")

    @classmethod
    def for_scenario(cls, scenario):
        """The live form of a scenario in the active language where an
        editor translated it, else the first published: the web (under /en/)
        and the app (by Accept-Language) alike."""
        pages = cls.objects.live().filter(scenario=scenario).order_by("pk")
        return pages.filter(locale=Locale.get_active()).first() or pages.first()

    def serve(self, request, *args, **kwargs):
        return redirect(reverse("portal:apply", kwargs={"scenario": self.scenario}))

    def serve_preview(self, request, mode_name):
        """Editors preview every step as the family will see it, on one page."""
        from .contract import preview_rows, warnings

        definition = self.definition()
        return TemplateResponse(
            request,
            "forms/application_form_preview.html",
            {
                "page": self,
                "steps": preview_rows(definition, self.scenario),
                "warnings": warnings(definition, self.scenario),
            },
        )

    def definition(self):
        """The published steps as plain data, frozen into each draft."""
        return self.steps.get_prep_value()


class DraftQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(case__isnull=True)


class Draft(models.Model):
    """An application being filled in, kept server-side.

    Keyed by a random UUID so two tabs or two devices never share wizard state
    by accident; it holds a copy of the form definition it started with, so
    republishing or unpublishing the form never breaks it.
    """

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    form_page = models.ForeignKey(
        ApplicationFormPage, on_delete=models.SET_NULL, null=True, related_name="drafts"
    )
    revision_id = models.PositiveIntegerField(_("form revision"), null=True)
    definition = models.JSONField(_("form definition"))
    # The wizard's state (answers per step, uploaded files' names): personal.
    state = EncryptedTextField(_("answers"))
    # A foreign key without a reverse accessor: auditlog reads every one-to-one
    # relation of a Case it logs, which would cost a query per submission.
    case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DraftQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft application")

    def __str__(self):
        return f"draft {self.pk}"

    @classmethod
    def start(cls, owner, form_page):
        return cls.objects.create(
            owner=owner,
            scenario=form_page.scenario,
            form_page=form_page,
            revision_id=form_page.live_revision_id,
            definition=form_page.definition(),
        )

    def load_state(self):
        return json.loads(self.state) if self.state else None

    def store_state(self, data):
        self.state = json.dumps(data, ensure_ascii=False)
