"""Editors change the catalogue in the Wagtail admin, without a deploy."""

import re

import pytest
from django.urls import reverse

from cases.models import Department, Matter
from tests.factories import UserFactory
from tests.staff import staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff_login(client, UserFactory(superuser=True))
    return client


def matter_form_data(matter, **changes):
    data = {
        "code": matter.code,
        "department": matter.department_id,
        "name_zh": matter.name_zh,
        "name_en": matter.name_en,
        "scenarios": matter.scenarios,
        "needs": matter.needs,
        "required_flag": matter.required_flag,
        "depends_on": [m.pk for m in matter.depends_on.all()],
        "time_limit": matter.time_limit,
        "time_limit_unit": matter.time_limit_unit,
        "time_limits_by_scenario": "\n".join(
            f"{s} {a} {u}" for s, (a, u) in (matter.time_limits_by_scenario or {}).items()
        ),
        "starts_case_clock": matter.starts_case_clock,
        "starts_after": matter.starts_after,
        "is_automatic": matter.is_automatic,
        "requires_consent": matter.requires_consent,
        "issues_certificate": matter.issues_certificate,
        "certificate_name_zh": matter.certificate_name_zh,
        "certificate_name_en": matter.certificate_name_en,
        "sort_order": matter.sort_order,
        "is_active": matter.is_active,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def edit_url(matter):
    return reverse("wagtailsnippets_cases_matter:edit", args=[matter.pk])


def test_the_matter_list_shows_the_catalogue(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_cases_matter:list"))
    assert response.status_code == 200
    assert "丧葬补助金申领" in response.content.decode()


def test_an_editor_changes_a_time_limit_and_the_scenarios(admin_client):
    matter = Matter.objects.get(code="P03")
    response = admin_client.post(
        edit_url(matter),
        matter_form_data(matter, time_limit=2, scenarios=["hospital", "home"]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    matter.refresh_from_db()
    assert matter.time_limit == 2
    assert matter.scenarios == ["hospital", "home"]


def test_the_admin_refuses_matters_waiting_for_each_other(admin_client):
    c01 = Matter.objects.get(code="C01")
    c02 = Matter.objects.get(code="C02")  # C02 already waits for C01
    response = admin_client.post(edit_url(c01), matter_form_data(c01, depends_on=[c02.pk]))
    assert response.status_code == 200
    assert "互相等待" in response.content.decode()
    assert c02 not in c01.depends_on.all()


def test_departments_are_listed_with_their_staff_groups(admin_client):
    response = admin_client.get(reverse("wagtailsnippets_cases_department:list"))
    assert response.status_code == 200
    assert (
        Department.objects.get(code="housing_fund").clerk_group.name
        == "住房公积金管理中心 · 办事员"
    )


def test_the_admin_home_tells_administrators_which_notice_to_enter(client, time_machine):
    time_machine.move_to("2026-12-01 10:00 +0800")
    staff_login(client, UserFactory(superuser=True))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "国务院办公厅关于2027年部分节假日安排的通知" in page
    assert "/admin/holiday-notices/?year=2027" in page


def test_the_holiday_warning_is_for_administrators_only(client, time_machine):
    from tests.staff import department_member

    time_machine.move_to("2026-12-01 10:00 +0800")
    staff_login(client, department_member("health"))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "部分节假日安排的通知" not in page


def test_the_matter_form_offers_the_scenarios_as_boxes_to_tick(admin_client):
    matter = Matter.objects.get(code="H01")
    response = admin_client.get(edit_url(matter))
    assert response.status_code == 200
    boxes = re.findall(
        r'<input type="checkbox" name="scenarios" value="(\w+)"[^>]*?( checked)?>',
        response.content.decode(),
    )
    assert {value for value, _ in boxes} == {"hospital", "home", "abnormal"}
    assert {value for value, checked in boxes if checked} == {"hospital", "home"}


def test_an_administrator_edits_what_a_matter_needs_audited_and_filed_cases_keep_theirs(
    admin_client,
):
    from auditlog.models import LogEntry

    from tests.factories import submitted_case

    case = submitted_case()
    c01 = Matter.objects.get(code="C01")
    before = list(c01.needs)
    response = admin_client.post(
        edit_url(c01), matter_form_data(c01, needs=[*before, "death.cause"])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    c01.refresh_from_db()
    assert "death.cause" in c01.needs
    change = LogEntry.objects.get_for_object(c01).filter(action=LogEntry.Action.UPDATE).first()
    assert "needs" in change.changes
    assert case.tasks.get(matter_code="C01").needs == before


def test_the_matter_form_offers_the_needs_as_boxes_to_tick(admin_client):
    matter = Matter.objects.get(code="C06")
    page = admin_client.get(edit_url(matter)).content.decode()
    ticked = set(
        re.findall(r'<input type="checkbox" name="needs" value="([\w.]+)"[^>]*? checked>', page)
    )
    assert ticked == {"cert.cremation", "payee.account"}


def test_the_matter_list_shows_each_scenarios_longest_chain(admin_client):
    page = admin_client.get(reverse("wagtailsnippets_cases_matter:list")).content.decode()
    # catalogue.md names the chains of 3 working days; the first found is shown.
    assert any(chain in page for chain in ("P02 → F01", "P02 → B01", "R01 → R03", "M01 → M02"))
    assert "too long" not in page and "过长" not in page


def test_a_limit_in_hours_is_saved_with_its_unit_and_a_scenarios_own(admin_client):
    matter = Matter.objects.get(code="P03")
    response = admin_client.post(
        edit_url(matter),
        matter_form_data(
            matter, time_limit=6, time_limit_unit="wh", time_limits_by_scenario="abnormal 1 wd"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    matter.refresh_from_db()
    assert (matter.time_limit, matter.time_limit_unit) == (6, "wh")
    assert matter.time_limits_by_scenario == {"abnormal": [1, "wd"]}


def test_a_malformed_scenario_limit_is_refused_naming_the_line(admin_client):
    matter = Matter.objects.get(code="P03")
    response = admin_client.post(
        edit_url(matter), matter_form_data(matter, time_limits_by_scenario="home 1 wd\nsea two")
    )
    assert response.status_code == 200
    assert "第 2 行" in response.content.decode() or "Line 2" in response.content.decode()


def test_saving_a_limit_that_breaks_the_promise_warns_with_the_chain(admin_client):
    matter = Matter.objects.get(code="F01")
    response = admin_client.post(
        edit_url(matter), matter_form_data(matter, time_limit=3), follow=True
    )
    page = response.content.decode()
    assert "P02 → F01" in page
    assert Matter.objects.get(code="F01").time_limit == 3  # warned, not refused
