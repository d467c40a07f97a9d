import pytest

from cases.sms.contrib.memory import plugin as memory


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    """Every test starts with an empty in-memory SMS outbox."""
    memory.outbox.clear()
    memory.failures.clear()
    yield memory.outbox


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Uploaded documents go to a fresh directory per test."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Per-network sign-in counters and cached page fragments start empty."""
    from django.core.cache import cache

    cache.clear()
