"""Cases → hotline lookups, for hotline supervisors and administrators: the
agents locked out (each released here, with a reason) and every lookup, newest
first, paged by key so the millionth costs what the first does."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import HotlineAccess, HotlineLock
from cases.roles import is_hotline_supervisor
from cases.services.hotline import release

from .viewsets import StaffViewSet

PAGE_SIZE = 50


class ReleaseForm(forms.Form):
    lock = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Why may the agent look up again?"), max_length=200)


def lookups(before=None):
    rows = HotlineAccess.objects.select_related("agent", "case")
    if before is not None:
        at, pk = before
        rows = rows.filter(at__lt=at) | rows.filter(at=at, pk__lt=pk)
    return list(rows.order_by("-at", "-pk")[: PAGE_SIZE + 1])


def _cursor(value):
    at, _sep, pk = (value or "").rpartition("_")
    moment = parse_datetime(at) if at else None
    if moment is None or not pk.isdigit():
        return None
    return moment, int(pk)


class HotlineLookupViewSet(StaffViewSet):
    name = "hotline_lookups"
    url_prefix = "hotline-lookups"
    icon = "list-ul"
    menu_label = gettext_lazy("Hotline lookups")
    menu_order = 910
    allowed = staticmethod(is_hotline_supervisor)

    def index_view(self, request):
        self.require_allowed(request)
        form = ReleaseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            lock = get_object_or_404(HotlineLock, pk=form.cleaned_data["lock"])
            try:
                release(lock, by=request.user, reason=form.cleaned_data["reason"])
            except (PermissionDenied, ValidationError) as refused:
                messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
            else:
                messages.success(
                    request,
                    _("%(agent)s may look cases up again.") % {"agent": lock.agent.get_username()},
                )
                return redirect(f"{self.name}:index")
        rows = lookups(_cursor(request.GET.get("before")))
        page, more = rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
        return TemplateResponse(
            request,
            "office/hotline_lookups.html",
            {
                "locks": HotlineLock.objects.filter(released_at__isnull=True).select_related(
                    "agent"
                ),
                "form": form,
                "rows": page,
                "next_cursor": (
                    f"{page[-1].at.astimezone(datetime.UTC).isoformat()}_{page[-1].pk}"
                    if more
                    else ""
                ),
            },
        )

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]


hotline_lookup_viewset = HotlineLookupViewSet()
