"""The department workbench: each clerk sees their department's tasks and
only the case data their matter needs, and works them through the services."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import Scenario, TaskStatus
from tests.cases.helpers import complete, declare_sole_heir, task
from tests.factories import (
    ALL_FLAGS,
    applicant_data,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

DECEASED_ID = resident_id(21)


@pytest.fixture
def case():
    case = submitted_case(
        Scenario.HOSPITAL,
        ALL_FLAGS,
        deceased=deceased_data(id_number=DECEASED_ID),
        applicant=applicant_data(bank_account="6222021234767890"),
    )
    declare_sole_heir(case, payee_account="6222021234767890")
    complete(case, "BD01", "H01", "C01", "C02", "P02")
    return case


def test_a_clerk_sees_only_their_departments_tasks(client, case):
    staff_login(client, department_member("housing_fund"))
    response = client.get("/admin/workbench/")
    codes = {t.matter_code for t in response.context["page_obj"]}
    assert codes == {"F01"}


def test_a_housing_fund_clerk_cannot_open_a_health_task(client, case):
    staff_login(client, department_member("housing_fund"))
    assert client.get(f"/admin/workbench/{task(case, 'H01').pk}/").status_code == 404


def test_a_housing_fund_clerk_sees_the_id_number_masked_and_the_account_whole(client, case):
    staff_login(client, department_member("housing_fund"))
    page = client.get(f"/admin/workbench/{task(case, 'F01').pk}/").content.decode()
    assert DECEASED_ID not in page
    assert DECEASED_ID[:6] + "********" + DECEASED_ID[-4:] in page
    assert "6222021234767890" in page


def test_a_civil_affairs_clerk_sees_the_full_id_but_not_the_account(client, case):
    # Ending social assistance (C03) needs the identity and no account.
    staff_login(client, department_member("civil_affairs"))
    page = client.get(f"/admin/workbench/{task(case, 'C03').pk}/").content.decode()
    assert DECEASED_ID in page
    assert "6222021234767890" not in page


def test_opening_a_case_writes_an_access_entry(client, case):
    clerk = department_member("housing_fund")
    staff_login(client, clerk)
    client.get(f"/admin/workbench/{task(case, 'F01').pk}/")
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == clerk
    assert entry.object_pk == str(case.pk)


def test_filters_and_search_by_reference(client, case):
    other = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    declare_sole_heir(other)
    complete(other, "BD01", "H01", "C01", "C02", "P02")
    staff_login(client, department_member("housing_fund"))
    ready = client.get("/admin/workbench/?status=ready").context["page_obj"]
    assert len(ready) == 2
    found = client.get(f"/admin/workbench/?q={case.display_reference}").context["page_obj"]
    assert [t.case_id for t in found] == [case.pk]
    assert len(client.get("/admin/workbench/?status=awaiting_materials").context["page_obj"]) == 0


def post(client, t, action, **data):
    payload = {"action": action, **{f"{action}-{k}": v for k, v in data.items()}}
    return client.post(f"/admin/workbench/{t.pk}/", payload)


def test_accept_then_complete_with_a_payment(client, case):
    staff_login(client, department_member("housing_fund"))
    f01 = task(case, "F01")
    assert post(client, f01, "accept").status_code == 302
    response = post(
        client,
        f01,
        "complete",
        outcome_text="公积金余额已提取",
        date="2026-11-28",
        amount="12345.60",
        account="6222021234767890",
    )
    assert response.status_code == 302
    f01.refresh_from_db()
    assert f01.status == TaskStatus.COMPLETED
    assert f01.result["amount"] == "12345.60"
    assert f01.result["outcome_text"] == "公积金余额已提取"


def test_asking_the_family_for_something_shows_them_the_message(client, case):
    staff_login(client, department_member("housing_fund"))
    f01 = task(case, "F01")
    post(client, f01, "accept")
    post(client, f01, "request_materials", message="请上传继承人关系证明")
    f01.refresh_from_db()
    assert f01.status == TaskStatus.AWAITING_MATERIALS
    assert f01.message_to_family == "请上传继承人关系证明"


def test_not_applicable_and_reject_need_a_reason(client, case):
    staff_login(client, department_member("housing_fund"))
    f01 = task(case, "F01")
    response = post(client, f01, "not_applicable", reason="")
    assert response.status_code == 200
    f01.refresh_from_db()
    assert f01.status == TaskStatus.READY
    post(client, f01, "not_applicable", reason="无公积金账户")
    f01.refresh_from_db()
    assert f01.status == TaskStatus.NOT_APPLICABLE


def test_a_forbidden_action_is_explained_and_changes_nothing(client, case):
    staff_login(client, department_member("hrss"))
    r03 = task(case, "R03")  # waits for R01
    response = post(client, r03, "complete", outcome_text="x")
    assert response.status_code == 200
    r03.refresh_from_db()
    assert r03.status == TaskStatus.WAITING
    assert "不能" in response.content.decode()


def test_only_a_supervisor_corrects_a_completed_result(client, case):
    f01 = task(case, "F01")
    complete(case, "F01")
    staff_login(client, department_member("housing_fund"))
    response = post(client, f01, "correct", outcome_text="更正", reason="金额有误")
    assert response.status_code == 200
    f01.refresh_from_db()
    assert f01.result.get("outcome_text") != "更正"
    staff_login(client, department_member("housing_fund", supervisor=True))
    response = post(
        client,
        f01,
        "correct",
        outcome_text="更正",
        reason="金额有误",
        amount="100",
        account="6222021234767890",
    )
    assert response.status_code == 302
    f01.refresh_from_db()
    assert f01.result["outcome_text"] == "更正"
    assert f01.reason == "金额有误"


def test_the_queue_query_count_does_not_grow_with_tasks(client, case):
    staff_login(client, department_member("housing_fund"))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/workbench/").status_code == 200
        return len(captured)

    before = count()
    for _ in range(5):
        more = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
        complete(more, "BD01", "H01", "C01", "C02", "P02")
    assert count() == before


def test_the_issuing_supervisor_revokes_a_certificate_from_the_task(client, case):
    from cases.models import Certificate

    h01 = task(case, "H01")
    certificate = Certificate.objects.get(task=h01)
    staff_login(client, department_member("health"))
    assert "吊销" not in client.get(f"/admin/workbench/{h01.pk}/").content.decode()
    post(client, h01, "revoke", reason="信息有误")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    staff_login(client, department_member("health", supervisor=True))
    response = post(client, h01, "revoke", reason="信息有误")
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "信息有误"


def test_the_task_page_shows_the_whole_cases_target(client, case):
    staff_login(client, department_member("housing_fund"))
    page = client.get(f"/admin/workbench/{task(case, 'F01').pk}/").content.decode()
    case.refresh_from_db()
    assert case.due_date.strftime("%Y-%m-%d") in page


def test_the_queue_names_the_deceased_masked(client, case):
    staff_login(client, department_member("housing_fund"))
    page = client.get("/admin/workbench/").content.decode()
    assert "王*" in page and "王五" not in page


def test_the_queue_says_what_a_task_waits_for(client, case):
    from cases.services.tasks import accept_task, request_materials

    f01 = task(case, "F01")
    accept_task(f01, actor=None)
    request_materials(task(case, "F01"), actor=None, message="请上传公积金卡照片")
    staff_login(client, department_member("housing_fund"))
    page = client.get("/admin/workbench/").content.decode()
    assert "等待您补充部门要求的材料" in page


def test_a_completed_task_offers_no_actions_to_a_clerk(client, case):
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{task(case, 'H01').pk}/").content.decode()
    for action in ("accept", "complete", "request_materials", "reject", "not_applicable"):
        assert f'value="{action}"' not in page


def test_a_completed_task_still_offers_the_supervisor_a_correction(client, case):
    staff_login(client, department_member("health", supervisor=True))
    page = client.get(f"/admin/workbench/{task(case, 'H01').pk}/").content.decode()
    assert 'value="correct"' in page
    assert 'value="complete"' not in page


def test_the_completion_date_is_picked_from_a_calendar(client, case):
    staff_login(client, department_member("housing_fund"))
    page = client.get(f"/admin/workbench/{task(case, 'F01').pk}/").content.decode()
    assert 'type="date" name="complete-date"' in page


def test_the_default_view_is_the_open_tasks_only(client, case):
    staff_login(client, department_member("health"))
    rows = client.get("/admin/workbench/").context["page_obj"]
    assert "H01" not in {t.matter_code for t in rows}  # completed in the fixture


@pytest.fixture
def many_ready(case):
    for _ in range(4):
        more = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
        declare_sole_heir(more)
        complete(more, "BD01", "H01", "C01", "C02", "P02")
    return case


def test_pages_follow_by_key_without_gaps_or_repeats(client, many_ready, monkeypatch):
    import re

    from office import workbench as views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    staff_login(client, department_member("housing_fund"))
    seen, url = [], "/admin/workbench/"
    while url:
        response = client.get(url)
        seen += [t.pk for t in response.context["page_obj"]]
        found = re.search(r'href="(\?[^"]*after=[^"]+)"', response.content.decode())
        url = "/admin/workbench/" + found.group(1).replace("&amp;", "&") if found else ""
    assert len(seen) == len(set(seen)) == 5  # one F01 per case


def test_a_long_queue_is_counted_only_up_to_the_cap(client, many_ready, monkeypatch):
    from cases.services import workbench

    monkeypatch.setattr(workbench, "COUNT_CAP", 3)
    staff_login(client, department_member("housing_fund"))
    page = client.get("/admin/workbench/").content.decode()
    assert "3 项以上" in page  # not an exact count


def test_a_malformed_page_key_shows_the_first_page(client, case):
    staff_login(client, department_member("housing_fund"))
    response = client.get("/admin/workbench/?after=not-a-key")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 1


def test_a_completion_date_in_the_future_is_refused_by_the_service(case):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from cases.services.results import structured_result

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        structured_result(task(case, "P02"), date=tomorrow)
    assert list(refused.value.message_dict) == ["date"]
    assert structured_result(task(case, "P02"), date=timezone.localdate())["date"]


def test_a_completion_date_in_the_future_is_shown_on_the_form_and_nothing_changes(client, case):
    import datetime

    from django.utils import timezone

    staff_login(client, department_member("housing_fund"))
    f01 = task(case, "F01")
    post(client, f01, "accept")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post(client, f01, "complete", date=tomorrow.isoformat())
    assert response.status_code == 200
    assert "不能是将来的日期" in response.content.decode()
    assert task(case, "F01").status == TaskStatus.IN_PROGRESS


def test_each_queue_filter_has_a_name_of_its_own(client, case):
    staff_login(client, department_member("health"))
    filters = client.get("/admin/workbench/").context["filters"]
    labels = [str(label) for _value, label in filters]
    assert len(set(labels)) == len(labels), labels
