from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cases.connectors.service import CallbackRefused, receive_callback


@never_cache
def healthz(request):
    """For the load balancer: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@csrf_exempt  # machine to machine: authenticated by the HMAC signature, not a cookie
@require_POST
def connector_callback(request, department):
    """A department's system reports on a task it was sent."""
    try:
        receive_callback(department, request.headers, request.body)
    except CallbackRefused as refused:
        return JsonResponse({"error": str(refused)}, status=refused.status)
    return JsonResponse({"status": "accepted"}, status=202)
