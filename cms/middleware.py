"""Headers every answer carries: no caching of what may hold personal data,
no browser feature the platform does not use, and no script but our own.

Responses that may hold personal data are never kept by a browser or a
proxy: every answer to a signed-in user (a family's case pages, result
lists, PDFs and documents; the staff screens) and every answer of the paths
that serve personal files by link, whoever asks."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils.cache import patch_cache_control

# Paths whose answers carry personal data even without a session: the
# heirs' personal links, certificates fetched with a token, department
# systems' document links, a relative's request and its copy (proven for the
# session, not signed in), what receiving bodies read.
PERSONAL_PATHS = (
    "/delegations/",
    "/en/delegations/",
    "/certificates/",
    "/connectors/",
    "/rights/",
    "/en/rights/",
    "/share/",
)


class NoStoreForPersonalData:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(PERSONAL_PATHS):
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response


# Nothing on the platform uses these browser features; a page (or anything
# injected into one) gets none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class PermissionsPolicy:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every answer:
    scripts, styles and everything else from our own origin only, no inline
    script anywhere. Wagtail's admin writes some inline styles and scripts of
    its own, so under ``/admin/`` the allowances of
    ``CONTENT_SECURITY_POLICY_ADMIN`` are added; the families' pages never
    get them."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith("/admin/") and parts.update is None:
            parts.update = settings.CONTENT_SECURITY_POLICY_ADMIN
        return parts
