"""The hotline console in the admin: what the GraphQL ``hotlineLookup`` does,
for agents who work in the browser (same service, same log, same lock-out)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, gettext_lazy

from cases.models import Case, HotlineAccess
from cases.references import parse_reference
from cases.roles import is_hotline_agent
from cases.services.found_later import add_for_caller, found_later_choices
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


class FoundLaterForm(forms.Form):
    """What the caller found later (补办), for the case just looked up."""

    reference = forms.CharField(widget=forms.HiddenInput, max_length=20)
    item = forms.ChoiceField(
        label=gettext_lazy("What did the caller find?"), widget=forms.RadioSelect
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (choice.flag, f"{choice.label}：{'；'.join(m.name for m in choice.matters)}")
            for choice in choices
        ]


class HotlineConsoleViewSet(StaffViewSet):
    name = "hotline"
    icon = "mobile-alt"
    menu_label = gettext_lazy("Hotline lookup")
    menu_order = 60
    index_url_name = "console"
    allowed = staticmethod(is_hotline_agent)

    def console_view(self, request):
        self.require_allowed(request)
        if request.method == "POST" and "item" in request.POST:
            return self._add_found_later(request)
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
        return self._render(request, form, answer=answer, refused=refused)

    def _render(self, request, form, *, answer=None, refused=None, added=None):
        choices = found_later_choices(answer.case) if answer is not None else []
        found_later = (
            FoundLaterForm(initial={"reference": answer.case.reference}, choices=choices)
            if choices
            else None
        )
        return TemplateResponse(
            request,
            "office/hotline_console.html",
            {
                "form": form,
                "refused": refused,
                "case": answer,
                "found_later": found_later,
                "added": added,
            },
        )

    def _add_found_later(self, request):
        """Add for the caller what they found later: only for a case this
        agent has just answered them about (cases.services.found_later)."""
        case = None
        try:
            case = Case.objects.get(reference=parse_reference(request.POST.get("reference", "")))
        except (ValidationError, Case.DoesNotExist):
            pass
        choices = found_later_choices(case) if case is not None else []
        form = FoundLaterForm(request.POST, choices=choices)
        if case is None or not form.is_valid():
            return self._render(
                request, LookupForm(), refused=gettext("Look the case up for the caller first.")
            )
        try:
            added = add_for_caller(request.user, case, form.cleaned_data["item"])
        except (PermissionDenied, ValidationError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            return self._render(request, LookupForm(), refused=message)
        return self._render(request, LookupForm(), added=added)

    def get_urlpatterns(self):
        return [path("", self.console_view, name="console")]


hotline_console_viewset = HotlineConsoleViewSet()
