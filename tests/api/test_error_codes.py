"""Error codes come from one table: each exception the services raise is
answered with its code; anything else is not ours and stays internal."""

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError

from api.errors import ApiError, answers_errors, api_error_for
from cases.services.delegations import DelegationRefused
from cases.services.hotline import LookupRefused
from cases.services.sign_in import SignInRefused


@pytest.mark.parametrize(
    ("exception", "code"),
    [
        (LookupRefused("x", "wrong_caller"), "not_found"),
        (LookupRefused("x", "not_found"), "not_found"),
        (LookupRefused("x", "locked"), "locked"),
        (SignInRefused("x"), "refused"),
        (DelegationRefused("x"), "refused"),
        (PermissionDenied("x"), "refused"),
        (ValidationError({"phone": ["号码有误"]}), "invalid"),
        (ObjectDoesNotExist("x"), "not_found"),
    ],
)
def test_each_service_exception_has_its_code(exception, code):
    assert api_error_for(exception).extensions == {"code": code}


def test_a_validation_error_is_answered_with_its_messages():
    error = api_error_for(ValidationError({"a": ["第一条"], "b": ["第二条"]}))
    assert error.message == "第一条 第二条"


def test_an_override_wins_over_the_table():
    assert api_error_for(SignInRefused("x"), ((SignInRefused, "throttled"),)).extensions == {
        "code": "throttled"
    }


def test_an_exception_that_is_not_ours_goes_on_unchanged():
    @answers_errors()
    def resolver():
        raise KeyError("internal detail")

    with pytest.raises(KeyError):
        resolver()


def test_a_wrapped_resolver_raises_the_api_error():
    @answers_errors()
    def resolver():
        raise PermissionDenied("已付款，不能撤回")

    with pytest.raises(ApiError) as raised:
        resolver()
    assert (raised.value.message, raised.value.extensions) == (
        "已付款，不能撤回",
        {"code": "refused"},
    )
