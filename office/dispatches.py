"""Admin screens for what the connectors do: dispatches and the dead letters."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from cases.connectors import service
from cases.masking import mask_phone
from cases.models import Dispatch, SmsMessage


class RetryColumn(Column):
    cell_template_name = "office/admin/retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["instance"] = instance
        context["csrf_token"] = parent_context.get("csrf_token")
        return context


class DispatchViewSet(ModelViewSet):
    model = Dispatch
    icon = "redirect"
    menu_label = gettext_lazy("Dispatches to departments")
    add_to_admin_menu = True
    menu_order = 900
    inspect_view_enabled = True
    list_display = [
        Column("task", label=gettext_lazy("task")),
        "department",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        RetryColumn("retry", label=""),
    ]
    list_filter = ["status", "department"]
    search_fields = ["task__case__reference", "external_reference"]
    # Dispatches are made by the system; administrators only look and retry.
    form_fields = []

    def get_queryset(self, request):
        return Dispatch.objects.select_related("task__case", "department")


@require_POST
@permission_required("cases.change_dispatch", raise_exception=True)
def retry_dispatch(request, pk):
    dispatch = get_object_or_404(Dispatch, pk=pk)
    service.retry(dispatch, actor=request.user)
    messages.success(request, _("The dispatch will be sent again."))
    return redirect("cases_dispatch:index")


dispatch_viewset = DispatchViewSet("cases_dispatch")


class SmsMessageViewSet(ModelViewSet):
    """What was sent to whom (the number masked) and whether it went out."""

    model = SmsMessage
    icon = "mail"
    menu_label = gettext_lazy("SMS sent")
    add_to_admin_menu = True
    menu_order = 910
    list_display = [
        "template_code",
        Column(
            "phone", label=gettext_lazy("mobile number"), accessor=lambda m: mask_phone(m.phone)
        ),
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "template_code"]
    form_fields = []
    inspect_view_enabled = False


sms_message_viewset = SmsMessageViewSet("cases_sms")
