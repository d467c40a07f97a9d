"""Development: one JSON object per line in ``var/sms/outbox.jsonl``."""

import json
import uuid

from django.conf import settings
from django.utils import timezone

from ...base import SmsBackend
from ...registry import register


@register("file")
class FileBackend(SmsBackend):
    verbose_name = "file (development)"

    def send(self, to, text):
        path = settings.VAR_DIR / "sms" / "outbox.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        message_id = str(uuid.uuid4())
        line = {"id": message_id, "to": to, "text": text, "at": timezone.now().isoformat()}
        with open(path, "a", encoding="utf-8") as outbox:
            outbox.write(json.dumps(line, ensure_ascii=False) + "\n")
        return message_id
