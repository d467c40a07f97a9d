"""Administrators enter each year's State Council notice in one form, audited
(issue 17, item 4): its days off and make-up working days decide due dates."""

import datetime

import pytest
from auditlog.models import LogEntry

from cases.models import CalendarOverride, HolidayNotice
from cases.workdays import WorkingCalendar
from office.holiday_notices import parse_days
from tests.factories import UserFactory
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

D = datetime.date
URL = "/admin/holiday-notices/"
NOTICE_2027 = {
    "year": "2027",
    "title": "国务院办公厅关于2027年部分节假日安排的通知",
    "days_off": "2027年1月1日至3日\n2027年2月5日至11日\n2027-04-05",
    "workdays": "2027-02-14, 2027-02-20",
}


@pytest.fixture
def administrator(client):
    user = UserFactory(superuser=True)
    staff_login(client, user)
    client.user = user
    return client


def test_a_make_up_sunday_entered_for_2027_is_a_working_day(administrator):
    assert not WorkingCalendar.for_range(D(2027, 2, 14), D(2027, 2, 14)).is_workday(D(2027, 2, 14))
    response = administrator.post(URL, NOTICE_2027)
    assert response.status_code == 302
    calendar = WorkingCalendar.for_range(D(2027, 1, 1), D(2027, 12, 31))
    assert calendar.is_workday(D(2027, 2, 14))  # a Sunday, worked
    assert not calendar.is_workday(D(2027, 2, 11))  # an extra day off of the notice
    assert not calendar.is_workday(D(2027, 1, 1))


def test_entering_the_notice_is_audited_with_who_entered_it(administrator):
    administrator.post(URL, NOTICE_2027)
    notice = HolidayNotice.objects.get(year=2027)
    assert notice.entered_by == administrator.user
    entries = LogEntry.objects.get_for_model(CalendarOverride)
    assert entries.count() == CalendarOverride.objects.count() == 13
    assert {entry.actor for entry in entries} == {administrator.user}


def test_entering_a_year_again_replaces_its_days(administrator):
    administrator.post(URL, NOTICE_2027)
    administrator.post(URL, {**NOTICE_2027, "workdays": "2027-02-20"})
    assert not CalendarOverride.objects.filter(date=D(2027, 2, 14)).exists()
    assert HolidayNotice.objects.count() == 1


def test_a_weekday_as_a_make_up_working_day_is_refused_and_nothing_changes(administrator):
    response = administrator.post(URL, {**NOTICE_2027, "workdays": "2027-02-15"})
    assert response.status_code == 200
    assert "星期六或星期日" in response.content.decode()
    assert not HolidayNotice.objects.exists()


def test_a_date_of_another_year_is_refused(administrator):
    response = administrator.post(URL, {**NOTICE_2027, "days_off": "2028-01-01"})
    assert "不在2027年" in response.content.decode()
    assert not CalendarOverride.objects.exists()


def test_what_cannot_be_read_is_named(administrator):
    response = administrator.post(URL, {**NOTICE_2027, "days_off": "春节放七天"})
    assert "春节放七天" in response.content.decode()


def test_the_form_starts_from_the_statutory_days(administrator):
    page = administrator.get(f"{URL}?year=2027").content.decode()
    assert "2027-02-05" in page and "2027-10-03" in page
    assert "国务院办公厅关于2027年部分节假日安排的通知" in page


def test_only_administrators_enter_notices(client):
    staff_login(client, department_member("health"))
    response = client.post(URL, NOTICE_2027)
    # Wagtail answers a refusal with a redirect to the admin home and a message.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert not HolidayNotice.objects.exists()


def test_dates_are_read_as_the_notice_writes_them():
    assert parse_days("2027年2月5日至11日") == {D(2027, 2, n) for n in range(5, 12)}
    assert parse_days("2027-09-30..2027-10-02") == {D(2027, 9, 30), D(2027, 10, 1), D(2027, 10, 2)}
    assert parse_days("2027/5/1、2027/5/2") == {D(2027, 5, 1), D(2027, 5, 2)}
