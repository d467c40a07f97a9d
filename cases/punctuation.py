"""Punctuation in the reader's language: a Chinese page writes 王五（配偶）、
李四；an English one "Wang Wu (spouse), Li Si;". Whatever joins words for a
reader (a list of matters in a message, names on a page) goes through here."""

from django.utils.translation import get_language


def english():
    return (get_language() or "").startswith("en")


def enumeration(items):
    """Words joined as a list: 甲、乙 / A, B."""
    return (", " if english() else "、").join(str(item) for item in items)


def bracketed(text):
    """An aside: 甲（乙） / A (B)."""
    return f" ({text})" if english() else f"（{text}）"


def clause_separator():
    return "; " if english() else "；"


def comma():
    return ", " if english() else "，"


def colon():
    return ": " if english() else "："
