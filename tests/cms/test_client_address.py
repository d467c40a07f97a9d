"""The client's address behind our proxies: the rightmost entries of the
forwarding header are our proxies' own; anything further left may be forged."""

import pytest
from django.test import RequestFactory

from web.network import client_ip


def request_with(forwarded, remote="10.0.0.1"):
    return RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)


@pytest.fixture
def behind_proxies(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    return settings


def test_a_forged_leftmost_address_is_not_believed(behind_proxies):
    behind_proxies.CLIENT_IP_TRUSTED_PROXIES = 1
    assert client_ip(request_with("1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_with_two_proxies_the_address_the_outer_one_saw_is_taken(behind_proxies):
    behind_proxies.CLIENT_IP_TRUSTED_PROXIES = 2
    assert client_ip(request_with("1.2.3.4, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"


def test_a_header_shorter_than_our_proxies_write_falls_back_to_the_peer(behind_proxies):
    behind_proxies.CLIENT_IP_TRUSTED_PROXIES = 2
    assert client_ip(request_with("203.0.113.9")) == "10.0.0.1"


def test_without_a_configured_header_the_peer_address_counts(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(request_with("1.2.3.4")) == "10.0.0.1"
