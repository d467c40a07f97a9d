from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cases.constants import Scenario

from .blocks import MaterialBlock, OrderedStepBlock, QuestionBlock
from .search import BigramSearchMixin, stream_text

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link"]


class HomePage(Page):
    """The front page: what the service is and where to start."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    have_at_hand = StreamField(
        [("material", MaterialBlock())], blank=True, verbose_name=_("what to have at hand")
    )
    hotline = models.CharField(_("hotline number"), max_length=30, default="12345")

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("have_at_hand"),
        FieldPanel("hotline"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        guides = {
            guide.scenario: guide
            for guide in ScenarioGuidePage.objects.live().child_of(self).specific()
        }
        context["scenarios"] = [
            (value, label, guides.get(value)) for value, label in Scenario.choices
        ]
        return context


class SectionPage(BigramSearchMixin, Page):
    """A plain list of the pages under it (matter guides, policies)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + BigramSearchMixin.bigram_search_fields
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.MatterPage", "content.PolicyPage"]

    class Meta:
        verbose_name = _("section")

    def bigram_source(self):
        return [self.title, self.intro]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class ScenarioGuidePage(BigramSearchMixin, Page):
    """What a family does, in order, for one of the three death scenarios."""

    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    summary = models.TextField(_("summary"))
    first_steps = StreamField(
        [("step", OrderedStepBlock())], verbose_name=_("what to do first, in order")
    )
    materials = StreamField([("material", MaterialBlock())], verbose_name=_("materials needed"))
    next_steps = StreamField([("step", OrderedStepBlock())], verbose_name=_("what happens next"))
    faq = StreamField([("question", QuestionBlock())], blank=True, verbose_name=_("FAQ"))

    content_panels = Page.content_panels + [
        FieldPanel("scenario"),
        FieldPanel("summary"),
        FieldPanel("first_steps"),
        FieldPanel("materials"),
        FieldPanel("next_steps"),
        FieldPanel("faq"),
    ]
    search_fields = Page.search_fields + BigramSearchMixin.bigram_search_fields

    parent_page_types = ["content.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("scenario guide")

    def bigram_source(self):
        return [
            self.title,
            self.summary,
            *(
                stream_text(s)
                for s in (self.first_steps, self.materials, self.next_steps, self.faq)
            ),
        ]


class PolicyPage(BigramSearchMixin, Page):
    """A law, regulation or local rule that matter pages cite."""

    issuing_body = models.CharField(_("issuing body"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    body = RichTextField(_("full text"), features=RICH_TEXT_FEATURES)
    attachments = StreamField(
        [("document", DocumentChooserBlock(label=_("attachment")))],
        blank=True,
        verbose_name=_("attachments"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("issuing_body"),
                FieldPanel("document_number"),
                FieldPanel("effective_date"),
            ],
            heading=_("Document"),
        ),
        FieldPanel("body"),
        FieldPanel("attachments"),
    ]
    search_fields = Page.search_fields + BigramSearchMixin.bigram_search_fields

    parent_page_types = ["content.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy")

    def bigram_source(self):
        return [self.title, self.issuing_body, self.document_number, strip_tags(self.body)]


class MatterPage(BigramSearchMixin, Page):
    """Public guidance for one catalogue matter. The department and the time
    limit are the catalogue's, shown from it, never typed again here."""

    # One guide per matter in each language (clean() below): the English
    # guide is a translation of the Chinese one, about the same matter. A
    # database constraint cannot say it: the locale lives in Page's table.
    matter = models.ForeignKey(
        "cases.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("matter")
    )
    who_qualifies = models.TextField(_("who qualifies"))
    materials = StreamField(
        [("material", MaterialBlock())], blank=True, verbose_name=_("materials")
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    fees = models.CharField(_("fees"), max_length=200, default="免费")
    policies = ParentalManyToManyField(
        PolicyPage, blank=True, related_name="+", verbose_name=_("policies cited")
    )

    content_panels = Page.content_panels + [
        FieldPanel("matter"),
        FieldPanel("who_qualifies"),
        FieldPanel("materials"),
        FieldPanel("legal_basis"),
        FieldPanel("fees"),
        FieldPanel("policies", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + BigramSearchMixin.bigram_search_fields

    parent_page_types = ["content.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("matter guide")

    def bigram_source(self):
        return [self.title, self.who_qualifies, stream_text(self.materials), self.legal_basis]

    def clean(self):
        super().clean()
        twin = MatterPage.objects.filter(matter_id=self.matter_id, locale_id=self.locale_id)
        if self.matter_id and twin.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"matter": _("This matter already has a guide in this language.")}
            )
