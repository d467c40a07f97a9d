"""Case references: short, random, with a check character.

Eight random characters from an alphabet without look-alikes (no 0/O, 1/I/L)
and a ninth that checks them, shown as ``7K3Q-X9M2-P``. 31 is prime, so the
weighted check catches every single mistyped character and every swap of two
neighbours among the first eight. 31⁸ ≈ 8.5 × 10¹¹ references: nobody walks through others' cases
by counting, and a mistyped one is refused before any database lookup.
"""

import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 8
LENGTH = BODY_LENGTH + 1


def check_character(body: str) -> str:
    total = sum((position + 1) * ALPHABET.index(char) for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def generate_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def normalise_reference(text: str) -> str:
    """Accept what people type: lower case, spaces and hyphens."""
    return "".join(ch for ch in str(text).upper() if ch not in " -")


def parse_reference(text: str) -> str:
    """Return the stored form of a typed reference, or raise ValidationError."""
    reference = normalise_reference(text)
    if len(reference) != LENGTH or any(ch not in ALPHABET for ch in reference):
        raise ValidationError(
            _(
                "A case reference has 9 letters and digits, like 7K3Q-X9M2-P "
                "(there is no 0, 1, I, L or O in it)."
            ),
            code="reference_format",
        )
    if check_character(reference[:BODY_LENGTH]) != reference[-1]:
        raise ValidationError(
            _("This case reference has a typing mistake; please check it against the SMS."),
            code="reference_check",
        )
    return reference


def format_reference(reference: str) -> str:
    return f"{reference[:4]}-{reference[4:8]}-{reference[8:]}"
