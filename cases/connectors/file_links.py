"""Short-lived signed links through which a department's own system fetches
the documents and certificates a task's contract names.

A link names the department, the task, what it opens and when it expires,
and carries an HMAC over all of it keyed by the department's shared secret:
it opens that one file, for that department, until then. Each payload is
built at send time, so every attempt carries fresh links."""

import hashlib
import hmac
import time
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

DOCUMENT, CERTIFICATE = "document", "certificate"
KINDS = (DOCUMENT, CERTIFICATE)


class LinkRefused(Exception):
    """The link is malformed, expired or not signed for this department."""


def _signature(secret, department_code, task_id, kind, ident, expires):
    message = f"{department_code}.{task_id}.{kind}.{ident}.{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_url(department, task_id, kind, ident, *, now=None):
    """The absolute link and its expiry (a Unix time)."""
    expires = int(now if now is not None else time.time()) + settings.CONNECTOR_FILE_LINK_SECONDS
    path = reverse(
        "connector_file",
        kwargs={"department": department.code, "task_id": task_id, "kind": kind, "ident": ident},
    )
    query = urlencode(
        {
            "expires": expires,
            "signature": _signature(
                department.shared_secret, department.code, task_id, kind, ident, expires
            ),
        }
    )
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}?{query}", expires


def check(department, task_id, kind, ident, expires, signature, *, now=None):
    """Raise LinkRefused unless the link is this department's and still valid."""
    if kind not in KINDS or not department.shared_secret:
        raise LinkRefused("no such link")
    try:
        expires = int(expires)
    except (TypeError, ValueError):
        raise LinkRefused("no such link") from None
    expected = _signature(department.shared_secret, department.code, task_id, kind, ident, expires)
    if not hmac.compare_digest(expected, str(signature or "")):
        raise LinkRefused("the signature does not match")
    if expires < int(now if now is not None else time.time()):
        raise LinkRefused("the link has expired")
