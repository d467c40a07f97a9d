from graphql import GraphQLError


class ApiError(GraphQLError):
    """An error whose message is meant for the client, in its language."""

    def __init__(self, message, code="bad_request", **kwargs):
        super().__init__(str(message), extensions={"code": code}, **kwargs)


def not_found():
    from django.utils.translation import gettext as _

    # The same words for an unknown case and someone else's.
    return ApiError(_("No such case."), code="not_found")


def forbidden(message):
    return ApiError(message, code="forbidden")
