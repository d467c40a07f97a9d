"""Sharing with the bodies that handle what follows a death: OAuth2 client
credentials, one scope per purpose; a body reads a case only while the
family's consent to it covers the purpose, a withdrawal holds from the next
call, every read is an access event the family sees, and calls are
rate-limited per body."""

import base64
import datetime

import pytest
from django.utils import timezone

from cases.models import AuditEvent, AuditEventKind, SharingScope
from cases.services import sharing
from tests.factories import SHARING_SECRET, ReceivingBodyFactory, declared_case, submitted_case

pytestmark = pytest.mark.django_db

DEATH, HEIRS, CERTIFICATES = (scope.value for scope in SharingScope)


@pytest.fixture
def body():
    return ReceivingBodyFactory()


def token(client, body, scope, secret=SHARING_SECRET):
    credentials = base64.b64encode(f"{body.application.client_id}:{secret}".encode()).decode()
    return client.post(
        "/share/oauth/token/",
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )


def bearer(client, body, scope):
    return token(client, body, scope).json()["access_token"]


def read(client, case, scope, access):
    return client.get(
        f"/share/v1/cases/{case.display_reference}/{scope}/",
        HTTP_AUTHORIZATION=f"Bearer {access}",
    )


@pytest.fixture
def case():
    return submitted_case()


def test_a_body_gets_a_token_for_a_purpose_with_its_client_credentials(client, body):
    answer = token(client, body, DEATH).json()
    assert answer["scope"] == DEATH and answer["expires_in"] == 600


def test_a_wrong_secret_gets_no_token(client, body):
    assert token(client, body, DEATH, secret="guess").status_code == 401


def test_a_body_cannot_ask_for_a_purpose_it_is_not_registered_for(client):
    bank = ReceivingBodyFactory(kind="bank", scopes=[DEATH])
    answer = token(client, bank, HEIRS)
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_scope"


def test_with_the_familys_consent_a_body_reads_the_death_facts(client, body, case):
    sharing.grant(case, body, [DEATH], actor=None)
    answer = read(client, case, DEATH, bearer(client, body, DEATH))
    assert answer.status_code == 200
    assert answer.json()["deceased"]["id_number"] == case.deceased.id_number
    assert "no-store" in answer["Cache-Control"]


def test_a_token_for_one_purpose_does_not_read_another(client, body, case):
    sharing.grant(case, body, [DEATH, HEIRS], actor=None)
    answer = read(client, case, HEIRS, bearer(client, body, DEATH))
    assert answer.status_code == 403 and answer.json()["error"] == "insufficient_scope"


def test_without_the_familys_consent_the_case_is_not_found(client, body, case):
    answer = read(client, case, DEATH, bearer(client, body, DEATH))
    assert answer.status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.SHARED_DATA_READ).exists()


def test_a_consent_for_other_purposes_does_not_cover_this_one(client, body):
    case, _declaration = declared_case(heirs=1)
    sharing.grant(case, body, [DEATH], actor=None)
    assert read(client, case, HEIRS, bearer(client, body, HEIRS)).status_code == 404


def test_a_withdrawal_holds_from_the_next_call(client, body, case):
    sharing.grant(case, body, [DEATH], actor=None)
    access = bearer(client, body, DEATH)
    assert read(client, case, DEATH, access).status_code == 200
    sharing.withdraw(case, body, actor=None)
    assert read(client, case, DEATH, access).status_code == 404


def test_one_bodys_consent_is_not_anothers(client, body, case):
    notary = ReceivingBodyFactory(kind="notary", name_zh="湖州市公证处")
    sharing.grant(case, body, [DEATH], actor=None)
    assert read(client, case, DEATH, bearer(client, notary, DEATH)).status_code == 404


def test_the_heirs_are_read_with_their_consents_and_the_account_masked(client, body):
    case, declaration = declared_case(heirs=1)
    sharing.grant(case, body, [HEIRS], actor=None)
    answer = read(client, case, HEIRS, bearer(client, body, HEIRS)).json()
    assert answer["heirs"][0]["consent"] == "pending"
    assert answer["payee"]["account"] != declaration.payee_account
    assert answer["payee"]["account"].endswith(declaration.payee_account[-4:])


def test_every_read_is_an_access_event_naming_the_body_and_purpose(client, body, case):
    sharing.grant(case, body, [DEATH], actor=None)
    read(client, case, DEATH, bearer(client, body, DEATH))
    event = AuditEvent.objects.get(kind=AuditEventKind.SHARED_DATA_READ)
    assert (event.case, event.details["purpose"]) == (case, DEATH)
    assert event.details["department"] == "湖州市不动产登记中心"


def test_calls_beyond_the_bodys_limit_a_minute_are_refused(client, body, case, settings):
    settings.SHARING_CALLS_PER_MINUTE = 2
    sharing.grant(case, body, [DEATH], actor=None)
    access = bearer(client, body, DEATH)
    answers = [read(client, case, DEATH, access) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[-1]["Retry-After"] == "60"


def test_a_token_ten_minutes_old_no_longer_reads(client, body, case, time_machine):
    sharing.grant(case, body, [DEATH], actor=None)
    access = bearer(client, body, DEATH)
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=11))
    assert read(client, case, DEATH, access).status_code == 401


def test_a_case_whose_data_was_erased_is_not_shared(client, body, case):
    from cases.models import Case

    sharing.grant(case, body, [DEATH], actor=None)
    Case.objects.filter(pk=case.pk).update(erased_at=timezone.now())
    assert read(client, case, DEATH, bearer(client, body, DEATH)).status_code == 404
