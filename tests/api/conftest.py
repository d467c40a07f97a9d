import datetime
import json

import pytest
from django.contrib.auth.models import Group

from api.models import ApiToken
from cases.constants import StaffRole
from tests.factories import UserFactory, citizen


class Api:
    """POSTs GraphQL to /graphql/ as the mobile app does."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def __call__(self, query, variables=None, *, token=None, status=200, **extra):
        token = token or self.token
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        response = self.client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
            **extra,
        )
        assert response.status_code == status, response.content
        return response.json()


@pytest.fixture(autouse=True)
def fresh_documents():
    """Validated documents are cached per process; limits change per test."""
    from api.allowlist import operations, prepared

    prepared.cache_clear()
    operations.cache_clear()
    yield
    prepared.cache_clear()


@pytest.fixture
def api(client):
    return Api(client)


def app_token(user, days=30):
    _token, key = ApiToken.issue(user, ApiToken.Kind.APP, datetime.timedelta(days=days))
    return key


def hotline_agent():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.HOTLINE_AGENT))
    return user


def hotline_token(user=None):
    _token, key = ApiToken.issue(
        user or hotline_agent(), ApiToken.Kind.HOTLINE, datetime.timedelta(hours=8)
    )
    return key


@pytest.fixture
def family_token():
    return app_token(citizen("13912345678"))
