"""Validation of identity data, with messages that say which part is wrong.

Resident ID numbers follow GB 11643-1999: a 6-digit region code, an 8-digit
birth date, a 3-digit sequence (odd for men, even for women) and an
ISO 7064 MOD 11-2 check character (0-9 or X).
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# First two digits of the region code: provinces, autonomous regions,
# municipalities, and 71/81/82/83 for Taiwan, Hong Kong, Macao and residence permits.
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 "
    "50 51 52 53 54 61 62 63 64 65 71 81 82 83".split()
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
EARLIEST_BIRTH_YEAR = 1890
EARLIEST_DEATH_YEAR = 1900
OLDEST_AGE = 130

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
BANK_ACCOUNT_RE = re.compile(r"^\d{12,30}$")


def normalise_id_number(value: str) -> str:
    return re.sub(r"\s", "", str(value)).upper()


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", str(value))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def normalise_bank_account(value: str) -> str:
    return re.sub(r"[\s-]", "", str(value))


def id_check_character(first_17_digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(first_17_digits, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARACTERS[total % 11]


def birth_date_from_id(id_number: str) -> datetime.date:
    value = normalise_id_number(id_number)
    return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def gender_from_id(id_number: str) -> str:
    return "male" if int(normalise_id_number(id_number)[16]) % 2 else "female"


def validate_resident_id(value):
    """Check an 18-character resident ID number; the message names the faulty part."""
    id_number = normalise_id_number(value)
    if len(id_number) != 18:
        raise ValidationError(
            _("A resident ID number has 18 characters; this one has %(count)d."),
            code="id_length",
            params={"count": len(id_number)},
        )
    if not id_number[:17].isdigit() or not (id_number[17].isdigit() or id_number[17] == "X"):
        raise ValidationError(
            _("The first 17 characters must be digits and the last a digit or X."),
            code="id_characters",
        )
    if id_number[:2] not in PROVINCE_CODES or id_number[2:6] == "0000":
        raise ValidationError(
            _("The region code (the first 6 digits) does not exist."), code="id_region"
        )
    try:
        birth = birth_date_from_id(id_number)
    except ValueError:
        raise ValidationError(
            _("The birth date (digits 7 to 14) is not a real date."), code="id_birth_date"
        ) from None
    if birth > timezone.localdate():
        raise ValidationError(
            _("The birth date (digits 7 to 14) lies in the future."), code="id_birth_future"
        )
    if birth.year < EARLIEST_BIRTH_YEAR:
        raise ValidationError(
            _("The birth year (digits 7 to 10) is too early to be right."),
            code="id_birth_too_early",
        )
    if id_check_character(id_number[:17]) != id_number[17]:
        raise ValidationError(
            _(
                "The last character (the check character) does not match the other "
                "17; please check each digit again."
            ),
            code="id_check_character",
        )


def validate_mobile(value):
    phone = normalise_phone(value)
    if not MOBILE_RE.match(phone):
        raise ValidationError(
            _("Enter an 11-digit mainland mobile number starting with 1, such as 13812345678."),
            code="mobile",
        )


# Bank *card* numbers (ISO/IEC 7812) end in a Luhn check digit: UnionPay
# cards start with 62 and have 16 to 19 digits, Visa 4 and Mastercard 5 have
# 16. Passbook and company account numbers have no such digit and other
# shapes, so only numbers of a card's shape are checked.
CARD_RE = re.compile(r"^(62\d{14,17}|[45]\d{15})$")
# Letters of any script, the marks some scripts combine with them, spaces and
# the middle dot of transcribed names (阿依古丽·买买提); no digits, no emoji.
NAME_RE = re.compile(r"^[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\s·・•.'-])*$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def validate_bank_account(value):
    account = normalise_bank_account(value)
    if not BANK_ACCOUNT_RE.match(account):
        raise ValidationError(_("A bank account number has 12 to 30 digits."), code="bank_account")
    if CARD_RE.match(account) and not luhn_ok(account):
        raise ValidationError(
            _(
                "This looks like a bank card number, but its last digit (the check digit) "
                "does not match the others; please check each digit against the card. "
                "Passbook and company account numbers have no check digit and are not "
                "checked this way."
            ),
            code="bank_card_check_digit",
        )


def validate_person_name(value):
    name = str(value).strip()
    if not NAME_RE.match(name) or any(c in name for c in "\u200d\ufe0f"):
        raise ValidationError(
            _(
                "A name is written in letters only (Chinese characters or another script, "
                "spaces and the middle dot ·); digits, emoji and other symbols cannot be "
                "part of it."
            ),
            code="name_characters",
        )


def validate_matches_id(id_number, *, birth_date=None, gender=None):
    """The date of birth and sex typed for someone must be those their ID
    number encodes (digits 7 to 14; the 17th, odd for men, even for women)."""
    errors = {}
    if birth_date is not None and birth_date != birth_date_from_id(id_number):
        errors["birth_date"] = ValidationError(
            _(
                "The date of birth does not match the ID number, whose digits 7 to 14 say "
                "%(date)s. Correct the one that is wrong."
            ),
            code="birth_date_not_id",
            params={"date": birth_date_from_id(id_number).strftime("%Y-%m-%d")},
        )
    if gender and gender != gender_from_id(id_number):
        errors["gender"] = ValidationError(
            _(
                "The sex does not match the ID number: its 17th digit is odd for men and "
                "even for women. Correct the one that is wrong."
            ),
            code="gender_not_id",
        )
    if errors:
        raise ValidationError(errors)


def validate_death_date(death_date, birth_date=None):
    """A death date can neither precede the birth nor lie in the future, nor
    lie before 1900 or more than 130 years after the birth."""
    if isinstance(death_date, datetime.datetime):
        if timezone.is_aware(death_date):
            death_date = timezone.localtime(death_date)
        death_date = death_date.date()
    if death_date > timezone.localdate():
        raise ValidationError(_("The date of death cannot lie in the future."), code="death_future")
    if death_date.year < EARLIEST_DEATH_YEAR:
        raise ValidationError(
            _("A date of death before 1900 cannot be right; check the year."),
            code="death_too_early",
        )
    if birth_date is not None and death_date < birth_date:
        raise ValidationError(
            _("The date of death cannot be before the date of birth."),
            code="death_before_birth",
        )
    if birth_date is not None and _years_between(birth_date, death_date) > OLDEST_AGE:
        raise ValidationError(
            _(
                "With this date of birth the deceased would have been over %(age)s years "
                "old; check the year of birth and of death."
            ),
            code="age_over_limit",
            params={"age": OLDEST_AGE},
        )


def _years_between(earlier, later):
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))
