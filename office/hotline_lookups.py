"""Cases → hotline lookups, for hotline supervisors and administrators: the
agents locked out (each released here, with a reason) and every lookup, newest
first, paged by key so the millionth costs what the first does."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import HotlineAccess, HotlineLock
from cases.roles import is_hotline_supervisor
from cases.services.hotline import release

from .paging import cursor, older_than, page_and_cursor
from .viewsets import StaffViewSet

PAGE_SIZE = 50


class ReleaseForm(forms.Form):
    lock = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Why may the agent look up again?"), max_length=200)


def lookups(before=None):
    rows = HotlineAccess.objects.select_related("agent", "case")
    return older_than(rows, before, size=PAGE_SIZE)


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
        page, next_cursor = page_and_cursor(
            lookups(cursor(request.GET.get("before"))), size=PAGE_SIZE
        )
        return TemplateResponse(
            request,
            "office/hotline_lookups.html",
            {
                "locks": HotlineLock.objects.filter(released_at__isnull=True).select_related(
                    "agent"
                ),
                "form": form,
                "rows": page,
                "next_cursor": next_cursor,
            },
        )

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]


hotline_lookup_viewset = HotlineLookupViewSet()
