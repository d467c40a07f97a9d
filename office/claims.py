"""The funeral homes' monthly waiver claims, in the admin: civil affairs
prepares a home's claim for a month, a supervisor approves it, and finance
gets it as an Excel file (``cases.services.claims``)."""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import FuneralHome, WaiverClaim
from cases.services import claims

from .viewsets import StaffViewSet


class PrepareForm(forms.Form):
    home = forms.ModelChoiceField(
        label=gettext_lazy("Funeral home"), queryset=FuneralHome.objects.filter(active=True)
    )
    month = forms.DateField(
        label=gettext_lazy("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )


class ClaimsViewSet(StaffViewSet):
    name = "waiver_claims"
    icon = "list-ul"
    menu_label = gettext_lazy("Funeral waiver claims")
    menu_order = 75
    allowed = staticmethod(claims.may_claim)

    def index_view(self, request):
        self.require_allowed(request)
        form = PrepareForm(request.POST or None, initial={"month": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                claim = claims.prepare(
                    form.cleaned_data["home"], form.cleaned_data["month"], by=request.user
                )
            except (ValidationError, PermissionDenied) as refused:
                messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
            else:
                messages.success(
                    request,
                    _("Prepared: %(count)s cases, ¥%(total)s.")
                    % {"count": claim.lines.count(), "total": claim.total},
                )
                return redirect("waiver_claims:claim", claim.pk)
        return TemplateResponse(
            request,
            "office/claims/index.html",
            {
                "form": form,
                # A month's claims of every home: a short list, newest first.
                "claims": WaiverClaim.objects.select_related("home")[:60],
            },
        )

    def claim_view(self, request, pk):
        self.require_allowed(request)
        claim = get_object_or_404(WaiverClaim.objects.select_related("home"), pk=pk)
        if request.method == "POST":
            try:
                claims.approve(claim, by=request.user)
            except (ValidationError, PermissionDenied) as refused:
                messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
            else:
                messages.success(request, _("Approved: the claim can no longer change."))
            return redirect("waiver_claims:claim", claim.pk)
        return TemplateResponse(
            request,
            "office/claims/claim.html",
            {"claim": claim, "lines": claim.lines.all()},
        )

    def export_view(self, request, pk):
        self.require_allowed(request)
        claim = get_object_or_404(WaiverClaim.objects.select_related("home"), pk=pk)
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = f"{claim.month:%Y-%m}"
        sheet.append([f"{claim.home.name_zh} {claim.month:%Y年%m月} 基本殡葬服务减免结算"])
        sheet.append([f"状态：{claim.get_status_display()}"])
        for row in claims.table(claim):
            sheet.append(row)
        output = io.BytesIO()
        book.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"waiver-claim-{claim.home.pk}-{claim.month:%Y-%m}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("<int:pk>/", self.claim_view, name="claim"),
            path("<int:pk>.xlsx", self.export_view, name="export"),
        ]


claims_viewset = ClaimsViewSet()
