"""Each question type checks its answer with the project's validators and
says, in plain words, what is wrong."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from forms.engine import Question
from tests.factories import PDF_BYTES, PNG_BYTES, resident_id


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def clean(field_type, value, **options):
    return (
        Question(name="q", field_type=field_type, label="Q", options=options)
        .form_field()
        .clean(value)
    )


def refusal(field_type, value, **options):
    with pytest.raises(ValidationError) as excinfo:
        clean(field_type, value, **options)
    return " ".join(excinfo.value.messages)


def test_text_is_required_unless_optional():
    assert refusal("text", "") == "This field is required."
    assert Question("q", "text", "Q", required=False).form_field().clean("") == ""


def test_a_resident_id_with_a_wrong_check_character_is_refused():
    good = resident_id(7)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert "check character" in refusal("resident_id", bad)


def test_a_resident_id_is_normalised():
    good = resident_id(7)
    assert clean("resident_id", f" {good.lower()} ") == good.upper()


def test_a_mobile_number_must_have_11_digits_starting_with_1():
    assert "11-digit" in refusal("mobile", "2381234567")
    assert clean("mobile", "139 1234 5678") == "13912345678"


def test_a_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert refusal("date", tomorrow.isoformat()) == "This date cannot lie in the future."
    assert "such as 2026-03-01" in refusal("date", "31/02/2026")


def test_a_date_time_in_the_future_is_refused():
    later = timezone.localtime() + datetime.timedelta(hours=2)
    assert refusal("datetime", later.strftime("%Y-%m-%dT%H:%M")) == (
        "This time cannot lie in the future."
    )
    assert "such as 2026-03-01 14:30" in refusal("datetime", "yesterday")


def test_a_single_choice_must_be_one_of_the_choices():
    assert "not one of the available choices" in refusal(
        "choice", "别的", choices=["家中", "养老机构"]
    )
    assert clean("choice", "家中", choices=["家中", "养老机构"]) == "家中"


def test_a_multiple_choice_must_be_among_the_choices():
    assert "not one of the available choices" in refusal(
        "multiple_choice", ["甲", "丁"], choices=["甲", "乙"]
    )
    assert clean("multiple_choice", ["甲", "乙"], choices=["甲", "乙"]) == ["甲", "乙"]


def test_yes_or_no_takes_only_yes_or_no():
    assert "not one of the available choices" in refusal("yes_no", "maybe")
    assert clean("yes_no", "no") == "no"


def test_relationship_must_be_a_known_relationship():
    assert "not one of the available choices" in refusal("relationship", "neighbour")
    assert clean("relationship", "spouse") == "spouse"


def test_a_bank_account_needs_12_to_30_digits():
    assert refusal("bank_account", "12345") == "A bank account number has 12 to 30 digits."
    assert clean("bank_account", "6222 0212 3476 7890") == "6222021234767890"


def test_a_file_that_is_not_a_pdf_or_picture_is_refused_whatever_its_name():
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert refusal("file", fake) == "Only PDF files and JPEG or PNG photos can be sent."


def test_a_file_over_the_size_limit_is_refused():
    big = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf"
    )
    assert refusal("file", big, max_size_mb=1) == (
        "The file is larger than 1 MB; please send a smaller photo or scan."
    )


def test_pdf_and_png_files_are_accepted():
    assert clean("file", SimpleUploadedFile("a.pdf", PDF_BYTES)).name == "a.pdf"
    assert clean("file", SimpleUploadedFile("a.png", PNG_BYTES)).name == "a.png"


def test_consent_must_be_ticked_and_shows_its_text():
    field = Question(
        "q", "consent", "同意", options={"consent_text": "我同意共享信息。"}
    ).form_field()
    assert field.label == "我同意共享信息。"
    with pytest.raises(ValidationError) as excinfo:
        field.clean(False)
    assert excinfo.value.messages == ["Please read the text and tick the box to agree."]


@pytest.mark.parametrize(
    "typed", ["1950-06-15", "1950年6月15日", "1950/6/15", "1950.06.15", "19500615"]
)
def test_a_date_is_typed_as_people_write_it(typed):
    import datetime

    assert clean("date", typed) == datetime.date(1950, 6, 15)


def test_a_date_is_not_the_browsers_month_first_picker():
    from forms.fields import PastDateField

    html = PastDateField().widget.render("d", None)
    assert 'type="text"' in html and 'inputmode="numeric"' in html


def test_no_question_takes_more_than_the_one_upload_limit(settings):
    settings.UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile(
        "big.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf"
    )
    assert refusal("file", big, max_size_mb=20) == (
        "The file is larger than 1 MB; please send a smaller photo or scan."
    )
