import pytest

from tests.factories import citizen

PHONE = "13912345678"


@pytest.fixture
def family(client):
    """The applicant's family, signed in with the applicant's number."""
    client.force_login(citizen(PHONE))
    return client
