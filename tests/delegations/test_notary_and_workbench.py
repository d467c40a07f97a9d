"""Departments see the heirs' authorization on money matters, download the
signed authorization, and the notary's completion covers missing consents."""

import pytest

from cases.constants import TaskStatus
from tests.factories import declared_case
from tests.staff import department_member, staff_login

from .helpers import confirm, ready_for_payment, statuses, task

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked():
    case, declaration = declared_case(heirs=2)
    ready_for_payment(case)
    return case, list(declaration.delegations.all())


def test_the_paying_department_sees_who_has_authorized(client, asked):
    case, (first, second) = asked
    confirm(first)
    staff_login(client, department_member("hrss"))
    page = client.get(f"/admin/workbench/{task(case, 'R02').pk}/").content.decode()
    assert "继承人委托授权" in page
    assert first.name in page and "已同意" in page
    assert second.name in page and "等待继承人答复" in page


def test_the_paying_department_downloads_the_signed_authorization(client, asked):
    case, (first, _second) = asked
    confirm(first)
    first.refresh_from_db()
    staff_login(client, department_member("hrss"))
    response = client.get(f"/admin/workbench/{task(case, 'R02').pk}/authorizations/{first.pk}.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == first.document.open("rb").read()


def test_a_department_without_a_money_matter_cannot_download_it(client, asked):
    case, (first, _second) = asked
    confirm(first)
    staff_login(client, department_member("public_security"))
    url = f"/admin/workbench/{task(case, 'P02').pk}/authorizations/{first.pk}.pdf"
    assert client.get(url).status_code == 404


def test_the_notary_sees_why_an_heir_refused_and_the_paying_department_does_not(client, asked):
    case, (first, second) = asked
    confirm(first)
    confirm(second, decision="decline", reason="账户不是我们商量好的那个")
    staff_login(client, department_member("notary"))
    notary_page = client.get(f"/admin/workbench/{task(case, 'N01').pk}/").content.decode()
    assert "账户不是我们商量好的那个" in notary_page
    staff_login(client, department_member("hrss"))
    paying_page = client.get(f"/admin/workbench/{task(case, 'R02').pk}/").content.decode()
    assert "账户不是我们商量好的那个" not in paying_page


def test_the_notary_clerk_sees_the_appointment_and_completing_releases_the_money(client, asked):
    case, (first, second) = asked
    confirm(first)
    confirm(second, decision="decline")
    notary = task(case, "N01")
    staff_login(client, department_member("notary"))
    page = client.get(f"/admin/workbench/{notary.pk}/").content.decode()
    assert "与家属的预约" in page
    client.post(f"/admin/workbench/{notary.pk}/", {"action": "accept"})
    response = client.post(
        f"/admin/workbench/{notary.pk}/",
        {"action": "complete", "complete-outcome_text": "继承权公证已办结"},
    )
    assert response.status_code == 302
    assert statuses(case)["N01"] == TaskStatus.COMPLETED
    assert statuses(case)["R01"] == TaskStatus.READY
    assert statuses(case)["R02"] == TaskStatus.READY


def test_the_notary_sees_only_its_own_tasks(client, asked):
    case, _delegations = asked
    staff_login(client, department_member("notary"))
    assert client.get(f"/admin/workbench/{task(case, 'R02').pk}/").status_code == 404


def test_the_notary_changes_the_appointment_and_the_family_is_texted(
    client, asked, empty_sms_outbox
):
    case, (first, _second) = asked
    confirm(first, decision="offline")
    notary = task(case, "N01")
    staff_login(client, department_member("notary"))
    response = client.post(
        f"/admin/workbench/{notary.pk}/",
        {
            "action": "appointment",
            "appointment-at": "2099-01-05T14:00",
            "appointment-place": "市公证处二楼3号窗口",
        },
    )
    assert response.status_code == 302
    notary.refresh_from_db()
    assert notary.appointment_place == "市公证处二楼3号窗口"
    told = [m["text"] for m in empty_sms_outbox if m["to"] == case.applicant.phone]
    assert "1月5日14:00，市公证处二楼3号窗口" in told[-1]


def test_an_appointment_in_the_past_is_refused_and_nothing_changes(client, asked):
    case, (first, _second) = asked
    confirm(first, decision="offline")
    notary = task(case, "N01")
    before = notary.appointment_at
    staff_login(client, department_member("notary"))
    response = client.post(
        f"/admin/workbench/{notary.pk}/",
        {"action": "appointment", "appointment-at": "2020-01-05T14:00", "appointment-place": "x"},
        follow=True,
    )
    assert "请选择将来的时间" in response.content.decode()
    notary.refresh_from_db()
    assert notary.appointment_at == before


def test_only_the_notary_task_offers_an_appointment_change(client, asked):
    case, _delegations = asked
    staff_login(client, department_member("hrss"))
    page = client.get(f"/admin/workbench/{task(case, 'R02').pk}/").content.decode()
    assert 'value="appointment"' not in page
