from django.shortcuts import render
from wagtail.models import Locale, Page

from .models import MatterPage, PolicyPage, ScenarioGuidePage, SectionPage
from .search import bigrams

SEARCHABLE = (ScenarioGuidePage, MatterPage, PolicyPage, SectionPage)
MAX_RESULTS = 30


def search(request):
    """Site search over the published guidance in the reader's language."""
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        pages = Page.objects.live().public().type(*SEARCHABLE).filter(locale=Locale.get_active())
        results = list(pages.search(bigrams(query), operator="and")[:MAX_RESULTS])
    return render(request, "content/search.html", {"query": query, "results": results})
