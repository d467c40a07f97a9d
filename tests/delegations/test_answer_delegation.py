"""An heir proves who they are and confirms or declines (issue 6)."""

import pytest
from django.conf import settings

from cases.constants import TaskStatus
from cases.models import DelegationStatus
from cases.services import delegations
from cases.services.delegations import DelegationRefused
from tests.factories import declared_case

from .helpers import confirm, last_code, ready_for_payment, statuses

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_heirs():
    case, declaration = declared_case(heirs=2)
    ready_for_payment(case)
    return case, list(declaration.delegations.all())


def test_when_every_heir_confirms_the_money_matters_become_ready(two_heirs):
    case, (first, second) = two_heirs
    confirm(first)
    assert statuses(case)["R01"] == TaskStatus.WAITING
    confirm(second)
    assert statuses(case)["R01"] == TaskStatus.READY
    assert statuses(case)["R02"] == TaskStatus.READY


def test_a_confirmation_records_who_when_from_where_and_what(two_heirs):
    case, (first, _second) = two_heirs
    answered = confirm(first, client_ip="203.0.113.9", user_agent="Mozilla/5.0 test")
    assert answered.status == DelegationStatus.CONFIRMED
    assert answered.decided_at is not None
    assert answered.decided_from == "203.0.113.9"
    assert answered.decided_with == "Mozilla/5.0 test"
    assert answered.decided_by is not None
    assert answered.consent_version == delegations.AUTHORIZATION_VERSION
    assert answered.authorized["payee_name"] == case.applicant.name
    assert answered.authorized["payee_account"] == "****3445"
    assert [m["code"] for m in answered.authorized["matters"]] == ["R01", "R02"]


def test_a_decline_opens_the_notary_route_with_an_appointment(two_heirs, empty_sms_outbox):
    case, (first, _second) = two_heirs
    confirm(first, decision="decline", reason="我不同意")
    notary = case.tasks.get(matter_code="N01")
    assert notary.status == TaskStatus.READY
    assert notary.department.code == "notary"
    assert notary.appointment_at is not None
    told = [m["text"] for m in empty_sms_outbox if m["to"] == case.applicant.phone]
    assert any("公证" in text and settings.NOTARY_OFFICE_PLACE in text for text in told)
    assert statuses(case)["R01"] == TaskStatus.WAITING


def test_the_notarys_completion_counts_as_the_missing_consents(two_heirs):
    from .helpers import complete

    case, (first, second) = two_heirs
    confirm(first)
    confirm(second, decision="offline")
    complete(case, "N01")
    second.refresh_from_db()
    assert second.notarised_at is not None
    assert statuses(case)["R01"] == TaskStatus.READY


def test_a_wrong_id_suffix_is_refused_and_counted(two_heirs):
    _case, (first, _second) = two_heirs
    delegations.send_code(first)
    wrong = "000000" if first.id_number[-6:] != "000000" else "111111"
    with pytest.raises(DelegationRefused, match="后六位"):
        delegations.verify_heir(first, id_suffix=wrong, code=last_code(first.phone))
    from cases.models import PurposeCode

    assert PurposeCode.objects.get(subject=str(first.pk)).failures == 1


def test_the_heirs_code_does_not_sign_in_and_answers_only_its_own_request(two_heirs):
    from cases.services.sign_in import SignInRefused, verify_sign_in_code

    _case, (first, second) = two_heirs
    delegations.send_code(first)
    code = last_code(first.phone)
    with pytest.raises(SignInRefused):
        verify_sign_in_code(first.phone, code)
    with pytest.raises(DelegationRefused):
        delegations.verify_heir(second, id_suffix=second.id_number[-6:], code=code)
    assert delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=code)


def test_guessing_the_code_is_throttled_then_locked(two_heirs, settings):
    settings.OTP_SMS_THROTTLE_FACTOR = 0  # no delay: reach the hard limit quickly
    _case, (first, _second) = two_heirs
    delegations.send_code(first)
    right = last_code(first.phone)
    wrong = "000000" if right != "000000" else "111111"
    for _attempt in range(settings.OTP_SMS_LOCKOUT_FAILURES):
        with pytest.raises(DelegationRefused):
            delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=wrong)
    with pytest.raises(DelegationRefused, match="12345") as refused:
        delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=right)
    assert refused.value.locked_until is not None


def test_guessing_is_delayed_after_a_failure(two_heirs):
    _case, (first, _second) = two_heirs
    delegations.send_code(first)
    right = last_code(first.phone)
    with pytest.raises(DelegationRefused):
        delegations.verify_heir(first, id_suffix="000000", code=right)
    with pytest.raises(DelegationRefused, match=r"稍等|wait"):
        delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=right)


def test_a_code_works_once(two_heirs):
    _case, (first, _second) = two_heirs
    delegations.send_code(first)
    code = last_code(first.phone)
    delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=code)
    with pytest.raises(DelegationRefused):
        delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=code)


def test_a_used_link_cannot_be_replayed(two_heirs):
    _case, (first, _second) = two_heirs
    answered = confirm(first)
    token = first.token
    reopened = delegations.delegation_for_token(token)
    with pytest.raises(DelegationRefused, match="已经"):
        delegations.check_open(reopened)
    with pytest.raises(DelegationRefused):
        delegations.answer_delegation(reopened, decision="decline", heir_user=answered.decided_by)
    reopened.refresh_from_db()
    assert reopened.status == DelegationStatus.CONFIRMED
    assert reopened.token == ""  # only the hash is kept once the link has served


def test_an_unknown_link_is_refused():
    with pytest.raises(DelegationRefused):
        delegations.delegation_for_token("not-a-real-token")


def test_the_giver_can_revoke_until_the_money_is_paid(two_heirs):
    case, (first, second) = two_heirs
    answered = confirm(first)
    confirm(second)
    assert statuses(case)["R01"] == TaskStatus.READY
    delegations.revoke_delegation(first, heir_user=answered.decided_by)
    first.refresh_from_db()
    assert first.status == DelegationStatus.REVOKED
    assert statuses(case)["R01"] == TaskStatus.WAITING
    assert "N01" in statuses(case)


def test_nobody_else_can_revoke(two_heirs):
    from django.core.exceptions import PermissionDenied

    _case, (first, second) = two_heirs
    confirm(first)
    other = confirm(second).decided_by
    with pytest.raises(PermissionDenied):
        delegations.revoke_delegation(first, heir_user=other)


def test_after_payment_a_confirmation_cannot_be_revoked(two_heirs):
    from .helpers import complete

    case, (first, second) = two_heirs
    heir = confirm(first).decided_by
    confirm(second)
    complete(case, "R01", "R02")
    with pytest.raises(DelegationRefused):
        delegations.revoke_delegation(first, heir_user=heir)


def test_changing_the_account_voids_confirmations_and_tells_the_family(two_heirs, empty_sms_outbox):
    from cases.services.heirs import DECLARATION_VERSION, declare_heirs
    from tests.factories import heir_data

    case, (first, second) = two_heirs
    link = first.token  # as the heir's SMS has it
    confirm(first)
    confirm(second)
    assert statuses(case)["R01"] == TaskStatus.READY
    declaration = declare_heirs(
        case,
        heirs=[heir_data(1), heir_data(2)],
        payee_name=case.applicant.name,
        payee_account="6222020200999188887",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    assert declaration.version == 2
    assert declaration.voided_confirmations == 2
    first.refresh_from_db()
    assert first.status == DelegationStatus.VOID
    assert statuses(case)["R01"] == TaskStatus.WAITING
    assert [d.status for d in declaration.delegations.all()] == [DelegationStatus.PENDING] * 2
    told = [m["text"] for m in empty_sms_outbox if m["to"] == case.applicant.phone]
    assert any("2份授权失效" in text for text in told)
    with pytest.raises(DelegationRefused, match=r"替换|replaced"):
        delegations.check_open(delegations.delegation_for_token(link))


def test_a_confirmation_produces_a_signed_authorization_pdf(two_heirs):
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from cases.pki import trust_roots

    _case, (first, _second) = two_heirs
    confirm(first)
    first.refresh_from_db()
    assert first.document and first.document_sha256
    data = first.document.open("rb").read()
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(
        signature, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted


def test_no_id_number_or_code_reaches_the_logs(two_heirs, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    _case, (first, _second) = two_heirs
    delegations.send_code(first)
    code = last_code(first.phone)
    delegations.verify_heir(first, id_suffix=first.id_number[-6:], code=code)
    assert first.id_number not in caplog.text
    assert code not in caplog.text


def test_the_answer_is_in_the_audit_log_by_the_heir_without_clear_numbers(two_heirs):
    from auditlog.models import LogEntry

    _case, (first, _second) = two_heirs
    answered = confirm(first)
    (entry,) = [
        e
        for e in LogEntry.objects.get_for_object(first)
        if e.action == LogEntry.Action.UPDATE and "status" in (e.changes or {})
    ]
    assert entry.actor == answered.decided_by
    assert entry.changes["status"] == ["pending", "confirmed"]
    assert first.id_number not in str(entry.changes)
    assert first.token not in str(entry.changes)


def test_a_new_list_everyone_confirms_closes_the_notary_task(two_heirs):
    from cases.services.heirs import DECLARATION_VERSION, declare_heirs
    from tests.factories import heir_data

    case, (first, _second) = two_heirs
    confirm(first, decision="decline")
    assert statuses(case)["N01"] == TaskStatus.READY
    # The applicant finds the declining "heir" was listed by mistake.
    declaration = declare_heirs(
        case,
        heirs=[heir_data(2)],
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=DECLARATION_VERSION,
        actor=None,
    )
    confirm(declaration.delegations.get())
    assert statuses(case)["N01"] == TaskStatus.NOT_APPLICABLE
    assert statuses(case)["R01"] == TaskStatus.READY


def test_a_withdrawn_case_needs_no_answer(two_heirs):
    from cases.services.withdrawal import withdraw_case

    case, (first, _second) = two_heirs
    withdraw_case(case, actor=None, reason="家属决定自行办理。")
    with pytest.raises(DelegationRefused, match="已结束"):
        delegations.send_code(delegations.delegation_for_token(first.token))
