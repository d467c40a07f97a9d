import pytest
from django.db import connection


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


def pytest_collection_modifyitems(config, items):
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL row locks; CI runs the suite on PostgreSQL too"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)
