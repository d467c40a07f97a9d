"""HMAC-SHA256 signatures for requests between the platform and department
systems, both ways.

The signature covers ``"<timestamp>.<request id>.<body>"``, so neither the
time nor the request id can be changed without breaking it. A receiver
refuses a timestamp more than ``MAX_SKEW`` seconds away from its clock and a
request id it has already seen (the caller stores them).
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

TIMESTAMP_HEADER = "X-Shenhou-Timestamp"
REQUEST_ID_HEADER = "X-Shenhou-Request-Id"
SIGNATURE_HEADER = "X-Shenhou-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
ATTEMPT_HEADER = "X-Shenhou-Attempt"
MAX_SKEW = 300


class SignatureError(Exception):
    """The request is not signed right; the message says how, without secrets."""


@dataclass(frozen=True)
class Verified:
    timestamp: int
    request_id: str


def signature(secret: str, timestamp: int, request_id: str, body: bytes) -> str:
    message = f"{timestamp}.{request_id}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(secret: str, body: bytes, *, now=None, request_id=None) -> dict:
    timestamp = int(now if now is not None else time.time())
    request_id = request_id or str(uuid.uuid4())
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        REQUEST_ID_HEADER: request_id,
        SIGNATURE_HEADER: signature(secret, timestamp, request_id, body),
    }


def verify(secret: str, headers, body: bytes, *, now=None) -> Verified:
    """Check signature and freshness; ``headers`` is any case-insensitive mapping."""
    try:
        timestamp = int(headers.get(TIMESTAMP_HEADER, ""))
    except ValueError:
        raise SignatureError("missing or malformed timestamp") from None
    request_id = headers.get(REQUEST_ID_HEADER, "")
    given = headers.get(SIGNATURE_HEADER, "")
    if not request_id or not given:
        raise SignatureError("missing request id or signature")
    expected = signature(secret, timestamp, request_id, body)
    if not hmac.compare_digest(expected, given):
        raise SignatureError("bad signature")
    current = int(now if now is not None else time.time())
    if abs(current - timestamp) > MAX_SKEW:
        raise SignatureError("stale timestamp")
    return Verified(timestamp=timestamp, request_id=request_id)


class NoAnswer(Exception):
    """A signed request got no answer it could trust; the message says why
    (a status, a bad signature, a timeout), never what was asked."""


def ask(url: str, secret: str, payload: dict, *, timeout: float) -> dict:
    """POST ``payload`` as signed JSON to a service the platform asks (the
    shared registry, the cross-bank search) and return its signed JSON
    answer; :class:`NoAnswer` when there is none to trust."""
    body = json.dumps(payload).encode()
    request = urllib.request.Request(  # noqa: S310 - URL from settings
        url, data=body, headers=signed_headers(secret, body), method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = response.read()
            verify(secret, response.headers, answer)
            return json.loads(answer)
    except urllib.error.HTTPError as exc:
        raise NoAnswer(f"HTTP {exc.code}") from None
    except SignatureError as exc:
        raise NoAnswer(f"the answer is not signed right: {exc}") from None
    except (OSError, ValueError) as exc:
        raise NoAnswer(f"no answer: {type(exc).__name__}") from None
