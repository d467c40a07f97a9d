"""The applicant lists the other heirs and the payee (issue 6)."""

import pytest
from django.core.exceptions import ValidationError

from cases.constants import Relationship, TaskStatus
from cases.models import DelegationStatus, SmsMessage
from cases.services.heirs import DECLARATION_VERSION, declare_heirs, registry_heirs
from tests.factories import (
    DemoRegistryPersonFactory,
    declared_case,
    heir_data,
    resident_id,
    submitted_case,
)

from .helpers import ready_for_payment, statuses

pytestmark = pytest.mark.django_db


def _declare(case, **overrides):
    values = {
        "heirs": [heir_data(1), heir_data(2)],
        "payee_name": case.applicant.name,
        "payee_account": "6222020200112733445",
        "consent_version": DECLARATION_VERSION,
        "actor": None,
    }
    values.update(overrides)
    return declare_heirs(case, **values)


def test_consent_matters_wait_for_the_heirs_even_when_their_prerequisites_are_done():
    case = submitted_case(flags={"pension": True})
    ready_for_payment(case)
    assert statuses(case)["R01"] == TaskStatus.WAITING
    assert statuses(case)["R02"] == TaskStatus.WAITING


def test_each_online_heir_is_texted_a_personal_link(empty_sms_outbox):
    _case, declaration = declared_case(heirs=2)
    delegations = list(declaration.delegations.all())
    assert [d.status for d in delegations] == [DelegationStatus.PENDING] * 2
    texts = {m["to"]: m["text"] for m in empty_sms_outbox}
    for delegation in delegations:
        assert f"/delegations/{delegation.token}/" in texts[delegation.phone]
        assert delegation.expires_at is not None


def test_the_link_token_is_stored_encrypted_and_found_by_its_hash():
    from django.db import connection

    _case, declaration = declared_case(heirs=1)
    delegation = declaration.delegations.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM cases_delegation WHERE id = %s", [delegation.pk])
        (stored,) = cursor.fetchone()
    assert delegation.token and delegation.token not in stored


def test_an_applicant_who_is_the_only_heir_releases_the_money_matters_at_once():
    case = submitted_case(flags={"pension": True})
    ready_for_payment(case)
    _declare(case, heirs=[])
    assert statuses(case)["R01"] == TaskStatus.READY
    assert statuses(case)["R02"] == TaskStatus.READY


def test_the_same_list_again_changes_nothing(empty_sms_outbox):
    case, declaration = declared_case(heirs=2)
    sent = len(empty_sms_outbox)
    again = _declare(case)
    assert again.pk == declaration.pk
    assert len(empty_sms_outbox) == sent


@pytest.mark.parametrize(
    ("heir", "key"),
    [
        (heir_data(1, relationship=Relationship.SIBLING), "heirs.0.relationship"),
        (heir_data(1, id_number="33010219760401123"), "heirs.0.id_number"),
        (heir_data(1, phone="12345"), "heirs.0.phone"),
        (heir_data(1, name="  "), "heirs.0.name"),
    ],
)
def test_a_wrong_heir_is_refused_with_the_field_named(heir, key):
    case = submitted_case(flags={"pension": True})
    with pytest.raises(ValidationError) as refused:
        _declare(case, heirs=[heir])
    assert key in refused.value.message_dict
    assert not case.heir_declarations.exists()


def test_the_same_heir_twice_is_refused():
    case = submitted_case(flags={"pension": True})
    with pytest.raises(ValidationError) as refused:
        _declare(case, heirs=[heir_data(1), heir_data(2, id_number=heir_data(1).id_number)])
    assert "heirs.1.id_number" in refused.value.message_dict


def test_each_heir_needs_their_own_phone():
    case = submitted_case(flags={"pension": True})
    with pytest.raises(ValidationError) as refused:
        _declare(case, heirs=[heir_data(1, phone=case.applicant.phone)])
    assert "heirs.0.phone" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        _declare(case, heirs=[heir_data(1), heir_data(2, phone=heir_data(1).phone)])
    assert "heirs.1.phone" in refused.value.message_dict


def test_money_can_only_go_to_the_applicant_or_a_listed_heir():
    case = submitted_case(flags={"pension": True})
    with pytest.raises(ValidationError) as refused:
        _declare(case, payee_name="陌生人")
    assert "payee_name" in refused.value.message_dict


def test_the_declaration_must_be_agreed_in_its_current_version():
    case = submitted_case(flags={"pension": True})
    with pytest.raises(ValidationError) as refused:
        _declare(case, consent_version="heirs-declaration-2020-01")
    assert "consent" in refused.value.message_dict


def test_a_case_without_money_matters_has_no_heirs_to_list():
    case = submitted_case()
    with pytest.raises(ValidationError):
        _declare(case)


def test_an_heir_who_cannot_confirm_online_needs_no_phone_and_goes_to_the_notary():
    case = submitted_case(flags={"pension": True})
    declaration = _declare(case, heirs=[heir_data(1, phone="", online=False)])
    assert declaration.delegations.get().status == DelegationStatus.OFFLINE
    assert "N01" in statuses(case)


def test_the_registry_family_data_prefills_the_other_first_order_heirs():
    import json

    deceased_id = resident_id(7)
    DemoRegistryPersonFactory(
        id_number=deceased_id,
        relatives=json.dumps(
            [
                {"name": "王小明", "relationship": "child", "id_number": resident_id(201)},
                {"name": "王小红", "relationship": "child", "id_number": resident_id(202)},
                {"name": "王二", "relationship": "sibling", "id_number": resident_id(203)},
                {"name": "李秀英", "relationship": "spouse", "id_number": resident_id(204)},
            ]
        ),
    )
    from tests.factories import deceased_data

    case = submitted_case(flags={"pension": True}, deceased=deceased_data(7, id_number=deceased_id))
    prefilled = registry_heirs(case)
    # The applicant (王小明) and the sibling are not listed.
    assert [(h.name, h.relationship) for h in prefilled] == [
        ("王小红", "child"),
        ("李秀英", "spouse"),
    ]
    assert prefilled[0].phone == ""


def test_the_declaration_is_in_the_audit_log_with_the_account_masked():
    from auditlog.models import LogEntry

    _case, declaration = declared_case(heirs=1)
    entry = LogEntry.objects.get_for_object(declaration).get()
    assert "6222020200112733445" not in str(entry.changes)
    delegation = declaration.delegations.get()
    entry = LogEntry.objects.get_for_object(delegation).get()
    assert delegation.id_number not in str(entry.changes)
    assert delegation.token not in str(entry.changes)
    assert "token" not in entry.changes


def test_no_full_id_number_goes_out_by_sms():
    declared_case(heirs=2)
    assert not SmsMessage.objects.filter(status="failed").exists()
