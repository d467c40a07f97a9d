"""The sharing interface for the bodies that handle what follows a death
(property inheritance registration, notaries, banks): REST over HTTPS with
OAuth2 client credentials (django-oauth-toolkit), one scope per purpose.

    POST /share/oauth/token/                      client credentials → a token (10 minutes)
    GET  /share/v1/cases/<reference>/death-facts/          scope death-facts
    GET  /share/v1/cases/<reference>/heirs-and-consents/   scope heirs-and-consents
    GET  /share/v1/cases/<reference>/certificates/         scope certificates

A body gets a case only while the family's consent to that body covers the
purpose (``cases.services.sharing``); otherwise the same 404 as for a case
that does not exist. Every answered call is an access event the family sees;
each body has a ceiling of calls a minute. The contract is
``api/sharing-openapi.json``, tested against what is served."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from oauth2_provider.oauth2_backends import get_oauthlib_core

from cases.models import ReceivingBody, SharingScope
from cases.rate import count_in_window
from cases.references import parse_reference
from cases.services import sharing
from web.network import client_ip


def _error(status, code, message, **headers):
    response = JsonResponse({"error": code, "message": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    response["Cache-Control"] = "no-store"
    return response


def _within_rate(body):
    """A fixed one-minute window per body, counted in the shared cache."""
    minute = timezone.now().strftime("%Y%m%d%H%M")
    calls = count_in_window(f"sharing-rate:{body.pk}:{minute}", 120)
    return calls <= settings.SHARING_CALLS_PER_MINUTE


@require_GET
def shared(request, reference, scope):
    if scope not in SharingScope.values:
        return _error(404, "not_found", "No such resource.")
    valid, oauth = get_oauthlib_core().verify_request(request, scopes=[scope])
    if not valid:
        if (getattr(oauth, "oauth2_error", None) or {}).get("error") == "insufficient_scope":
            return _error(403, "insufficient_scope", f"This token is not for {scope}.")
        return _error(
            401, "invalid_token", "A valid bearer token is needed.", WWW_Authenticate="Bearer"
        )
    body = ReceivingBody.objects.filter(
        application=oauth.access_token.application, active=True
    ).first()
    if body is None:
        return _error(403, "not_registered", "This client is not a registered receiving body.")
    if not _within_rate(body):
        return _error(
            429, "rate_limited", "Too many calls; try again in a minute.", Retry_After="60"
        )
    try:
        reference = parse_reference(reference)
    except ValidationError:  # a malformed reference is an unknown case
        return _error(404, "not_found", "No such case, or no consent for this purpose.")
    case = sharing.case_for(body, reference, scope)
    if case is None:
        return _error(404, "not_found", "No such case, or no consent for this purpose.")
    sharing.record_read(case, body, scope, remote_addr=client_ip(request))
    response = JsonResponse(sharing.GIVES[scope](case), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response
