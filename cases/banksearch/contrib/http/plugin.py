"""The cross-bank search over HTTP: a signed JSON request with the ID number,
a signed JSON answer listing the banks (``BANK_SEARCH_URL``,
``BANK_SEARCH_SECRET``)."""

import json
import urllib.error
import urllib.request

from django.conf import settings

from cases.connectors import signing

from ...base import BankSearch, BankSearchUnavailable
from ...registry import register


@register("http")
class HttpBankSearch(BankSearch):
    verbose_name = "Cross-bank search over HTTP"

    def search(self, id_number):
        secret = settings.BANK_SEARCH_SECRET
        body = json.dumps({"id_number": id_number}).encode()
        request = urllib.request.Request(  # noqa: S310 - URL from settings
            settings.BANK_SEARCH_URL,
            data=body,
            headers=signing.signed_headers(secret, body),
            method="POST",
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.BANK_SEARCH_TIMEOUT_SECONDS
            ) as response:
                answer_body = response.read()
                signing.verify(secret, response.headers, answer_body)
                answer = json.loads(answer_body)
        except urllib.error.HTTPError as exc:
            raise BankSearchUnavailable(f"HTTP {exc.code} from the bank search") from None
        except signing.SignatureError as exc:
            raise BankSearchUnavailable(f"the answer is not signed right: {exc}") from None
        except (OSError, ValueError) as exc:
            raise BankSearchUnavailable(f"no answer: {type(exc).__name__}") from None
        return tuple(str(code) for code in answer.get("banks", []))
