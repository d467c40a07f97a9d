"""The shipped list of ICD-10 causes of death (``cases/data``): what the
liaison's form offers and what a certificate's code is checked against."""

import csv
import re
from functools import lru_cache
from pathlib import Path

LIST = Path(__file__).resolve().parent / "data" / "icd10_causes_of_death.tsv"
# A code as the national death certificate writes it: I21.9, C34.
CODE = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")


@lru_cache(maxsize=1)
def categories():
    """{three-character category: Chinese name}, in the list's order."""
    with LIST.open(encoding="utf-8") as handle:
        rows = csv.DictReader(
            (line for line in handle if not line.startswith("#")), dialect="excel-tab"
        )
        return {row["code"]: row["name_zh"] for row in rows}


def normalise(code):
    return (code or "").strip().upper().replace("．", ".")


def name_of(code):
    """The name of the category of ``code`` (``I21.9`` → 急性心肌梗死), or
    "" when the code is malformed or its category is not listed."""
    code = normalise(code)
    if not CODE.match(code):
        return ""
    return categories().get(code[:3], "")


def search(term, limit=20):
    """Categories whose code starts with ``term`` or whose name holds it."""
    term = normalise(term)
    if not term:
        return []
    found = [
        (code, name)
        for code, name in categories().items()
        if code.startswith(term[:3]) or term in name
    ]
    return found[:limit]
