"""ID numbers, phones and bank accounts are encrypted at rest, found by a
keyed hash, masked for display, and the keys can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from cases.crypto import DecryptionError
from cases.fields import hash_for
from cases.masking import mask_bank_account, mask_id_number, mask_name, mask_phone
from cases.models import Person
from tests.factories import PersonFactory, resident_id

ID_NUMBER = resident_id(7)


def raw_row(person):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, bank_account, id_number_hash FROM cases_person WHERE id = %s",
            [person.pk],
        )
        return cursor.fetchone()


@pytest.mark.django_db
def test_personal_numbers_are_stored_encrypted():
    person = PersonFactory(
        id_number=ID_NUMBER, phone="13800001111", bank_account="6222021234767890"
    )
    stored = raw_row(person)
    for column in stored[:3]:
        assert column.startswith("gAAAA")  # a Fernet token
    assert ID_NUMBER not in "".join(stored)
    assert "13800001111" not in "".join(stored)
    person.refresh_from_db()
    assert person.id_number == ID_NUMBER
    assert person.bank_account == "6222021234767890"


@pytest.mark.django_db
def test_people_are_found_by_the_keyed_hash_of_a_normalised_number():
    person = PersonFactory(id_number=ID_NUMBER.replace("X", "x"), phone="+86 138-0000-1111")
    by_id = Person.objects.get(id_number_hash=hash_for(Person, "id_number", ID_NUMBER.lower()))
    by_phone = Person.objects.get(phone_hash=hash_for(Person, "phone", "13800001111"))
    assert by_id == person == by_phone


@pytest.mark.django_db
def test_the_hash_depends_on_the_key(settings):
    before = hash_for(Person, "id_number", ID_NUMBER)
    settings.BLIND_INDEX_KEY = "another-key"
    assert hash_for(Person, "id_number", ID_NUMBER) != before


@pytest.mark.django_db
def test_old_keys_still_decrypt_after_a_new_key_is_put_first(settings):
    person = PersonFactory(id_number=ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        *settings.FIELD_ENCRYPTION_KEYS,
    ]
    assert Person.objects.get(pk=person.pk).id_number == ID_NUMBER


@pytest.mark.django_db
def test_rotation_re_encrypts_so_the_old_key_can_be_removed(settings):
    person = PersonFactory(id_number=ID_NUMBER, phone="13800001111")
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    before = raw_row(person)

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))
    after = raw_row(person)
    assert after[0] != before[0]
    assert after[3] == before[3]  # the blind index is not touched

    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    reloaded = Person.objects.get(pk=person.pk)
    assert (reloaded.id_number, reloaded.phone) == (ID_NUMBER, "13800001111")


@pytest.mark.django_db
def test_a_value_no_key_can_decrypt_fails_without_showing_it(settings):
    person = PersonFactory(id_number=ID_NUMBER)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(DecryptionError) as excinfo:
        Person.objects.get(pk=person.pk)
    assert "gAAAA" not in str(excinfo.value)


@pytest.mark.django_db
def test_rehash_recomputes_blind_indexes_for_a_new_hash_key(settings):
    person = PersonFactory(id_number=ID_NUMBER)
    settings.BLIND_INDEX_KEY = "a-new-blind-index-key"
    call_command("rotate_encryption_keys", "--rehash", stdout=open("/dev/null", "w"))
    assert Person.objects.get(id_number_hash=hash_for(Person, "id_number", ID_NUMBER)) == person


def test_masks_keep_only_what_a_reader_needs():
    assert mask_id_number("330502194001011234") == "330502********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_bank_account("6222 0212 3456 7890") == "****7890"
    assert mask_name("张三丰") == "张**"


@pytest.mark.django_db
def test_str_of_a_person_holds_no_personal_data():
    person = PersonFactory(id_number=ID_NUMBER, name="欧阳明")
    assert "欧阳" not in str(person)
    assert ID_NUMBER[-4:] not in str(person)
