"""The applicant's heirs page, and the heir's personal link (issue 6)."""

import pytest

from cases.constants import TaskStatus
from cases.models import DelegationStatus
from tests.delegations.helpers import last_code, ready_for_payment, statuses
from tests.factories import applicant_data, citizen, declared_case, heir_data, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def heirs_form(*heirs, payee_name="王小明", account="6222020200112733445", consent=True, **extra):
    data = {
        "heirs-TOTAL_FORMS": str(len(heirs)),
        "heirs-INITIAL_FORMS": "0",
        "payee_name": payee_name,
        "payee_account": account,
        "action": "save",
    }
    if consent:
        data["consent"] = "on"
    for n, heir in enumerate(heirs):
        data.update(
            {
                f"heirs-{n}-name": heir.name,
                f"heirs-{n}-relationship": heir.relationship,
                f"heirs-{n}-id_number": heir.id_number,
                f"heirs-{n}-phone": heir.phone,
            }
        )
        if not heir.online:
            data[f"heirs-{n}-offline"] = "on"
    data.update(extra)
    return data


@pytest.fixture
def pension_case():
    return submitted_case(flags={"pension": True}, applicant=applicant_data(phone=PHONE))


def test_the_case_page_asks_for_the_heirs_when_money_is_involved(family, pension_case):
    page = family.get(f"/cases/{pension_case.reference}/").content.decode()
    assert "填写继承人名单" in page
    assert "等待继承人授权" in page


def test_the_applicant_lists_two_heirs_and_each_is_texted(family, pension_case, empty_sms_outbox):
    response = family.post(
        f"/cases/{pension_case.reference}/heirs/", heirs_form(heir_data(1), heir_data(2))
    )
    assert response.status_code == 302
    declaration = pension_case.heir_declarations.get()
    assert declaration.delegations.count() == 2
    assert {m["to"] for m in empty_sms_outbox} >= {heir_data(1).phone, heir_data(2).phone}
    page = family.get(f"/cases/{pension_case.reference}/").content.decode()
    assert "王小红" in page and "等待继承人答复" in page


def test_a_wrong_row_is_explained_next_to_it_and_nothing_typed_is_lost(family, pension_case):
    bad = heir_data(2, phone="123")
    response = family.post(f"/cases/{pension_case.reference}/heirs/", heirs_form(heir_data(1), bad))
    assert response.status_code == 200
    page = response.content.decode()
    assert "11位" in page
    assert heir_data(1).id_number in page and "王小刚" in page
    assert not pension_case.heir_declarations.exists()


def test_the_declaration_must_be_ticked(family, pension_case):
    response = family.post(
        f"/cases/{pension_case.reference}/heirs/", heirs_form(heir_data(1), consent=False)
    )
    assert "请阅读并勾选同意声明" in response.content.decode()
    assert not pension_case.heir_declarations.exists()


def test_add_another_heir_keeps_what_was_typed(family, pension_case):
    data = heirs_form(heir_data(1), action="add")
    page = family.post(f"/cases/{pension_case.reference}/heirs/", data).content.decode()
    assert 'name="heirs-1-name"' in page
    assert heir_data(1).id_number in page
    assert not pension_case.heir_declarations.exists()


def test_someone_elses_case_has_no_heirs_page_for_me(client, pension_case):
    client.force_login(citizen("13800000000"))
    assert client.get(f"/cases/{pension_case.reference}/heirs/").status_code == 404


def test_the_heir_confirms_through_the_link(client, empty_sms_outbox):
    case, declaration = declared_case(heirs=1)
    ready_for_payment(case)
    delegation = declaration.delegations.get()
    url = f"/delegations/{delegation.token}/"
    page = client.get(url).content.decode()
    assert "王**" in page  # the deceased and the applicant, masked before identity
    assert "6222020200112733445" not in page and "****3445" not in page
    client.post(url, {"action": "send"})
    response = client.post(
        url,
        {
            "action": "verify",
            "id_suffix": delegation.id_number[-6:],
            "code": last_code(delegation.phone),
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "****3445" in page and "丧葬补助金申领" in page
    response = client.post(url, {"decision": "confirm"})
    assert "您的答复已记录" in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.CONFIRMED
    assert delegation.decided_from == "127.0.0.1"
    assert statuses(case)["R02"] == TaskStatus.READY
    # The link is used up: opening it again only says so.
    again = client.get(url).content.decode()
    assert "您已经答复过" in again and 'name="decision"' not in again


def test_proving_identity_on_the_link_signs_nobody_in(client, empty_sms_outbox):
    # The heir's code is for this request; it must not open the heir's account.
    _case, declaration = declared_case(heirs=1)
    delegation = declaration.delegations.get()
    url = f"/delegations/{delegation.token}/"
    client.post(url, {"action": "send"})
    client.post(
        url,
        {
            "action": "verify",
            "id_suffix": delegation.id_number[-6:],
            "code": last_code(delegation.phone),
        },
    )
    assert "丧葬补助金申领" in client.get(url).content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/cases/").status_code == 302  # to sign-in


def test_the_link_shows_nothing_until_identity_is_proven(client):
    _case, declaration = declared_case(heirs=1)
    delegation = declaration.delegations.get()
    url = f"/delegations/{delegation.token}/"
    client.post(url, {"action": "send"})
    response = client.post(
        url, {"action": "verify", "id_suffix": "000000", "code": last_code(delegation.phone)}
    )
    page = response.content.decode()
    assert "后六位不符" in page
    assert client.post(url, {"decision": "confirm"}).status_code == 200
    delegation.refresh_from_db()
    assert delegation.status == DelegationStatus.PENDING


def test_an_unknown_link_is_a_clear_404(client):
    response = client.get("/delegations/nothing-here-at-all/")
    assert response.status_code == 404
    assert "链接无效" in response.content.decode()


def test_the_heir_withdraws_from_my_authorizations(client):
    from tests.delegations.helpers import confirm

    case, declaration = declared_case(heirs=1)
    ready_for_payment(case)
    answered = confirm(declaration.delegations.get())
    client.force_login(answered.decided_by)
    page = client.get("/delegations/").content.decode()
    assert case.display_reference in page and "撤回我的授权" in page
    response = client.post(f"/delegations/{answered.pk}/revoke/")
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == DelegationStatus.REVOKED
    assert statuses(case)["R02"] == TaskStatus.WAITING


def test_nobody_else_can_withdraw_it(client):
    from tests.delegations.helpers import confirm

    _case, declaration = declared_case(heirs=1)
    answered = confirm(declaration.delegations.get())
    client.force_login(citizen("13800000000"))
    assert client.post(f"/delegations/{answered.pk}/revoke/").status_code == 404
    answered.refresh_from_db()
    assert answered.status == DelegationStatus.CONFIRMED


def test_the_case_page_shows_the_notary_appointment(family):
    case = submitted_case(flags={"pension": True}, applicant=applicant_data(phone=PHONE))
    family.post(f"/cases/{case.reference}/heirs/", heirs_form(heir_data(1, phone="", online=False)))
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert "公证预约" in page
    assert "市公证处便民服务窗口" in page


def test_the_answer_page_query_count_does_not_grow_with_the_money_matters(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ALL_FLAGS

    def queries(flags, n):
        _case, declaration = declared_case(heirs=1, flags=flags)
        delegation = declaration.delegations.get()
        delegation.phone = f"1360000{n:04d}"  # a fresh number: no cool-down from another case
        delegation.save()
        url = f"/delegations/{delegation.token}/"
        client.post(url, {"action": "send"})
        code = last_code(delegation.phone)
        client.post(url, {"action": "verify", "id_suffix": delegation.id_number[-6:], "code": code})
        with CaptureQueriesContext(connection) as captured:
            assert 'name="decision"' in client.get(url).content.decode()
        return len(captured)

    assert queries({}, 1) == queries(ALL_FLAGS, 2)


def test_after_the_notary_the_page_says_what_happened_not_that_everyone_agreed(client):
    # An heir who could not agree online went to the notary: "全体继承人都已同意"
    # was not true.
    from tests.delegations.helpers import complete, confirm

    case, declaration = declared_case(heirs=2)  # the applicant is PHONE
    first, second = declaration.delegations.order_by("pk")
    confirm(first)
    confirm(second, decision="offline")
    complete(case, "N01")
    client.force_login(citizen(PHONE))
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert "公证处" in page
    assert "全体继承人都已同意" not in page


def test_the_heirs_form_offers_the_account_given_when_applying(family):
    case = submitted_case(
        flags={"pension": True},
        applicant=applicant_data(phone=PHONE, bank_account="6222021234767890"),
    )
    page = family.get(f"/cases/{case.reference}/heirs/").content.decode()
    assert 'value="6222021234767890"' in page
