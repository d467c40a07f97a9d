"""Every answer carries a Content-Security-Policy: our own origin only, and no
inline script anywhere (issue 15, item 7). The browser tests fail on any
violation the policy reports, so the pages keep to it."""

import pytest

from tests.factories import UserFactory
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


def policy(response):
    return {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split("; ")
    }


@pytest.mark.parametrize("url", ["/", "/apply/", "/verify/", "/account/login/"])
def test_family_pages_allow_only_their_own_scripts_and_styles(client, url):
    directives = policy(client.get(url, follow=True))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


def test_the_admin_allows_inline_styles_but_never_inline_scripts(client):
    staff_login(client, UserFactory(is_superuser=True, is_staff=True))
    directives = policy(client.get("/admin/"))
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["script-src"] == ["'self'"]


def test_the_api_answers_carry_the_policy_too(client):
    response = client.post("/graphql/", "{}", content_type="application/json")
    assert "default-src 'self'" in response["Content-Security-Policy"]
