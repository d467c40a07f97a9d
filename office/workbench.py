"""The department workbench in the Wagtail admin (办事员管理一个界面): the
queue, a task with its case, and the actions. Views are thin: every change
goes through cases.services."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
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
from cases.masking import mask_name
from cases.models import Certificate
from cases.roles import departments_for, is_administrator, may_act
from cases.services import burial, fees, reminders, workbench
from cases.services.notary import consent_status
from cases.services.time_limits import working_days_left
from cases.transitions import InvalidTransition
from web.downloads import certificate_download, document_download, private_pdf_download
from web.network import client_ip

from .viewsets import StaffViewSet
from .workbench_forms import ACTIONS

PAGE_SIZE = 50


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
    "confirm_burial": lambda task, certificate: (
        task.matter_code == burial.BURIAL_MATTER
        and task.status in (TaskStatus.READY, TaskStatus.IN_PROGRESS)
    ),
    "add_funeral_service": lambda task, certificate: (
        task.matter_code == fees.BOOKING_MATTER and fees.bill_of(task.case) is not None
    ),
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


def _not_found_is_404(view):
    """The service's NotFound (nothing of the user's by that number) as 404."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except workbench.NotFound:
            raise Http404 from None

    return wrapped


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

    @_not_found_is_404
    def task_view(self, request, pk):
        task = workbench.task_for(request.user, pk)
        reminders.mark_read(request.user, task)
        name = request.POST.get("action") if request.method == "POST" else None
        forms_by_action = {
            action: _form(form, task, request if name == action else None, action)
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

    @_not_found_is_404
    def certificate_view(self, request, pk):
        certificate = workbench.certificate_of(request.user, pk, remote_addr=client_ip(request))
        return certificate_download(certificate)

    @_not_found_is_404
    def authorization_view(self, request, pk, delegation_id):
        delegation = workbench.authorization_of(
            request.user, pk, delegation_id, remote_addr=client_ip(request)
        )
        return private_pdf_download(delegation.document, f"委托授权书-{delegation.pk}.pdf")

    @method_decorator(xframe_options_sameorigin)
    @_not_found_is_404
    def document_view(self, request, pk, document_id):
        inline = request.GET.get("inline") == "1"
        document = workbench.document_of(
            request.user, pk, document_id, remote_addr=client_ip(request), inline=inline
        )
        return document_download(document, inline=inline)

    @_not_found_is_404
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


def _form(form_class, task, request, prefix):
    """The action's form, bound to the request's data (and files) when it
    is the action taken."""
    data = request.POST if request is not None else None
    if getattr(form_class, "takes_task", False):
        files = request.FILES if request is not None else None
        return form_class(data, files, prefix=prefix, task=task)
    return form_class(data, prefix=prefix)


def _consent(task):
    """The heirs' authorization, where the task shows it."""
    if not workbench.sees_heirs(task):
        return None
    return consent_status(task.case)


workbench_viewset = WorkbenchViewSet()
