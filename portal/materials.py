"""The family answers a request for materials from the case page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cases.services.documents import Document
from cases.services.materials import ANSWERABLE, supply_materials

from .access import family_required
from .cases import _case_for
from .forms import MaterialsForm


@family_required
def reply(request, reference, task_id):
    case = _case_for(request, reference)
    task = get_object_or_404(case.tasks, pk=task_id, status__in=ANSWERABLE)
    form = (
        MaterialsForm(request.POST, request.FILES) if request.method == "POST" else MaterialsForm()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("document")
        documents = []
        if upload:
            documents.append(
                Document.from_upload(
                    _("Reply to: %(matter)s") % {"matter": task.matter_name}, upload
                )
            )
        corrections = {}
        if data.get("correction_field"):
            corrections[data["correction_field"]] = data["correction_value"]
        try:
            supply_materials(
                task,
                actor=request.user,
                documents=documents,
                corrections=corrections,
                note=data.get("note", ""),
            )
        except ValidationError as exc:
            problems = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for key, messages_for_key in problems.items():
                field = "correction_value" if key in corrections else None
                for problem in messages_for_key:
                    form.add_error(field, problem)
        else:
            messages.success(request, _("Thank you. The department has what you sent."))
            return redirect("portal:case_detail", reference=case.reference)
    return render(request, "portal/cases/reply.html", {"case": case, "task": task, "form": form})
