import pytest

from cases.sms.contrib import memory


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    """Every test starts with an empty in-memory SMS outbox."""
    memory.outbox.clear()
    memory.failures.clear()
    yield memory.outbox
