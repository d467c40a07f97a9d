"""The app's upload endpoint: a file for a draft, kept encrypted until a
step's answer takes it (``saveDraftStep`` with the id returned here)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cases.roles import is_citizen
from forms.fields import UploadField
from forms.filing import Filing
from forms.models import Draft

from .auth import TokenRefused, authenticate_bearer
from .models import ApiToken

# The largest file any question may accept (forms.blocks: max_size_mb ≤ 20),
# within UPLOAD_MAX_MB, the one limit of the web and the app; each question's
# own limit is checked when its step takes the file.
MAX_UPLOAD_MB = 20


class UploadForm(forms.Form):
    file = UploadField(label=gettext_lazy("File"), max_size_mb=MAX_UPLOAD_MB)


def _refused(message, status, code):
    return JsonResponse({"error": str(message), "code": code}, status=status)


@csrf_exempt  # a bearer token, never a cookie: nothing a cross-site page can send
@require_POST
def draft_upload(request, draft_id):
    try:
        authenticate_bearer(request)
    except TokenRefused as refused:
        return _refused(refused, 401, "unauthenticated")
    token = request.api_token
    if token is None or token.kind != ApiToken.Kind.APP:
        message = _("Send the app's token: Authorization: Bearer <token>.")
        return _refused(message, 401, "unauthenticated")
    if not is_citizen(request.user):
        return _refused(_("Only families upload files for their applications."), 403, "forbidden")
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(" ".join(form.errors.get("file", [])), 400, "invalid")
    upload = form.cleaned_data["file"]
    with transaction.atomic():
        draft = (
            Draft.objects.in_progress()
            .select_for_update()
            .filter(pk=draft_id, owner=request.user)
            .first()
        )
        if draft is None:  # unknown, submitted, or someone else's: the same answer
            return _refused(_("No such unfinished application."), 404, "not_found")
        try:
            upload_id = Filing(draft, request).receive_upload(upload)
        except ValidationError as exc:
            return _refused(" ".join(exc.messages), 400, "refused")
    return JsonResponse({"id": upload_id, "name": upload.name, "size": upload.size}, status=201)
