"""Dates in the family's time (issue 17, item 7): the result list shows the
day in Beijing, and a case is never due before one of its tasks."""

import datetime
import zoneinfo

import pytest

from cases.constants import Scenario
from cases.services.results import result_lines
from tests.factories import ALL_FLAGS, submitted_case

from .helpers import complete, task

pytestmark = pytest.mark.django_db

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def test_a_task_done_at_dawn_in_beijing_shows_that_day_not_the_utc_one():
    case = submitted_case()
    complete(case, "BD01")
    h01 = task(case, "H01")
    complete(case, "H01")
    h01.refresh_from_db()
    h01.completed_at = datetime.datetime(2026, 12, 3, 5, 56, tzinfo=BEIJING)  # 21:56 UTC on the 2nd
    h01.result = {}
    h01.save()
    h01.refresh_from_db()  # as stored: in UTC
    line = next(line for line in result_lines([h01]) if line["code"] == "H01")
    assert line["date"] == "2026-12-03"


def test_an_unnatural_death_case_is_not_due_before_its_police_task():
    case = submitted_case(Scenario.ABNORMAL, ALL_FLAGS)
    due = [t.due_date for t in case.tasks.all() if t.due_date]
    case.refresh_from_db()
    assert case.due_date >= max(due)


def test_a_task_released_later_pushes_the_case_due_date_when_it_is_due_later():
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    before = case.due_date
    p02 = task(case, "P02")
    p02.time_limit = 15  # the task keeps the limit it was filed with
    p02.save(update_fields=["time_limit"])
    complete(case, "BD01", "H01")
    p02.refresh_from_db()
    case.refresh_from_db()
    assert p02.due_date > before
    assert case.due_date == p02.due_date
