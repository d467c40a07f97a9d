import pytest
from django.core.exceptions import ValidationError

from cases.references import ALPHABET, format_reference, generate_reference, parse_reference


def test_generated_references_are_accepted_and_formatted_in_groups():
    reference = generate_reference()
    assert parse_reference(reference) == reference
    assert parse_reference(format_reference(reference).lower()) == reference
    assert len(format_reference(reference)) == 11


def test_every_single_mistyped_character_is_caught():
    reference = generate_reference()
    for position in range(len(reference)):
        for char in ALPHABET:
            if char == reference[position]:
                continue
            typo = reference[:position] + char + reference[position + 1 :]
            with pytest.raises(ValidationError):
                parse_reference(typo)


def test_swapped_neighbours_are_caught():
    reference = "7K3QX9M2" + "?"
    from cases.references import check_character

    reference = reference[:-1] + check_character(reference[:-1])
    for position in range(7):
        swapped = (
            reference[:position]
            + reference[position + 1]
            + reference[position]
            + reference[position + 2 :]
        )
        with pytest.raises(ValidationError):
            parse_reference(swapped)


@pytest.mark.parametrize("text", ["", "ABC", "7K3Q-X9M2-P0", "7K3Q-X9M2-O"])
def test_malformed_references_get_a_clear_message(text):
    with pytest.raises(ValidationError) as excinfo:
        parse_reference(text)
    assert excinfo.value.code == "reference_format"


def test_references_are_not_sequential():
    references = {generate_reference() for _ in range(1000)}
    assert len(references) == 1000
