"""/graphql/: bearer tokens or the portal's session, limits, the production
allow-list, cached documents and errors without internals."""

import json
import logging
import traceback

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView, HttpError

from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast

from . import allowlist
from .auth import TokenRefused, authenticate_bearer
from .execution import LeanExecutionContext

logger = logging.getLogger(__name__)


def _json_error(message, status, code):
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
    return HttpResponse(body, status=status, content_type="application/json")


class RequestRefused(HttpError):
    """A 400 for the whole request, with the code clients see."""

    def __init__(self, message, code="bad_request"):
        super().__init__(HttpResponseBadRequest(), message)
        self.code = code


# What each key of one operation may hold; None is allowed for all of them.
OPERATION_KEYS = {
    "query": (str,),
    "documentId": (str,),
    "operationName": (str,),
    "variables": (dict, str),
    "id": (str, int),
}


def _check_operation(operation):
    if not isinstance(operation, dict):
        raise RequestRefused(_("Send one operation as a JSON object, or a list of them."))
    for key, types in OPERATION_KEYS.items():
        value = operation.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            raise RequestRefused(_("“%(key)s” has the wrong type.") % {"key": key})
    try:
        clean = _encodable(operation)
    except RecursionError:
        clean = False
    if not clean:
        raise RequestRefused(_("The request holds text that is not valid Unicode."))


def _never_awaitable(_value):
    return False


def _encodable(value):
    """No lone surrogate anywhere: JSON lets one through, UTF-8 does not."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


@method_decorator(csrf_exempt, name="dispatch")
class ApiView(GraphQLView):
    graphiql = False

    def dispatch(self, request, *args, **kwargs):
        # Clients say which language they read (Accept-Language); Chinese
        # otherwise, as everywhere. Only for this request: an activation left
        # behind would speak English to whatever the thread does next.
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            return self._dispatch(request, *args, **kwargs)

    def _dispatch(self, request, *args, **kwargs):
        try:
            authenticate_bearer(request)
        except TokenRefused as refused:
            return _json_error(str(refused), 401, "unauthenticated")
        if request.api_token is None and request.user.is_authenticated:
            # Signed in through the session cookie: a cross-site page could
            # send it, so the CSRF token is required as for any form.
            refusal = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if refusal is not None:
                return _json_error(_("CSRF check failed; reload the page."), 403, "csrf")
        if request.api_token is not None:
            # graphene-django wraps dispatch in ensure_csrf_cookie, for its
            # browser IDE: an app holding a token has no use for the cookie
            # nor for the CSRF middleware's work to make it (cms/bearer.py).
            return GraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def parse_body(self, request):
        """The body is checked for shape before graphene reads any of it: a
        body graphene does not expect (a number as the query, a list inside a
        batch, JSON nested past the interpreter's recursion limit, a lone
        surrogate) made it raise, and the client saw a 500 (PITFALLS)."""
        if self.get_content_type(request) != "application/json":
            self.batch = False
            try:
                return super().parse_body(request)
            except UnicodeDecodeError:
                raise RequestRefused(_("The request body is not valid UTF-8.")) from None
            except MultiPartParserError:
                raise RequestRefused(_("The multipart body cannot be read.")) from None
        try:
            body = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise RequestRefused(_("The request body is not valid JSON.")) from None
        self.batch = isinstance(body, list)
        if self.batch and not body:
            raise RequestRefused(_("The batch is empty."))
        if self.batch and len(body) > settings.GRAPHQL_MAX_BATCH:
            raise RequestRefused(
                _("At most %(max)s operations may be sent in one batch.")
                % {"max": settings.GRAPHQL_MAX_BATCH},
                code="batch_too_large",
            )
        for operation in body if self.batch else [body]:
            _check_operation(operation)
        return body

    def get_graphql_params(self, request, data):
        try:
            query, variables, operation_name, batch_id = super().get_graphql_params(request, data)
        except HttpError:
            raise RequestRefused(_("The variables are not valid JSON.")) from None
        if variables is not None and not isinstance(variables, dict):
            raise RequestRefused(_("Send the variables as a JSON object."))
        document_id = data.get("documentId") if hasattr(data, "get") else None
        if document_id:
            known = allowlist.operations().get(str(document_id))
            if known is None:
                raise RequestRefused(_("Unknown documentId: not an allowed operation."))
            query = known[1]
        return query, variables, operation_name, batch_id

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        if not query:
            raise RequestRefused(_("Send a query or a documentId."))
        # Every caller alike, the portal's session too: a citizen's session
        # is anyone's for the price of an SMS.
        if (
            settings.GRAPHQL_ALLOWLIST_ONLY
            and allowlist.operation_hash(query) not in allowlist.operations()
        ):
            return ExecutionResult(
                errors=[GraphQLError(_("This operation is not on the list of allowed operations."))]
            )
        document, errors = allowlist.prepared(query.strip())
        if errors:
            return ExecutionResult(errors=list(errors))
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            return ExecutionResult(errors=[GraphQLError(_("Name the operation to run."))])
        if request.method == "GET" and operation.operation == OperationType.MUTATION:
            raise HttpError(HttpResponse(status=405), _("Mutations must be sent with POST."))
        options = {
            "root_value": self.get_root_value(request),
            "context_value": self.get_context(request),
            "variable_values": variables,
            "operation_name": operation_name,
            "middleware": self.get_middleware(request),
            # Every resolver here is synchronous (a WSGI view): graphql-core's
            # check of each of a CaseStatus's ~1,000 values for an awaitable
            # was a tenth of its execution (issue 36).
            "is_awaitable": _never_awaitable,
            "execution_context_class": LeanExecutionContext,
        }
        # No transaction around the mutation: each one calls one service, which
        # is atomic itself, and a refused sign-in code must stay counted
        # (rolling back with the error would undo the throttling).
        try:
            return execute(self.schema.graphql_schema, document, **options)
        except Exception as exc:  # noqa: BLE001 - reported masked by format_error
            return ExecutionResult(errors=[exc])

    @staticmethod
    def format_error(error):
        if isinstance(error, HttpError):
            code = getattr(error, "code", "bad_request")
            return {"message": error.message, "extensions": {"code": code}}
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                formatted = dict(error.formatted)
                formatted.setdefault("extensions", {}).setdefault("code", "invalid")
                return formatted
            # Where it failed, not what the exception said: its message can
            # carry the data being processed.
            logger.error(
                "GraphQL resolver failed: %s at %s\n%s",
                type(original).__name__,
                error.path,
                "".join(traceback.format_tb(original.__traceback__)),
            )
        else:
            logger.error("GraphQL request failed: %s", type(error).__name__)
        return {
            "message": _("Something went wrong on our side; it was logged."),
            "extensions": {"code": "internal"},
        }
