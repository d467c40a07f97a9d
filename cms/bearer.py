"""Requests that carry a bearer token skip the session machinery.

The app, the hotline's console and a department's system call the API with
``Authorization: Bearer …``; the view authenticates the token itself
(api.auth.authenticate_bearer) and never reads a session, a CSRF cookie or a
flash message. Django's session, authentication and messages middleware
still ran on every such call, for nothing (issue 36 measured the stack at a
third of a bare view's rate). These subclasses pass such a request straight
on; everything else gets Django's own behaviour unchanged.

CSRF stays Django's own middleware, for every request: ``check --deploy``
looks for it by name, and for a bearer call it only reads a cookie (the
API's views are exempt; a token is not something a cross-site page can make
a browser send). The GraphQL view no longer asks it to set its cookie on a
bearer call (api/views.py).

Only the API's paths qualify: a bearer header sent to a portal page must not
leave that page without ``request.user``. Django's OTP middleware and the
staff second factor need no subclass: without ``request.user`` they pass
the request on, as they did when the token was read in the view. The audit
middleware still runs (the request's address and correlation ID go into
every log entry), and so do the security headers and the metrics.
"""

from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthentication
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessages
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSession

# Where a bearer token is the way in (api/): GraphQL, the app's uploads and
# downloads, what receiving bodies read. The OAuth token endpoint is not
# here: it takes the client's password (Basic), not a bearer token.
BEARER_PATHS = ("/graphql/", "/api/", "/certificates/", "/statements/", "/share/v1/")


def carries_bearer(request):
    return request.path.startswith(BEARER_PATHS) and request.META.get("HTTP_AUTHORIZATION", "")[
        :7
    ].lower() in ("bearer ", "bearer")


class _PassBearer:
    def __call__(self, request):
        if carries_bearer(request):
            return self.get_response(request)
        return super().__call__(request)


class SessionMiddleware(_PassBearer, DjangoSession):
    pass


class AuthenticationMiddleware(_PassBearer, DjangoAuthentication):
    pass


class MessageMiddleware(_PassBearer, DjangoMessages):
    pass
