"""Signed JSON over HTTP(S) to the department's own system.

The request carries the dispatch key as ``Idempotency-Key`` on every attempt:
the department must treat a key it has seen as the same task.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.urls import reverse

from ....services.contract import SCHEMA_VERSION, as_payload, contract_for
from ... import file_links, signing
from ...base import Connector, Delivery, DeliveryFailed, DeliveryRefused
from ...registry import register


def task_payload(dispatch):
    """What the department needs to handle the matter, and nothing more: the
    task's contract (cases.services.contract), its files as signed links.
    Published as JSON Schema in cases/connectors/schema/task-v1.json."""
    task = dispatch.task
    case = task.case
    department = dispatch.department

    def link(kind, ident):
        return file_links.signed_url(department, task.pk, kind, ident)

    return {
        "schema": SCHEMA_VERSION,
        "event": dispatch.event,
        "key": str(dispatch.key),
        "attempt": dispatch.attempts,
        "callback_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("connector_callback", args=[department.code]),
        "case": {
            "reference": case.reference,
            "scenario": case.scenario,
            "submitted_at": case.submitted_at.isoformat(),
        },
        "matter": {"code": task.matter_code, "name": task.matter_name_zh},
        "due_date": task.due_date.isoformat() if task.due_date else None,
        **as_payload(contract_for(task), link),
    }


@register("http_json")
class HttpJson(Connector):
    verbose_name = "http_json — signed JSON to the department's system"

    def deliver(self, dispatch):
        department = dispatch.department
        body = json.dumps(task_payload(dispatch), ensure_ascii=False).encode()
        headers = signing.signed_headers(department.shared_secret, body)
        headers[signing.IDEMPOTENCY_HEADER] = str(dispatch.key)
        headers[signing.ATTEMPT_HEADER] = str(dispatch.attempts)
        request = urllib.request.Request(  # noqa: S310 - URL set by administrators
            department.endpoint_url, data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(  # noqa: S310
                request, timeout=settings.CONNECTOR_TIMEOUT_SECONDS
            ) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500 and exc.code not in (408, 409, 425, 429):
                raise DeliveryRefused(f"HTTP {exc.code} from the department") from None
            raise DeliveryFailed(f"HTTP {exc.code} from the department") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DeliveryFailed(f"no answer: {type(reason).__name__}") from None
        except ValueError:
            raise DeliveryFailed("the answer was not JSON") from None
        return Delivery(external_reference=str(answer.get("reference", ""))[:100])
