"""Tests: messages collect in :data:`outbox`; :data:`failures` makes the next
sends fail."""

import uuid

from ...base import SmsBackend, SmsSendFailed
from ...registry import register

outbox = []
failures = []


@register("memory")
class MemoryBackend(SmsBackend):
    verbose_name = "memory (tests)"

    def send(self, to, text):
        if failures:
            failures.pop()
            raise SmsSendFailed("provider unavailable (test)")
        message_id = str(uuid.uuid4())
        outbox.append({"id": message_id, "to": to, "text": text})
        return message_id
