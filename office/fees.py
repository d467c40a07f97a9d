"""Funeral homes, their fee lists and the counties' waivers, edited by the
administrators of civil affairs (snippets). A fee list is a draft until a
supervisor of civil affairs approves it (the "殡葬收费标准发布审核" workflow);
every revision is kept, and a new price is a new list from a new date."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import FeeList, FeeWaiver, FuneralHome


class FuneralHomeViewSet(SnippetViewSet):
    model = FuneralHome
    icon = "home"
    menu_label = gettext_lazy("Funeral homes")
    list_display = ["name_zh", "county", "phone", "active"]
    list_filter = ["county", "active"]
    search_fields = ["name_zh", "name_en"]


class FeeListViewSet(SnippetViewSet):
    model = FeeList
    icon = "list-ul"
    menu_label = gettext_lazy("Fee lists")
    list_display = ["home", "effective_from", "approval", "live"]
    list_filter = ["home", "live"]
    panels = [
        FieldPanel("home"),
        FieldPanel("effective_from"),
        FieldPanel("approval"),
        InlinePanel("items", label=gettext_lazy("Services"), min_num=1),
    ]


class FeeWaiverViewSet(SnippetViewSet):
    model = FeeWaiver
    icon = "tag"
    menu_label = gettext_lazy("Basic service waivers")
    list_display = ["county", "service", "up_to", "effective_from"]
    list_filter = ["county", "service"]


class FeesGroup(SnippetViewSetGroup):
    items = (FuneralHomeViewSet, FeeListViewSet, FeeWaiverViewSet)
    menu_icon = "folder-open-1"
    menu_label = gettext_lazy("Funeral fees")
    menu_name = "funeral_fees"
