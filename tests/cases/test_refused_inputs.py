"""Inputs that cannot be right are refused with a message that says which
part is wrong (issue 15, item 6); nothing is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case
from cases.validators import (
    luhn_ok,
    validate_bank_account,
    validate_death_date,
    validate_person_name,
)
from tests.factories import applicant_data, deceased_data, resident_id, submitted_case

pytestmark = pytest.mark.django_db

# resident_id(n) encodes 1950-06-15 and a man (odd 17th digit).


def refusal(**kwargs):
    with pytest.raises(ValidationError) as excinfo:
        submitted_case(**kwargs)
    assert not Case.objects.exists()
    return excinfo.value.message_dict


def test_a_birth_date_that_contradicts_the_id_number_is_refused():
    errors = refusal(deceased=deceased_data(birth_date=datetime.date(1951, 6, 15)))
    assert "1950-06-15" in errors["deceased.birth_date"][0]


def test_a_sex_that_contradicts_the_id_number_is_refused():
    errors = refusal(deceased=deceased_data(gender="female"))
    assert "17" in errors["deceased.gender"][0]


def test_the_birth_date_and_sex_the_id_number_encodes_are_accepted():
    case = submitted_case(
        deceased=deceased_data(birth_date=datetime.date(1950, 6, 15), gender="male")
    )
    assert case.deceased.gender == "male"


def test_the_applicants_id_number_cannot_be_the_deceaseds():
    errors = refusal(applicant=applicant_data(id_number=resident_id(1)))
    assert (
        "deceased" in errors["applicant.id_number"][0] or "逝者" in errors["applicant.id_number"][0]
    )


def test_a_death_before_1900_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_death_date(datetime.date(1899, 12, 31))
    assert excinfo.value.code == "death_too_early"


def test_an_age_over_130_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        validate_death_date(datetime.date(2026, 1, 1), datetime.date(1894, 12, 31))
    assert excinfo.value.code == "age_over_limit"


def test_an_age_of_exactly_130_is_accepted():
    validate_death_date(datetime.date(2025, 12, 31), datetime.date(1895, 12, 31))


@pytest.mark.parametrize("name", ["😀", "王😀", "王5", "123", "张三\u200d", "★"])
def test_a_name_of_emoji_digits_or_symbols_is_refused(name):
    with pytest.raises(ValidationError) as excinfo:
        validate_person_name(name)
    assert excinfo.value.code == "name_characters"


@pytest.mark.parametrize("name", ["王五", "欧阳小明", "阿依古丽·买买提", "Anna Müller", "O'Brien"])
def test_real_names_are_accepted(name):
    validate_person_name(name)


def test_the_deceaseds_name_in_digits_is_refused_at_submission():
    errors = refusal(deceased=deceased_data(name="12345"))
    assert errors["deceased.name"]


def test_a_bank_card_number_with_a_wrong_check_digit_is_refused_and_says_why():
    with pytest.raises(ValidationError) as excinfo:
        validate_bank_account("6222 0202 0011 2733 446")
    assert excinfo.value.code == "bank_card_check_digit"
    assert "存折" in str(excinfo.value.messages[0])


def test_a_bank_card_number_with_the_right_check_digit_is_accepted():
    assert luhn_ok("6222020200112733445")
    validate_bank_account("6222 0202 0011 2733 445")


@pytest.mark.parametrize("account", ["1202021234567890123", "33050161000000000123456"])
def test_passbook_and_company_accounts_have_no_check_digit_to_check(account):
    validate_bank_account(account)


def test_a_correction_to_a_name_of_digits_is_refused():
    from cases.services.materials import supply_materials
    from cases.services.tasks import accept_task, request_materials
    from tests.cases.helpers import complete, task
    from tests.factories import UserFactory, citizen

    case = submitted_case()
    complete(case, "BD01")
    clerk = UserFactory()
    accept_task(task(case, "H01"), actor=clerk)
    request_materials(task(case, "H01"), actor=clerk, message="请核对姓名")
    with pytest.raises(ValidationError) as excinfo:
        supply_materials(
            task(case, "H01"), actor=citizen(), corrections={"applicant.name": "王123"}
        )
    assert excinfo.value.message_dict["applicant.name"]
