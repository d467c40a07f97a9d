import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.validators import (
    validate_bank_account,
    validate_death_date,
    validate_mobile,
    validate_resident_id,
)
from demo.seed import make_resident_id

VALID = "11010519491231002X"  # the standard's own example


def error_code(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_resident_id(value)
    return excinfo.value.code


@pytest.mark.parametrize(
    "value",
    [
        VALID,
        VALID.lower(),
        " 110105 19491231 002X ",
        make_resident_id(datetime.date(1941, 3, 12), 11),
    ],
)
def test_valid_resident_ids_pass(value):
    validate_resident_id(value)


def test_a_wrong_check_character_is_named():
    assert error_code("110105194912310021") == "id_check_character"


def test_a_single_mistyped_sequence_digit_is_caught_by_the_check_character():
    assert error_code("11010519491231003X") == "id_check_character"


@pytest.mark.parametrize(
    "value,code",
    [
        ("11010519491231002", "id_length"),
        ("1101051949123100200", "id_length"),
        ("11010519491231A02X", "id_characters"),
        ("110105194912310Y2X", "id_characters"),
        ("990105194912310020", "id_region"),
        ("110000194912310020", "id_region"),
        ("110105194902300020", "id_birth_date"),  # 30 February
        ("110105194913010020", "id_birth_date"),  # month 13
        ("110105180001010020", "id_birth_too_early"),
    ],
)
def test_each_wrong_part_is_named(value, code):
    assert error_code(value) == code


def test_a_birth_date_in_the_future_is_refused():
    future = datetime.date.today() + datetime.timedelta(days=30)
    assert error_code(make_resident_id(future, 1)) == "id_birth_future"


def test_messages_say_what_is_wrong_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(ValidationError) as excinfo:
        validate_resident_id("110105194912310021")
    assert "校验" in excinfo.value.messages[0]


@pytest.mark.parametrize("value", ["13812345678", "+86 138 1234 5678", "199-1234-5678"])
def test_mainland_mobile_numbers_pass(value):
    validate_mobile(value)


@pytest.mark.parametrize("value", ["1381234567", "23812345678", "12812345678", "0571-8888888"])
def test_other_numbers_are_not_mobile_numbers(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


def test_bank_accounts_are_12_to_30_digits():
    validate_bank_account("1202 0212 3456 7890 123")  # a passbook: no check digit
    with pytest.raises(ValidationError):
        validate_bank_account("12345")


def test_death_cannot_precede_birth():
    with pytest.raises(ValidationError) as excinfo:
        validate_death_date(datetime.date(1940, 1, 1), datetime.date(1949, 12, 31))
    assert excinfo.value.code == "death_before_birth"


def test_death_cannot_lie_in_the_future():
    with pytest.raises(ValidationError) as excinfo:
        validate_death_date(datetime.date.today() + datetime.timedelta(days=2))
    assert excinfo.value.code == "death_future"
