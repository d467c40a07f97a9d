"""The hotline console in the admin: what the GraphQL ``hotlineLookup`` does,
for agents who work in the browser (same service, same log, same lock-out)."""

from django import forms
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy

from cases.models import HotlineAccess
from cases.roles import is_hotline_agent
from cases.services.hotline import LookupRefused, look_up

from .viewsets import StaffViewSet


class LookupForm(forms.Form):
    caller_phone = forms.CharField(label=gettext_lazy("Caller's mobile number"), max_length=20)
    reference = forms.CharField(label=gettext_lazy("Case reference"), max_length=20, required=False)
    deceased_id_number = forms.CharField(
        label=gettext_lazy("Or the deceased's ID number"), max_length=22, required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("reference") and not data.get("deceased_id_number"):
            raise forms.ValidationError(
                gettext_lazy("Ask the caller for the case reference or the deceased's ID number.")
            )
        return data


class HotlineConsoleViewSet(StaffViewSet):
    name = "hotline"
    icon = "mobile-alt"
    menu_label = gettext_lazy("Hotline lookup")
    menu_order = 60
    index_url_name = "console"
    allowed = staticmethod(is_hotline_agent)

    def console_view(self, request):
        self.require_allowed(request)
        form = LookupForm(request.POST or None)
        answer = refused = None
        if request.method == "POST" and form.is_valid():
            try:
                answer = look_up(
                    request.user,
                    caller_phone=form.cleaned_data["caller_phone"],
                    reference=form.cleaned_data["reference"],
                    deceased_id_number=form.cleaned_data["deceased_id_number"],
                    via=HotlineAccess.Via.CONSOLE,
                )
            except LookupRefused as exc:
                refused = str(exc)
            else:
                # The answer shows the caller's number masked; the form is not
                # sent back with it (nor the ID number) in clear.
                form = LookupForm()
        return TemplateResponse(
            request,
            "office/hotline_console.html",
            {"form": form, "refused": refused, "case": answer},
        )

    def get_urlpatterns(self):
        return [path("", self.console_view, name="console")]


hotline_console_viewset = HotlineConsoleViewSet()
