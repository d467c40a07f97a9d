"""Masking personal data for pages, logs and API answers.

A viewer whose role needs the whole value is given it explicitly; everything
else shows these forms.
"""

import json
import re

from .validators import normalise_bank_account, normalise_id_number, normalise_phone

# A whole ID, bank account or phone number must never go out in a text.
LONG_NUMBER = re.compile(r"\d{11,}[\dXx]?")


def mask_id_number(value: str) -> str:
    """``330502194001011234`` → ``330502********1234``: the region is kept so a
    clerk can tell which office is concerned, and the last four for a caller."""
    value = normalise_id_number(value or "")
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    value = normalise_phone(value or "")
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_bank_account(value: str) -> str:
    value = normalise_bank_account(value or "")
    if not value:
        return ""
    return "****" + value[-4:]


def mask_name(value: str) -> str:
    """Keep the surname (first character): 张三丰 → 张**."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_for_audit(value: str) -> str:
    """django-auditlog's mask callable (its default leaves half the value
    visible: 9 digits of an ID number). Keeps only the last four characters.
    A JSON value (the registry's family data: a list of relatives) is masked
    inside: each person's numbers to their last four characters, names to
    the family name; what is left is readable structure."""
    value = str(value or "")
    if value in ("", "None"):
        return value
    if value[:1] in "[{":
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, list | dict):
            return json.dumps(_mask_inside(parsed), ensure_ascii=False)
    return _last_four(value)


def _last_four(value):
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


def _mask_inside(value, key=""):
    if isinstance(value, dict):
        return {k: _mask_inside(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_inside(v, key) for v in value]
    if isinstance(value, str) and key == "name":
        return mask_name(value)
    if isinstance(value, str | int) and key not in NOT_PERSONAL_KEYS:
        return _last_four(str(value))
    return value


# Keys of the registry's JSON that say how, not who.
NOT_PERSONAL_KEYS = frozenset({"relationship", "gender", "role", "kind"})
