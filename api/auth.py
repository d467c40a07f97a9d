"""Who is asking: a bearer token (app, hotline) or the portal's session."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ApiError, forbidden
from .models import ApiToken, hash_token


class TokenRefused(Exception):
    pass


def authenticate_bearer(request):
    """Set ``request.user`` and ``request.api_token`` from the Authorization
    header; raise TokenRefused for a bad, expired or revoked token. Without
    the header, the session decides (``request.api_token`` is None)."""
    request.api_token = None
    header = request.headers.get("Authorization", "")
    if not header:
        return
    scheme, _sep, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise TokenRefused(_("Send the token as: Authorization: Bearer <token>."))
    # Which tokens are usable is the model's rule, said once (ApiTokenQuerySet).
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_hash=hash_token(key.strip()), user__is_active=True)
        .first()
    )
    if token is None:
        raise TokenRefused(_("The token is unknown, expired or revoked. Sign in again."))
    now = timezone.now()
    # One write per minute at most, not one per request.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    request.user = token.user
    request.api_token = token


def citizen(info):
    user = info.context.user
    token = getattr(info.context, "api_token", None)
    if not user.is_authenticated:
        raise ApiError(_("Sign in first."), code="unauthenticated")
    if token is not None and token.kind != ApiToken.Kind.APP:
        raise forbidden(_("This token cannot read citizens' cases."))
    return user


def hotline_agent(info):
    from cases.roles import is_hotline_agent

    user = info.context.user
    token = getattr(info.context, "api_token", None)
    if not user.is_authenticated:
        raise ApiError(_("Sign in first."), code="unauthenticated")
    if (token is not None and token.kind != ApiToken.Kind.HOTLINE) or not is_hotline_agent(user):
        raise forbidden(_("Only hotline agents can look cases up."))
    return user
