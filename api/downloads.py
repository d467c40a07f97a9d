"""Certificate downloads for the portal (session) and the app (bearer token)."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from cases.models import Certificate
from cases.services.access import cases_visible_to
from web.downloads import certificate_download

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
