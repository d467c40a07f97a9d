from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cases.connectors.file_links import CERTIFICATE, LinkRefused
from cases.connectors.service import CallbackRefused, fetch_contract_file, receive_callback
from web.downloads import certificate_download, document_download
from web.network import client_ip


@csrf_exempt  # machine to machine: authenticated by the HMAC signature, not a cookie
@require_POST
def connector_callback(request, department):
    """A department's system reports on a task it was sent."""
    try:
        receive_callback(department, request.headers, request.body)
    except CallbackRefused as refused:
        return JsonResponse({"error": str(refused)}, status=refused.status)
    return JsonResponse({"status": "accepted"}, status=202)


@never_cache
@require_GET
def connector_file(request, department, task_id, kind, ident):
    """A department's system fetches a file its task's contract names, by the
    signed link the payload carried."""
    try:
        found = fetch_contract_file(
            department,
            task_id,
            kind,
            ident,
            expires=request.GET.get("expires"),
            signature=request.GET.get("signature"),
            remote_addr=client_ip(request),
        )
    except LinkRefused as refused:
        return JsonResponse({"error": str(refused)}, status=403)
    if found is None:
        return JsonResponse({"error": "not found"}, status=404)
    if kind == CERTIFICATE:
        return certificate_download(found)
    return document_download(found)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the
    icon (resolved per request: the manifest exists only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
