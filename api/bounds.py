"""Bounds every document meets before graphql-core validates it.

graphql-core's standard rules are not cheap: ``OverlappingFieldsCanBeMerged``
compares fields pairwise across every fragment spread, so a kilobyte of
nested fragments costs seconds, and more kills a worker (PITFALLS; CVE-2023-
26144). The depth, field and alias limits of ``limits`` are validation rules
and run only after those standard rules. So the document is bounded here
first, for every caller: its size in bytes and in tokens (the parser stops
counting at the limit), how deeply its selections nest, and how many fields
and fragment spreads it has *with every fragment expanded* — counted once per
fragment, so the count itself costs time in the document's length. The field
and alias limits live here too, for the same reason.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
)

from graphql import GraphQLError, GraphQLSyntaxError, parse


class TooComplex(GraphQLError):
    code = "too_complex"

    def __init__(self, message):
        super().__init__(message, extensions={"code": self.code})


def parse_bounded(query):
    """(document, errors): the parsed document if it is within bounds."""
    if len(query.encode("utf-8")) > settings.GRAPHQL_MAX_QUERY_BYTES:
        return None, [
            TooComplex(
                _("The query is longer than %(max)s bytes.")
                % {"max": settings.GRAPHQL_MAX_QUERY_BYTES}
            )
        ]
    try:
        document = parse(
            query,
            max_lexical_tokens=settings.GRAPHQL_MAX_TOKENS,
            max_comments=settings.GRAPHQL_MAX_TOKENS,
            max_source_length=settings.GRAPHQL_MAX_QUERY_BYTES,
        )
    except GraphQLSyntaxError as exc:
        if "Document contains more than" in exc.message:
            return None, [
                TooComplex(
                    _("The query has more than %(max)s tokens.")
                    % {"max": settings.GRAPHQL_MAX_TOKENS}
                )
            ]
        return None, [exc]  # the client's mistake, reported as such
    except RecursionError:
        return None, [TooComplex(_("The query nests too deeply."))]
    errors = expansion_errors(document)
    return (None, errors) if errors else (document, [])


class _TooDeep(Exception):
    pass


def expansion_errors(document):
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    counter = _Counter(fragments)
    errors = []
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        try:
            fields, aliases, spreads = counter.selections(definition.selection_set, 1)
        except _TooDeep:
            return [TooComplex(_("The query nests too deeply."))]
        for count, limit, message in (
            (
                fields,
                settings.GRAPHQL_MAX_FIELDS,
                _("The query asks for %(n)s fields; at most %(max)s are allowed."),
            ),
            (
                aliases,
                settings.GRAPHQL_MAX_ALIASES,
                _("The query uses %(n)s aliases; at most %(max)s are allowed."),
            ),
            (
                spreads,
                settings.GRAPHQL_MAX_FRAGMENT_SPREADS,
                _("The query spreads fragments %(n)s times; at most %(max)s are allowed."),
            ),
        ):
            if count > limit:
                errors.append(TooComplex(message % {"n": count, "max": limit}))
    return errors


class _Counter:
    """Fields, aliases and fragment spreads of a selection, every fragment
    expanded where it is spread. Each fragment is counted once and its
    totals reused, so counting 2^30 expanded fields takes 30 steps.
    Unknown and self-spreading fragments count nothing here: graphql-core's
    rules name them."""

    def __init__(self, fragments):
        self.fragments = fragments
        self.memo = {}
        self.active = set()

    def selections(self, selection_set, nesting):
        if selection_set is None:
            return 0, 0, 0
        if nesting > settings.GRAPHQL_MAX_NESTING:
            raise _TooDeep
        fields = aliases = spreads = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                f, a, s = self.selections(selection.selection_set, nesting + 1)
                f += 1
                a += 1 if selection.alias else 0
            elif isinstance(selection, InlineFragmentNode):
                f, a, s = self.selections(selection.selection_set, nesting + 1)
            elif isinstance(selection, FragmentSpreadNode):
                f, a, s = self.fragment(selection.name.value, nesting + 1)
                s += 1
            else:
                continue
            fields, aliases, spreads = fields + f, aliases + a, spreads + s
        return fields, aliases, spreads

    def fragment(self, name, nesting):
        if name in self.memo:
            return self.memo[name]
        if name not in self.fragments or name in self.active:
            return 0, 0, 0
        self.active.add(name)
        counted = self.selections(self.fragments[name].selection_set, nesting)
        self.active.discard(name)
        self.memo[name] = counted
        return counted
