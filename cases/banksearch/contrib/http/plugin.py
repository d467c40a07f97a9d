"""The cross-bank search over HTTP: a signed JSON request with the ID number,
a signed JSON answer listing the banks (``BANK_SEARCH_URL``,
``BANK_SEARCH_SECRET``)."""

from django.conf import settings

from cases.connectors import signing

from ...base import BankSearch, BankSearchUnavailable
from ...registry import register


@register("http")
class HttpBankSearch(BankSearch):
    verbose_name = "Cross-bank search over HTTP"

    def search(self, id_number):
        try:
            answer = signing.ask(
                settings.BANK_SEARCH_URL,
                settings.BANK_SEARCH_SECRET,
                {"id_number": id_number},
                timeout=settings.BANK_SEARCH_TIMEOUT_SECONDS,
            )
        except signing.NoAnswer as exc:
            raise BankSearchUnavailable(f"the bank search: {exc}") from None
        return tuple(str(code) for code in answer.get("banks", []))
