"""The department workbench in the Wagtail admin (办事员管理一个界面): the
queue, a task with its case, and the actions. Views are thin: every change
goes through cases.services."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from cases.constants import (
    FINISHED_TASK_STATUSES,
    MEDICAL_CERTIFICATE,
    POLICE_CERTIFICATE,
    CaseStatus,
    PauseReason,
    TaskStatus,
)
from cases.downloads import certificate_download, document_download, private_pdf_download
from cases.masking import mask_name
from cases.models import Certificate
from cases.network import client_ip
from cases.roles import departments_for, is_administrator, may_act
from cases.services import reminders, results, workbench
from cases.services.contract import payee_account
from cases.services.notary import consent_status
from cases.services.time_limits import working_days_left
from cases.transitions import InvalidTransition

from .viewsets import StaffViewSet

PAGE_SIZE = 50


class MessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("What the family should send or correct (they read it as written)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ResultForm(forms.Form):
    """What a clerk records on completing ``task``: only what its matter's
    result holds — the family's words (in English too for a family that
    applied in English), and the amount and account where the matter pays
    money. The rules are ``cases.services.results.structured_result``'s."""

    takes_task = True

    outcome_text = forms.CharField(
        label=gettext_lazy("What was done, in words for the family"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Leave the standard wording, or say it in your own words."),
    )
    outcome_text_en = forms.CharField(
        label=gettext_lazy("The same in English (this family applied in English)"),
        required=False,
        max_length=200,
    )
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    amount = forms.DecimalField(
        label=gettext_lazy("Amount paid (yuan)"), required=False, max_digits=12, decimal_places=2
    )
    account = forms.CharField(label=gettext_lazy("Paid to account"), required=False, max_length=40)
    # The death certificate's own lines (居民死亡医学证明): the cause chain
    # 甲–丁 with ICD-10 codes, the issuing institution and the doctor.
    institution = forms.CharField(
        label=gettext_lazy("Issuing institution"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("The hospital or health centre; empty: this department."),
    )
    doctor = forms.CharField(
        label=gettext_lazy("Doctor (or officer) who certified the death"),
        required=False,
        max_length=50,
    )

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        if results.issues_death_certificate(task):
            for n, line in enumerate(CAUSE_LABELS, 1):
                self.fields[f"cause_{n}"] = forms.CharField(
                    label=line, required=False, max_length=100
                )
                self.fields[f"icd10_{n}"] = forms.CharField(
                    label=gettext_lazy("ICD-10 code"),
                    required=False,
                    max_length=10,
                    widget=forms.TextInput(attrs={"autocapitalize": "characters"}),
                )
        else:
            del self.fields["institution"]
            del self.fields["doctor"]
        english = results.family_reads_english(task.case)
        self.fields["outcome_text"].initial = results.standard_phrase(task.matter_code, False)
        if english:
            self.fields["outcome_text_en"].initial = results.standard_phrase(task.matter_code, True)
        else:
            del self.fields["outcome_text_en"]
        if results.pays_money(task):
            self.fields["account"].initial = payee_account(task.case)
        else:
            del self.fields["amount"]
            del self.fields["account"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                results.structured_result(self.task, **_result_fields(cleaned))
            except ValidationError as refused:
                for field, messages_ in refused.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
        return cleaned


def _result_fields(cleaned):
    names = ("outcome_text", "outcome_text_en", "date", "amount", "account")
    fields = {name: cleaned[name] for name in names if cleaned.get(name) not in (None, "")}
    return fields | {
        "cause_chain": [
            (cleaned.get(f"cause_{n}", ""), cleaned.get(f"icd10_{n}", ""))
            for n in range(1, len(CAUSE_LABELS) + 1)
        ],
        "institution": cleaned.get("institution", ""),
        "doctor": cleaned.get("doctor", ""),
    }


# The lines of the national form, the direct cause first.
CAUSE_LABELS = (
    gettext_lazy("(a) Direct cause of death"),
    gettext_lazy("(b) Due to"),
    gettext_lazy("(c) Due to"),
    gettext_lazy("(d) Due to (the underlying cause)"),
)


class CorrectionForm(ResultForm):
    reason = forms.CharField(
        label=gettext_lazy("Why the result is corrected"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the certificate is revoked"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class ReversalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why the death is retracted (the person is alive, a wrong ID number…)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    person_phone = forms.CharField(
        label=gettext_lazy("The person's mobile number, to tell them (optional)"),
        max_length=20,
        required=False,
    )


class AppointmentForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("New date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200)


class CremationForm(forms.Form):
    at = forms.DateTimeField(
        label=gettext_lazy("When the cremation took place"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class NaturalDeathForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What the police found (the investigation form's number)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
    )


ACTIONS = {
    # name: (label, form, service call)
    "accept": (gettext_lazy("Accept"), None),
    "request_materials": (gettext_lazy("Ask the family for something"), MessageForm),
    "complete": (gettext_lazy("Complete"), ResultForm),
    "not_applicable": (gettext_lazy("Not applicable"), ReasonForm),
    "reject": (gettext_lazy("Reject"), ReasonForm),
    "reopen": (gettext_lazy("Reopen (the family answered)"), ReasonForm),
    "correct": (gettext_lazy("Correct the result (supervisor)"), CorrectionForm),
    "revoke": (gettext_lazy("Revoke the certificate (supervisor)"), RevokeForm),
    "reverse_death": (
        gettext_lazy(
            "Retract the death: it was reported in error; every department undoes its part "
            "(supervisor)"
        ),
        ReversalForm,
    ),
    "appointment": (gettext_lazy("Change the appointment (the family is texted)"), AppointmentForm),
    "cremation": (gettext_lazy("Record the cremation"), CremationForm),
    "release_body": (gettext_lazy("Release the body (body transport can be booked)"), None),
    "rule_natural": (
        gettext_lazy("Ruled a natural death (the case goes on as a death at home)"),
        NaturalDeathForm,
    ),
}


# What can still be done to a task once it is finished: a supervisor's
# correction of its result, or revoking its certificate. Nothing else.
AFTER_COMPLETION = frozenset({"correct", "revoke"})


def police_may_rule(task):
    """The police's own steps, on their open certificate task."""
    return task.matter_code == POLICE_CERTIFICATE and task.status in (
        TaskStatus.READY,
        TaskStatus.IN_PROGRESS,
    )


# The actions that move a task are offered where cases.transitions lets a
# clerk make the move (workbench.MOVES); these others only in a certain
# state, or on any unfinished task when not listed.
APPLIES_WHEN = {
    "revoke": lambda task, certificate: certificate is not None and certificate.revoked_at is None,
    "appointment": lambda task, certificate: task.appointment_at is not None,
    "cremation": lambda task, certificate: task.pause_reason == PauseReason.CREMATION,
    "release_body": lambda task, certificate: (
        police_may_rule(task) and task.case.body_released_at is None
    ),
    "rule_natural": lambda task, certificate: police_may_rule(task),
    "reverse_death": lambda task, certificate: (
        task.matter_code in (MEDICAL_CERTIFICATE, POLICE_CERTIFICATE)
        and task.case.status in (CaseStatus.IN_PROGRESS, CaseStatus.COMPLETED)
    ),
}
# Offered on the death certificate's task whether it is done or not.
ANY_STATUS = frozenset({"reverse_death"})


def applies(action, task, certificate):
    """Whether ``action`` is offered for ``task`` as it stands."""
    if action in ANY_STATUS:
        return APPLIES_WHEN[action](task, certificate)
    if action in workbench.MOVES:
        return workbench.move_offered(action, task)
    if (action in AFTER_COMPLETION) != (task.status in FINISHED_TASK_STATUSES):
        return False
    when = APPLIES_WHEN.get(action)
    return when is None or when(task, certificate)


class WorkbenchViewSet(StaffViewSet):
    name = "workbench"
    icon = "tasks"
    menu_label = gettext_lazy("Workbench")
    menu_order = 50

    @staticmethod
    def allowed(user):
        return departments_for(user).exists()

    def index_view(self, request):
        status = request.GET.get("status", "")
        search = request.GET.get("q", "").strip()[:20]
        tasks = workbench.queue(request.user, status=status, search=search)
        rows, next_cursor = workbench.queue_page(
            tasks, workbench.queue_cursor(request.GET.get("after")), PAGE_SIZE
        )
        for task in rows:
            # Masked in a list, whatever the department may see on the task.
            task.deceased_masked = mask_name(task.case.deceased.name)
        count, capped = workbench.capped_count(tasks)
        return TemplateResponse(
            request,
            "office/workbench/index.html",
            {
                "page_obj": rows,
                "next_cursor": next_cursor,
                "first_page": bool(request.GET.get("after")),
                "count": count,
                "capped": capped,
                "status": status,
                "search": search,
                # Each filter its own name: "Open" and "In progress" both
                # read 办理中 in Chinese.
                "filters": [
                    ("", _("All open tasks")),
                    ("ready", _("Ready")),
                    ("in_progress", _("Accepted, being handled")),
                    ("awaiting_materials", _("Awaiting materials")),
                    ("overdue", _("Overdue")),
                    ("due_today", _("Due today")),
                    ("cremation", _("Waiting for the cremation")),
                ],
            },
        )

    def task_view(self, request, pk):
        task = workbench.task_for(request.user, pk)
        reminders.mark_read(request.user, task)
        name = request.POST.get("action") if request.method == "POST" else None
        forms_by_action = {
            action: _form(form, task, request.POST if name == action else None, action)
            for action, (_label, form) in ACTIONS.items()
            if form is not None
        }
        if name in ACTIONS:
            form = forms_by_action.get(name)
            if form is None or form.is_valid():
                try:
                    workbench.perform(name, task, request.user, form.cleaned_data if form else {})
                except (InvalidTransition, ValidationError, PermissionDenied) as refused:
                    messages.error(request, " ".join(getattr(refused, "messages", [str(refused)])))
                else:
                    messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[name][0]})
                    return redirect(reverse("workbench:task", args=[task.pk]))
        history = task.case.tasks.select_related("department").order_by("matter_code")
        certificate = Certificate.objects.filter(task=task).first()

        offered = [
            action
            for action in ACTIONS
            if may_act(request.user, action, task.department) and applies(action, task, certificate)
        ]
        # A form for the actions that ask something, a button for the others.
        buttons = [(a, ACTIONS[a][0]) for a in offered if a not in forms_by_action]
        shown = [(a, ACTIONS[a][0], forms_by_action[a]) for a in offered if a in forms_by_action]
        return TemplateResponse(
            request,
            "office/workbench/task.html",
            {
                "task": task,
                "case": workbench.case_summary(request.user, task, remote_addr=client_ip(request)),
                "depends_on": task.depends_on.all(),
                "days_left": working_days_left(task),
                "actions": shown,
                "buttons": buttons,
                "history": task.status_changes.select_related("actor").order_by("-at", "-pk"),
                "timeline": is_administrator(request.user),
                "other_tasks": history,
                "certificate": certificate,
                "consent": _consent(task),
            },
        )

    def certificate_view(self, request, pk):
        certificate = workbench.certificate_of(request.user, pk, remote_addr=client_ip(request))
        return certificate_download(certificate)

    def authorization_view(self, request, pk, delegation_id):
        delegation = workbench.authorization_of(
            request.user, pk, delegation_id, remote_addr=client_ip(request)
        )
        return private_pdf_download(delegation.document, f"委托授权书-{delegation.pk}.pdf")

    @method_decorator(xframe_options_sameorigin)
    def document_view(self, request, pk, document_id):
        inline = request.GET.get("inline") == "1"
        document = workbench.document_of(
            request.user, pk, document_id, remote_addr=client_ip(request), inline=inline
        )
        return document_download(document, inline=inline)

    def needed_certificate_view(self, request, pk, serial):
        certificate = workbench.certificate_of(
            request.user, pk, serial, remote_addr=client_ip(request)
        )
        return certificate_download(certificate)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("<int:pk>/", self.task_view, name="task"),
            path("<int:pk>/documents/<int:document_id>/", self.document_view, name="document"),
            path(
                "<int:pk>/certificates/<str:serial>.pdf",
                self.needed_certificate_view,
                name="needed_certificate",
            ),
            path("<int:pk>/certificate.pdf", self.certificate_view, name="certificate"),
            path(
                "<int:pk>/authorizations/<int:delegation_id>.pdf",
                self.authorization_view,
                name="authorization",
            ),
        ]


def _form(form_class, task, data, prefix):
    if getattr(form_class, "takes_task", False):
        return form_class(data, prefix=prefix, task=task)
    return form_class(data, prefix=prefix)


def _consent(task):
    """The heirs' authorization, where the task shows it."""
    if not workbench.sees_heirs(task):
        return None
    return consent_status(task.case)


workbench_viewset = WorkbenchViewSet()
