"""The operations app and hotline clients may send in production: one per
file in graphql/operations/, known by the SHA-256 of the file's text. Each is
parsed and validated once, at first use, and kept; parsing and validating
costs about as much as running a small query (PITFALLS)."""

import hashlib
from functools import lru_cache

from django.conf import settings


def operation_hash(text):
    return hashlib.sha256(text.strip().encode()).hexdigest()


@lru_cache(maxsize=1)
def operations():
    """{sha256: (name, text)} of the allow-listed operations."""
    found = {}
    for path in sorted(settings.GRAPHQL_OPERATIONS_DIR.glob("*.graphql")):
        text = path.read_text(encoding="utf-8")
        found[operation_hash(text)] = (path.stem, text.strip())
    return found


@lru_cache(maxsize=256)
def prepared(query):
    """(document, errors) for a query text, validated once per process; a
    document out of bounds is refused before any validation rule runs."""
    from .bounds import parse_bounded
    from .limits import validate_document
    from .schema import schema

    document, errors = parse_bounded(query)
    if errors:
        return None, errors
    return document, validate_document(schema.graphql_schema, document)
