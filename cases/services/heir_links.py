"""The personal link each heir is texted: a random token that never looks
like an ID or phone number, stored hashed once it has served."""

import hashlib
import secrets

from django.conf import settings

from ..masking import LONG_NUMBER


def new_token():
    # SMS texts with a run of 11+ digits are refused as a possible ID or
    # phone number: a token must never look like one.
    while True:
        token = secrets.token_urlsafe(18)
        if not LONG_NUMBER.search(token):
            return token


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def delegation_link(token):
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/delegations/{token}/"
