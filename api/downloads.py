"""Certificate and bank statement downloads for the portal (session) and the
app (bearer token)."""

from django.http import FileResponse, Http404, JsonResponse
from django.views.decorators.http import require_GET

from cases.models import Certificate
from cases.roles import files_for_families
from cases.services import statements
from cases.services.access import cases_visible_to
from web.downloads import certificate_download
from web.network import client_ip

from .auth import TokenRefused, authenticate_bearer
from .models import ApiToken


@require_GET
def certificate_pdf(request, serial):
    try:
        authenticate_bearer(request)
    except TokenRefused as refused:
        return JsonResponse({"error": str(refused)}, status=401)
    token = request.api_token
    if token is not None and token.kind != ApiToken.Kind.APP:
        raise Http404
    certificate = (
        Certificate.objects.filter(serial=serial, case__in=cases_visible_to(request.user))
        .only("serial", "file")
        .first()
    )
    if certificate is None:  # unknown, or not this family's: the same answer
        raise Http404
    return certificate_download(certificate)


@require_GET
def statement_pdf(request, pk):
    """A bank's statement of the months before the death, for the family
    only (not staff who filed for them); each download an access event."""
    try:
        authenticate_bearer(request)
    except TokenRefused as refused:
        return JsonResponse({"error": str(refused)}, status=401)
    token = request.api_token
    if token is not None and token.kind != ApiToken.Kind.APP:
        raise Http404
    if not request.user.is_authenticated or files_for_families(request.user):
        raise Http404
    statement = statements.open_for_family(
        cases_visible_to(request.user), pk, user=request.user, remote_addr=client_ip(request)
    )
    if statement is None:  # unknown, or not this family's: the same answer
        raise Http404
    return FileResponse(
        statement.file.open("rb"),
        as_attachment=True,
        filename=f"statement-{statement.period_start}-{statement.period_end}.pdf",
        content_type="application/pdf",
    )
