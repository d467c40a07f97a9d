"""Relatives' requests about the deceased's personal information, in the
admin: the data-protection officer's queue (nearest deadline first) and
each request's page — prepare the copy, send a correction to the department
that holds the fact, delete, answer or refuse; a department's supervisors
see the corrections sent to them and say what they did
(``cases.services.rights``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.models import DataRequest, Department, Refusal, RequestStatus
from cases.roles import is_supervisor, supervises_a_department
from cases.services import rights, rights_answers

from .viewsets import StaffViewSet

PAGE_SIZE = 50


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(
        label=gettext_lazy("Department that holds the fact"),
        queryset=Department.objects.order_by("sort_order", "code"),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Answer (the relative reads it)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RefuseForm(AnswerForm):
    refusal = forms.ChoiceField(label=gettext_lazy("Refused because"), choices=Refusal.choices)


class DepartmentAnswerForm(forms.Form):
    corrected = forms.TypedChoiceField(
        label=gettext_lazy("Did your department correct its record?"),
        choices=[("yes", gettext_lazy("Yes, corrected")), ("no", gettext_lazy("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("What was done, or why not"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _may_see(user):
    return rights.is_officer(user) or supervises_a_department(user)


def _refused_words(refused):
    return " ".join(getattr(refused, "messages", [str(refused)]))


class DataRequestViewSet(StaffViewSet):
    name = "data_requests"
    url_prefix = "data-requests"
    icon = "user"
    menu_label = gettext_lazy("Personal information requests")
    menu_order = 915
    allowed = staticmethod(_may_see)

    def index_view(self, request):
        self.require_allowed(request)
        status = request.GET.get("status", "")
        if rights.is_officer(request.user):
            rows = rights_answers.officer_queue(status=status)
        else:
            rows = rights_answers.department_queue(request.user)
        rows = list(rows[:PAGE_SIZE])
        today = timezone.localdate()
        return TemplateResponse(
            request,
            "office/rights/index.html",
            {
                "rows": [(row, row.is_open and row.due_date < today) for row in rows],
                "status": status,
                "statuses": RequestStatus.choices,
                "officer": rights.is_officer(request.user),
                "more": len(rows) == PAGE_SIZE,
            },
        )

    def _request(self, request, pk):
        self.require_allowed(request)
        made = get_object_or_404(
            DataRequest.objects.select_related("case", "department", "answered_by"), pk=pk
        )
        officer = rights.is_officer(request.user)
        if not officer and not (made.department and is_supervisor(request.user, made.department)):
            raise Http404
        return made, officer

    def request_view(self, request, pk):
        made, officer = self._request(request, pk)
        context = {
            "made": made,
            "officer": officer,
            "fact_label": dict(rights.FACT_LABELS).get(made.fact, ""),
            "route_form": RouteForm(initial={"department": rights_answers.holder_of(made.fact)}),
            "answer_form": AnswerForm(),
            "refuse_form": RefuseForm(),
            "department_form": DepartmentAnswerForm(),
            "may_answer_for_department": made.status == RequestStatus.AT_DEPARTMENT
            and made.department is not None
            and is_supervisor(request.user, made.department),
        }
        return TemplateResponse(request, "office/rights/request.html", context)

    def act_view(self, request, pk, action):
        if request.method != "POST":
            raise Http404
        made, _officer = self._request(request, pk)
        try:
            done = self._act(request, made, action)
        except (ValidationError, PermissionDenied) as refused:
            messages.error(request, _refused_words(refused))
        else:
            if done:
                messages.success(request, done)
        return redirect("data_requests:request", made.pk)

    def _act(self, request, made, action):
        user = request.user
        if action == "copy":
            rights_answers.prepare_copy(made, by=user)
            return gettext_lazy("Done; the relative is texted.")
        if action == "delete":
            rights_answers.delete_on_request(made, by=user)
            return gettext_lazy("Done; the relative is texted.")
        forms_by_action = {
            "route": RouteForm,
            "answer": AnswerForm,
            "refuse": RefuseForm,
            "department": DepartmentAnswerForm,
        }
        if action not in forms_by_action:
            raise Http404
        form = forms_by_action[action](request.POST)
        if not form.is_valid():
            # Each error with the field it is about: "答复（近亲属可见）：必需字段".
            raise ValidationError(
                [
                    f"{form.fields[name].label}：{error}" if name in form.fields else error
                    for name, errors in form.errors.items()
                    for error in errors
                ]
            )
        data = form.cleaned_data
        if action == "route":
            rights_answers.route_correction(made, department=data["department"], by=user)
            return gettext_lazy("Sent to the department.")
        if action == "answer":
            rights_answers.answer(made, by=user, text=data["text"])
        elif action == "refuse":
            rights_answers.refuse(made, by=user, refusal=data["refusal"], text=data["text"])
        else:
            rights_answers.department_answers(
                made, by=user, corrected=data["corrected"], note=data["note"]
            )
            return gettext_lazy("Your answer is with the data-protection officer.")
        return gettext_lazy("Done; the relative is texted.")

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("<int:pk>/", self.request_view, name="request"),
            path("<int:pk>/<slug:action>/", self.act_view, name="act"),
        ]


data_request_viewset = DataRequestViewSet()
