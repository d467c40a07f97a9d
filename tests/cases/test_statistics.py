"""The statistics dashboard against a known data set, and its exports."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cases.constants import StaffRole
from cases.services.durations import bucket_of
from cases.services.statistics import figures_for
from tests.cases.helpers import complete
from tests.factories import UserFactory, submitted_case
from tests.staff import staff_login

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
MONDAY = datetime.datetime(2026, 11, 23, 9, tzinfo=TZ)


@pytest.fixture
def known(time_machine):
    """Three hospital cases submitted on Monday 9:00; the civil-affairs body
    transport (C01, due Tuesday) done after 2 h, 4 h and 50 h (late)."""
    time_machine.move_to(MONDAY)
    cases = [submitted_case() for _ in range(3)]
    for case in cases:
        complete(case, "BD01")
    for case, hours in zip(cases, (2, 4, 50), strict=True):
        time_machine.move_to(MONDAY + datetime.timedelta(hours=hours))
        complete(case, "C01")
    time_machine.move_to(MONDAY + datetime.timedelta(days=3))
    return cases


@pytest.fixture
def administrator():
    from django.contrib.auth.models import Group

    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    return user


def test_the_figures_of_a_known_data_set(known, administrator):
    figures = figures_for(administrator)
    c01 = next(m for m in figures.matters if m.code == "C01")
    assert (c01.completed, c01.on_time) == (3, 2)
    # From the daily histograms: in the bucket (10 % wide) of the exact 4 h and 50 h.
    assert bucket_of(c01.median_hours * 3600) == bucket_of(4 * 3600)
    assert bucket_of(c01.p90_hours * 3600) == bucket_of(50 * 3600)
    assert dict(figures.cases_by_scenario)["在医院内去世"] == 3
    assert {str(k): v for k, v in figures.cases_by_channel}["网上办"] == 3
    assert figures.weeks[-1] == (datetime.date(2026, 11, 23), 3)
    assert figures.overdue_now == 0  # the sweep has not run


def test_a_supervisor_sees_only_their_departments_tasks(known):
    from cases.models import Department

    supervisor = UserFactory(is_staff=True)
    supervisor.groups.add(Department.objects.get(code="housing_fund").supervisor_group)
    figures = figures_for(supervisor)
    assert figures.matters == []
    assert figures.tasks_by_department == []


def test_clerks_do_not_see_the_dashboard(client, known):
    from cases.models import Department

    clerk = UserFactory(is_staff=True)
    clerk.groups.add(Department.objects.get(code="civil_affairs").clerk_group)
    staff_login(client, clerk)
    assert client.get("/admin/statistics/").status_code == 302


def test_the_dashboard_renders_for_an_administrator(client, known, administrator):
    staff_login(client, administrator)
    page = client.get("/admin/statistics/").content.decode()
    assert "遗体接运与殡仪服务预约" in page


def test_the_csv_export_parses(client, known, administrator):
    staff_login(client, administrator)
    response = client.get("/admin/statistics/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["总览"]
    c01 = next(r for r in rows if r and r[0] == "C01")
    assert c01[2:4] == ["3", "2"]


def test_the_excel_export_parses(client, known, administrator):
    staff_login(client, administrator)
    response = client.get("/admin/statistics/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["事项统计"]
    values = list(sheet.iter_rows(values_only=True))
    c01 = next(r for r in values if r[0] == "C01")
    assert c01[2:4] == (3, 2)
    # The dashboard's figures (from the histograms: near 4 h and 50 h).
    assert [bucket_of(hours * 3600) for hours in c01[5:7]] == [
        bucket_of(4 * 3600),
        bucket_of(50 * 3600),
    ]


def test_the_exports_carry_every_figure_of_the_page_in_the_same_numbers(
    client, known, administrator
):
    staff_login(client, administrator)
    figures = figures_for(administrator)
    book = load_workbook(io.BytesIO(client.get("/admin/statistics/export.xlsx").content))
    assert book.sheetnames == [
        "总览",
        "每周受理",
        "按死亡情形",
        "按受理渠道",
        "按部门",
        "事项统计",
        "多发待遇",
        "殡葬服务",
        "服务评价（按部门）",
        "服务评价（按事项）",
    ]
    overpaid = list(book["多发待遇"].iter_rows(values_only=True))[1]
    assert overpaid[0] == figures.overpayments["found"]
    assert overpaid[3] == figures.overpayments["after_stop"]
    overview = list(book["总览"].iter_rows(values_only=True))[1]
    assert overview[1] == figures.overdue_now
    scenarios = dict(list(book["按死亡情形"].iter_rows(values_only=True))[1:])
    assert scenarios == {str(k): v for k, v in figures.cases_by_scenario}
    channels = dict(list(book["按受理渠道"].iter_rows(values_only=True))[1:])
    assert channels == {str(k): v for k, v in figures.cases_by_channel}
    weeks = list(book["每周受理"].iter_rows(values_only=True))[1:]
    assert weeks == [(m.isoformat(), n) for m, n in figures.weeks]
    departments = list(book["按部门"].iter_rows(values_only=True))[1:]
    assert departments == [tuple(row) for row in figures.tasks_by_department]


def test_the_dashboard_counts_the_period_chosen(client, known, administrator):
    staff_login(client, administrator)
    before = client.get("/admin/statistics/?start=2026-10-01&end=2026-11-20")
    figures = before.context["figures"]
    assert figures.matters == [] and dict(figures.cases_by_scenario)["在医院内去世"] == 0
    during = client.get("/admin/statistics/?start=2026-11-23&end=2026-11-26").context["figures"]
    assert next(m for m in during.matters if m.code == "C01").completed == 3


def test_a_period_that_ends_before_it_begins_is_explained(client, known, administrator):
    staff_login(client, administrator)
    page = client.get("/admin/statistics/?start=2026-11-26&end=2026-11-01").content.decode()
    assert "统计期间的结束日期早于开始日期" in page or "ends before it begins" in page


def test_deaths_reported_in_error_are_counted_for_the_department_that_retracted_them():
    from cases.services.reversal import open_reversal
    from tests.staff import department_member

    supervisor = department_member("health", supervisor=True)
    case = submitted_case()
    complete(case, "BD01", "H01")
    open_reversal(case, by=supervisor, reason="本人健在")
    figures = figures_for(supervisor)
    assert (figures.reversals_opened, figures.reversals_undone) == (1, 0)
    assert figures_for(department_member("hrss", supervisor=True)).reversals_opened == 0
