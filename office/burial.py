"""What the counties offer for ecological burial, edited by administrators:
sites, columbarium niches, burial days with their places, and the awards by
kind with the date from which each applies (snippets). Bookings are made by
families in the case and confirmed on the workbench."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import BurialAward, BurialDay, BurialNiche, BurialSite


class BurialSiteViewSet(SnippetViewSet):
    model = BurialSite
    icon = "site"
    menu_label = gettext_lazy("Burial sites")
    list_display = ["name_zh", "kind", "county", "active"]
    list_filter = ["kind", "county", "active"]
    search_fields = ["name_zh", "name_en"]


class BurialNicheViewSet(SnippetViewSet):
    model = BurialNiche
    icon = "table"
    menu_label = gettext_lazy("Columbarium niches")
    list_display = ["label", "site", "active"]
    list_filter = ["site", "active"]
    search_fields = ["label"]


class BurialDayViewSet(SnippetViewSet):
    model = BurialDay
    icon = "date"
    menu_label = gettext_lazy("Burial days")
    list_display = ["site", "date", "capacity", "booked"]
    list_filter = ["site"]
    # The booked count is the bookings' own: changed only by them.
    panels = [FieldPanel("site"), FieldPanel("date"), FieldPanel("capacity")]


class BurialAwardViewSet(SnippetViewSet):
    model = BurialAward
    icon = "tag"
    menu_label = gettext_lazy("Ecological burial awards")
    list_display = ["county", "kind", "amount", "effective_from"]
    list_filter = ["county", "kind"]


class BurialGroup(SnippetViewSetGroup):
    items = (BurialSiteViewSet, BurialNicheViewSet, BurialDayViewSet, BurialAwardViewSet)
    menu_icon = "folder-open-1"
    menu_label = gettext_lazy("Ecological burial")
    menu_name = "ecological_burial"
