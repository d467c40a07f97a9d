import pytest

from cases.connectors import signing

SECRET = "x" * 40
BODY = b'{"key": "k", "outcome": "completed"}'
NOW = 1_800_000_000


def test_a_signed_request_verifies():
    headers = signing.signed_headers(SECRET, BODY, now=NOW, request_id="r1")
    assert signing.verify(SECRET, headers, BODY, now=NOW + 10).request_id == "r1"


@pytest.mark.parametrize(
    "change",
    [
        lambda h, b: (h, b + b" "),  # body changed
        lambda h, b: ({**h, signing.REQUEST_ID_HEADER: "r2"}, b),  # request id changed
        lambda h, b: ({**h, signing.TIMESTAMP_HEADER: str(NOW + 1)}, b),  # time changed
    ],
    ids=["body", "request id", "timestamp"],
)
def test_any_change_breaks_the_signature(change):
    headers, body = change(signing.signed_headers(SECRET, BODY, now=NOW, request_id="r1"), BODY)
    with pytest.raises(signing.SignatureError, match="bad signature"):
        signing.verify(SECRET, headers, body, now=NOW)


def test_another_secret_does_not_verify():
    headers = signing.signed_headers("y" * 40, BODY, now=NOW)
    with pytest.raises(signing.SignatureError, match="bad signature"):
        signing.verify(SECRET, headers, BODY, now=NOW)


def test_a_stale_timestamp_is_refused_even_when_signed_right():
    headers = signing.signed_headers(SECRET, BODY, now=NOW)
    with pytest.raises(signing.SignatureError, match="stale"):
        signing.verify(SECRET, headers, BODY, now=NOW + signing.MAX_SKEW + 1)


def test_missing_headers_are_named():
    with pytest.raises(signing.SignatureError, match="timestamp"):
        signing.verify(SECRET, {}, BODY, now=NOW)
