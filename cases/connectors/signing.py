"""HMAC-SHA256 signatures for requests between the platform and department
systems, both ways.

The signature covers ``"<timestamp>.<request id>.<body>"``, so neither the
time nor the request id can be changed without breaking it. A receiver
refuses a timestamp more than ``MAX_SKEW`` seconds away from its clock and a
request id it has already seen (the caller stores them).
"""

import hashlib
import hmac
import time
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
