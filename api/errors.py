"""Errors the API answers with, and their stable codes.

Which exception becomes which code is decided in one table (``ERROR_CODES``);
resolvers and mutations are wrapped with :func:`answers_errors` instead of
each catching and naming codes of its own. Anything not in the table is an
internal error: the view logs it and the client reads only "系统出错"."""

import functools

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError

from cases.services.delegations import DelegationRefused
from cases.services.hotline import LookupRefused
from cases.services.sign_in import SignInRefused
from graphql import GraphQLError


class ApiError(GraphQLError):
    """An error whose message is meant for the client, in its language."""

    def __init__(self, message, code="bad_request", **kwargs):
        super().__init__(str(message), extensions={"code": code}, **kwargs)


def _messages(exc):
    if hasattr(exc, "error_dict"):
        return " ".join(m for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


# Exception → code (or a function of the exception), most specific first.
ERROR_CODES = (
    (LookupRefused, lambda exc: exc.code),
    (SignInRefused, "refused"),
    (DelegationRefused, "refused"),
    (PermissionDenied, "refused"),
    (ValidationError, "invalid"),
    (ObjectDoesNotExist, "not_found"),
)


def api_error_for(exc, overrides=()):
    """The ApiError ``exc`` is answered with, or None when it is not ours."""
    if isinstance(exc, ApiError):
        return exc
    for kind, code in (*overrides, *ERROR_CODES):
        if isinstance(exc, kind):
            message = _messages(exc) if isinstance(exc, ValidationError) else str(exc)
            return ApiError(message, code=code(exc) if callable(code) else code)
    return None


def answers_errors(*overrides):
    """Wrap a resolver or ``mutate``: exceptions of the table (or of
    ``overrides``, pairs of exception and code that win over it) become
    ApiErrors with their code; any other exception goes on as it is."""

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                answer = api_error_for(exc, overrides)
                if answer is None or answer is exc:
                    raise
                raise answer from None

        return wrapper

    return decorator


def not_found():
    from django.utils.translation import gettext as _

    # The same words for an unknown case and someone else's.
    return ApiError(_("No such case."), code="not_found")


def forbidden(message):
    return ApiError(message, code="forbidden")
