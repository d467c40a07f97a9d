"""Audit events in the admin, for administrators: every read and every change
the event log holds — a case's timeline when searched by reference — and per
kind, newest first.
Pages go back by key (the time and id of the last row shown), so a page
costs the same at the millionth event as at the first."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases.audit_events import WRITE_KINDS, describe
from cases.models import AuditEvent, AuditEventKind
from cases.references import parse_reference
from cases.roles import is_administrator
from cases.services import trail

from .paging import cursor, older_than, page_and_cursor
from .viewsets import StaffViewSet

PAGE_SIZE = 50


def events(*, reference="", kind="", before=None):
    """Up to PAGE_SIZE + 1 events (the extra one says there is a next page)."""
    rows = AuditEvent.objects.select_related("actor", "case")
    if reference:
        try:
            rows = rows.filter(case__reference=parse_reference(reference))
        except ValidationError:
            return []
    if kind in AuditEventKind.values:
        rows = rows.filter(kind=kind)
    return older_than(rows, before, size=PAGE_SIZE)


class AuditEventViewSet(StaffViewSet):
    name = "audit_events"
    url_prefix = "audit-events"
    icon = "history"
    menu_label = gettext_lazy("Audit events")
    menu_order = 920
    allowed = staticmethod(is_administrator)

    def index_view(self, request):
        self.require_allowed(request)
        reference = request.GET.get("q", "").strip()[:20]
        kind = request.GET.get("kind", "")
        rows = events(reference=reference, kind=kind, before=cursor(request.GET.get("before")))
        page, next_cursor = page_and_cursor(rows, size=PAGE_SIZE)
        return TemplateResponse(
            request,
            "office/audit_events.html",
            {
                "rows": [(event, describe(event), event.kind in WRITE_KINDS) for event in page],
                "reference": reference,
                "kind": kind,
                "kinds": AuditEventKind.choices,
                "next_cursor": next_cursor,
                # The chain's state as last checked (every 15 minutes, or by
                # the button): walking it on every page would cost a read of
                # the day's every row.
                "chain": trail.latest_check(timezone.localdate()),
            },
        )

    def verify_view(self, request):
        self.require_allowed(request)
        verdict = trail.check(timezone.localdate())
        if verdict.intact:
            messages.success(
                request,
                _("Today's audit trail verifies: %(links)s links.") % {"links": verdict.links},
            )
        else:
            messages.error(
                request,
                _("Today's audit trail does not verify: %(problem)s")
                % {"problem": verdict.problem},
            )
        return redirect(f"{self.name}:index")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("verify/", require_POST(self.verify_view), name="verify"),
        ]


audit_event_viewset = AuditEventViewSet()
