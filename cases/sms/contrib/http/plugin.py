"""Production: POST JSON ``{"to", "text"}`` to the provider's gateway with a
bearer token (``SMS_HTTP_URL``, ``SMS_HTTP_TOKEN``); the answer's ``id`` is the
provider's message id."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from ...base import SmsBackend, SmsSendFailed
from ...registry import register


@register("http")
class HttpBackend(SmsBackend):
    verbose_name = "HTTP gateway"

    def send(self, to, text):
        if not settings.SMS_HTTP_URL:
            raise SmsSendFailed("SMS_HTTP_URL is not set")
        request = urllib.request.Request(  # noqa: S310 - URL from settings
            settings.SMS_HTTP_URL,
            data=json.dumps({"to": to, "text": text}, ensure_ascii=False).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_HTTP_TOKEN}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return str(json.loads(response.read() or b"{}").get("id", ""))
        except urllib.error.HTTPError as exc:
            raise SmsSendFailed(f"HTTP {exc.code} from the SMS gateway") from None
        except (OSError, ValueError) as exc:
            raise SmsSendFailed(f"no answer from the SMS gateway: {type(exc).__name__}") from None
