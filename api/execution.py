"""graphql-core's executor with a short way for leaf fields.

A status call executes about 290 fields, and for each graphql-core finds the
field's definition, builds a path, a resolve info and the arguments, and
completes the value through three or four functions that ask what kind of
type it is — as much time as the plain view takes to build its whole answer
(issue 36). Nearly all of those fields are leaves without arguments: a scalar
or an enum, read off the object by graphene's default resolver or given by a
``resolve_…`` method. For those this context knows the field once per type,
reads the attribute (no info, no path) or calls the resolver with its info,
and serializes the value as ``complete_leaf_value`` would.

Anything out of the ordinary goes through graphql-core's own completion and
error handling, with the value already resolved, so answers and errors are
unchanged: a null (a non-null field's error), an exception returned or
raised, a value the scalar cannot serialize, an awaitable. Every field goes
graphql-core's whole way when a middleware must see each resolver, and so do
fields with arguments and every object and list.
"""

from asyncio import gather
from functools import partial
from typing import NamedTuple

from graphene.types.resolver import get_default_resolver
from graphql.pyutils import Path

from graphql import (
    ExecutionContext,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    Undefined,
    is_leaf_type,
    located_error,
)


class _Leaf(NamedTuple):
    field: GraphQLField
    leaf_type: GraphQLLeafType
    nullable: bool
    # Set when graphene's default resolver reads this attribute: read directly.
    attribute: str | None
    default: object


# Per object type of the (static) schema: field name → _Leaf.
_leaves = {}


def _leaf(field):
    if field.args:
        return None
    nullable = not isinstance(field.type, GraphQLNonNull)
    leaf_type = field.type if nullable else field.type.of_type
    if not is_leaf_type(leaf_type):
        return None
    resolve = field.resolve
    if (
        isinstance(resolve, partial)
        and resolve.func is get_default_resolver()
        and len(resolve.args) == 2
        and not resolve.keywords
    ):
        return _Leaf(field, leaf_type, nullable, *resolve.args)
    if resolve is None:  # graphql-core's default resolver: leave it to it
        return None
    return _Leaf(field, leaf_type, nullable, None, None)


def _leaves_of(object_type):
    leaves = _leaves.get(object_type)
    if leaves is None:
        leaves = {}
        for name, field in object_type.fields.items():
            leaf = _leaf(field)
            if leaf is not None:
                leaves[name] = leaf
        _leaves[object_type] = leaves
    return leaves


class LeanExecutionContext(ExecutionContext):
    def execute_fields(self, parent_type, source_value, path, fields):
        if self.middleware_manager is not None and self.middleware_manager.middlewares:
            return super().execute_fields(parent_type, source_value, path, fields)
        leaves = _leaves_of(parent_type)
        is_awaitable = self.is_awaitable
        results = {}
        awaiting = []
        for response_name, field_nodes in fields.items():
            leaf = leaves.get(field_nodes[0].name.value)
            if leaf is None:
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_nodes,
                    Path(path, response_name, parent_type.name),
                )
                if result is Undefined:
                    continue
            else:
                result = self._execute_leaf(
                    leaf, parent_type, source_value, field_nodes, path, response_name
                )
            results[response_name] = result
            if is_awaitable(result):
                awaiting.append(response_name)
        if not awaiting:
            return results
        return self._gathered(results, awaiting)

    def _execute_leaf(self, leaf, parent_type, source, field_nodes, parent_path, response_name):
        field = leaf.field
        path = info = None
        try:
            if leaf.attribute is not None:
                if isinstance(source, dict):
                    result = source.get(leaf.attribute, leaf.default)
                else:
                    result = getattr(source, leaf.attribute, leaf.default)
            else:
                path = Path(parent_path, response_name, parent_type.name)
                info = self.build_resolve_info(field, field_nodes, parent_type, path)
                result = field.resolve(source, info)
                if self.is_awaitable(result):
                    return self._awaited(result, field, field_nodes, info, path)
            if result is None and leaf.nullable:
                return None
            if result is not None and result is not Undefined and not isinstance(result, Exception):
                serialized = leaf.leaf_type.serialize(result)
                if serialized is not None and serialized is not Undefined:
                    return serialized
            # graphql-core's completion says what is wrong, as it would have.
            path = path or Path(parent_path, response_name, parent_type.name)
            info = info or self.build_resolve_info(field, field_nodes, parent_type, path)
            return self.complete_value(field.type, field_nodes, info, path, result)
        except Exception as raw_error:  # noqa: BLE001 - located and reported as graphql-core does
            path = path or Path(parent_path, response_name, parent_type.name)
            return self._field_error(raw_error, field, field_nodes, path)

    async def _awaited(self, result, field, field_nodes, info, path):
        try:
            return self.complete_value(field.type, field_nodes, info, path, await result)
        except Exception as raw_error:  # noqa: BLE001 - as graphql-core does
            return self._field_error(raw_error, field, field_nodes, path)

    def _field_error(self, raw_error, field, field_nodes, path):
        """As graphql-core's execute_field: the error located at the field,
        then null, or raised to the parent for a non-null field."""
        error = located_error(raw_error, field_nodes, path.as_list())
        self.handle_field_error(error, field.type, path)
        return None

    @staticmethod
    async def _gathered(results, awaiting):
        values = await gather(*(results[name] for name in awaiting))
        results.update(zip(awaiting, values, strict=True))
        return results
