"""Limits on what one request may ask: depth, number of fields (fragments
counted each time they are spread) and aliases. graphene-django has no cost
limit of its own (PITFALLS)."""

from django.conf import settings
from django.utils.translation import gettext as _
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphql.language import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)

from graphql import GraphQLError, specified_rules, validate


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
    errors = validate(schema, document, limit_rules())
    if errors:
        return errors
    return _size_errors(document)


def _size_errors(document):
    fragments = {d.name.value: d for d in document.definitions if d.kind == "fragment_definition"}
    errors = []
    for operation in document.definitions:
        if not isinstance(operation, OperationDefinitionNode):
            continue
        fields, aliases = _count(operation.selection_set, fragments)
        if fields > settings.GRAPHQL_MAX_FIELDS:
            errors.append(
                GraphQLError(
                    _("The query asks for %(n)s fields; at most %(max)s are allowed.")
                    % {"n": fields, "max": settings.GRAPHQL_MAX_FIELDS}
                )
            )
        if aliases > settings.GRAPHQL_MAX_ALIASES:
            errors.append(
                GraphQLError(
                    _("The query uses %(n)s aliases; at most %(max)s are allowed.")
                    % {"n": aliases, "max": settings.GRAPHQL_MAX_ALIASES}
                )
            )
    return errors


def _count(selection_set, fragments, seen=()):
    fields = aliases = 0
    if selection_set is None:
        return 0, 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            fields += 1
            aliases += 1 if selection.alias else 0
            f, a = _count(selection.selection_set, fragments, seen)
        elif isinstance(selection, InlineFragmentNode):
            f, a = _count(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen or name not in fragments:  # cycles are refused earlier
                continue
            f, a = _count(fragments[name].selection_set, fragments, (*seen, name))
        else:
            continue
        fields += f
        aliases += a
    return fields, aliases
