"""Validation rules on what one request may ask, after graphql-core's own:
depth and introspection. The size bounds (fields, aliases, fragments, tokens)
come earlier, before any rule runs (``bounds``); graphene-django has no cost
limit of its own (PITFALLS)."""

from django.conf import settings
from graphene.validation import DisableIntrospection, depth_limit_validator

from graphql import specified_rules, validate


def limit_rules():
    rules = [depth_limit_validator(max_depth=settings.GRAPHQL_MAX_DEPTH)]
    if not settings.GRAPHQL_INTROSPECTION:
        rules.append(DisableIntrospection)
    return rules


def validate_document(schema, document):
    """graphql-core's own rules first, then ours: the depth rule raises
    KeyError on an undefined fragment (PITFALLS), which the standard rules
    report properly."""
    errors = validate(schema, document, specified_rules)
    if errors:
        return errors
    return validate(schema, document, limit_rules())
