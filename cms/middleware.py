"""Responses that may hold personal data are never kept by a browser or a
proxy: every answer to a signed-in user (a family's case pages, result
lists, PDFs and documents; the staff screens) and every answer of the paths
that serve personal files by link, whoever asks."""

from django.utils.cache import patch_cache_control

# Paths whose answers carry personal data even without a session: the
# heirs' personal links, certificates fetched with a token, department
# systems' document links.
PERSONAL_PATHS = ("/delegations/", "/en/delegations/", "/certificates/", "/connectors/")


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
