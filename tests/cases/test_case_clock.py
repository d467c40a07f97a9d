"""The case clock: 3 working days from the death certificate, standing still
while the case waits outside the departments (catalogue.md)."""

import datetime

import pytest

from cases.constants import PauseReason, Scenario, TaskStatus
from cases.services.tasks import accept_task, materials_supplied, request_materials
from cases.services.time_limits import flag_overdue_tasks
from tests.factories import (
    ALL_FLAGS,
    NO_FLAGS,
    DemoRegistryPersonFactory,
    applicant_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member, staff_login

from .helpers import complete, cremate, declare_sole_heir, task

pytestmark = pytest.mark.django_db

HUZHOU = datetime.timezone(datetime.timedelta(hours=8))


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HUZHOU)


@pytest.fixture
def clock(time_machine):
    """Moves the frozen clock: ``clock(at(...))``."""

    def move(moment):
        time_machine.move_to(moment, tick=False)

    move(at(2026, 12, 29, 9))  # Tuesday, two working days before New Year
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    return move


@pytest.fixture
def case(clock):
    return submitted_case(
        Scenario.HOSPITAL, NO_FLAGS, applicant=applicant_data(phone="13912345678")
    )


def test_the_clock_starts_when_the_death_certificate_is_done(case, clock):
    assert case.clock_started_at is None
    clock(at(2026, 12, 29, 10))
    complete(case, "H01")
    case.refresh_from_db()
    assert case.clock_started_at == at(2026, 12, 29, 10)
    # Wednesday 30, Thursday 31; 1 January 2027 is New Year's Day; Monday 4.
    assert case.clock_due_at == at(2027, 1, 4, 17, 30)
    assert case.due_date == datetime.date(2027, 1, 4)


@pytest.fixture
def asked_on_wednesday(case, clock):
    """P02 (1 working day) ready Tuesday 10:00, due Wednesday 17:30; at
    Wednesday 16:00 the clerk asks the family for something."""
    clock(at(2026, 12, 29, 10))
    complete(case, "H01")
    p02 = task(case, "P02")
    assert p02.due_at == at(2026, 12, 30, 17, 30)
    clock(at(2026, 12, 30, 16))
    accept_task(p02, actor=None)
    request_materials(task(case, "P02"), actor=None, message="请上传户口簿照片")
    return case


def test_asking_the_family_stops_the_tasks_limit_and_the_case_clock(asked_on_wednesday):
    case = asked_on_wednesday
    case.refresh_from_db()
    p02 = task(case, "P02")
    assert (p02.paused_since, p02.pause_reason) == (at(2026, 12, 30, 16), PauseReason.FAMILY)
    assert (case.paused_since, case.pause_reason) == (at(2026, 12, 30, 16), PauseReason.FAMILY)


def test_a_waiting_task_is_not_flagged_late_however_long_the_family_takes(
    asked_on_wednesday, clock
):
    clock(at(2026, 12, 31, 18))
    flag_overdue_tasks()
    assert task(asked_on_wednesday, "P02").overdue_since is None


def test_the_answer_moves_the_due_dates_by_the_office_time_waited_across_holiday_and_weekend(
    asked_on_wednesday, clock
):
    # Waited Wednesday 16:00–17:30, all of Thursday, not New Year's Day nor
    # the weekend, Monday 08:30–10:00: 10.5 office hours.
    case = asked_on_wednesday
    clock(at(2027, 1, 4, 10))
    materials_supplied(task(case, "P02"), reply="已上传")
    p02 = task(case, "P02")
    assert p02.paused_since is None
    # 1.5 hours were left: Monday 11:30, and a limit in days ends at closing.
    assert p02.due_at == at(2027, 1, 4, 17, 30)
    case.refresh_from_db()
    assert case.paused_since is None
    # Monday 4 January 17:30 plus 10.5 office hours: Wednesday 6 January.
    assert case.clock_due_at == at(2027, 1, 6, 17, 30)
    assert case.due_date == datetime.date(2027, 1, 6)


def test_the_case_clock_waits_for_the_cremation_on_the_day_chosen(case, clock):
    clock(at(2026, 12, 29, 10))
    complete(case, "H01", "C01")
    case.refresh_from_db()
    c02 = task(case, "C02")
    assert (c02.status, c02.pause_reason) == (TaskStatus.WAITING, PauseReason.CREMATION)
    assert case.pause_reason == PauseReason.CREMATION
    clock(at(2026, 12, 31, 9))  # Thursday: the day the family chose
    cremate(case, at=at(2026, 12, 31, 8, 30))
    c02 = task(case, "C02")
    assert c02.status == TaskStatus.READY
    assert c02.due_at == at(2026, 12, 31, 14, 30)  # 4 working hours, lunch excluded
    case.refresh_from_db()
    assert case.paused_since is None
    # Tuesday 10:00 to Thursday 09:00 stood still: 14 office hours later.
    assert case.clock_due_at == at(2027, 1, 6, 17, 30)


def test_money_matters_wait_for_the_heirs_and_so_does_the_clock(clock):
    case = submitted_case(
        Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone="13912345678")
    )
    clock(at(2026, 12, 29, 10))
    complete(case, "H01")
    r01 = task(case, "R01")
    assert (r01.status, r01.pause_reason) == (TaskStatus.WAITING, PauseReason.HEIRS)
    clock(at(2026, 12, 29, 15))
    declare_sole_heir(case)
    r01 = task(case, "R01")
    assert r01.status == TaskStatus.READY and r01.paused_since is None


def test_the_family_sees_why_the_clock_stands_still_and_since_when(asked_on_wednesday, client):
    from tests.factories import citizen

    client.force_login(citizen("13912345678"))
    page = client.get(f"/cases/{asked_on_wednesday.reference}/").content.decode()
    assert "等待您补充部门要求的材料" in page or "Waiting for what a department asked" in page
    assert "2026年12月30日 16:00" in page


def test_the_app_reads_the_pause(asked_on_wednesday, client):
    import json

    from tests.api.conftest import app_token
    from tests.api.operations import operation
    from tests.factories import citizen

    response = client.post(
        "/graphql/",
        json.dumps(
            {
                "query": operation("CaseStatus"),
                "variables": {"reference": asked_on_wednesday.display_reference},
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {app_token(citizen('13912345678'))}",
    )
    case = response.json()["data"]["case"]
    assert case["pausedSince"].startswith("2026-12-30T08:00:00")  # 16:00 in Huzhou
    assert case["pauseReason"]
    p02 = next(t for t in case["tasks"] if t["matterCode"] == "P02")
    assert p02["pauseReason"] == case["pauseReason"]


def test_the_funeral_home_records_the_cremation_on_the_workbench(case, clock, client):
    clock(at(2026, 12, 29, 10))
    complete(case, "H01", "C01")
    clerk = department_member("civil_affairs")
    staff_login(client, clerk)
    c02 = task(case, "C02")
    page = client.get("/admin/workbench/?status=cremation").content.decode()
    assert case.display_reference in page
    response = client.post(
        f"/admin/workbench/{c02.pk}/",
        {"action": "cremation", "cremation-at": "2026-12-29T09:30"},
    )
    assert response.status_code == 302
    assert task(case, "C02").status == TaskStatus.READY


def test_a_cremation_cannot_be_recorded_before_it_happened(case, clock):
    from django.core.exceptions import ValidationError

    clock(at(2026, 12, 29, 10))
    complete(case, "H01", "C01")
    with pytest.raises(ValidationError):
        cremate(case, at=at(2026, 12, 30, 9))


def test_only_the_funeral_homes_department_records_the_cremation(case, clock, client):
    clock(at(2026, 12, 29, 10))
    complete(case, "H01", "C01")
    staff_login(client, department_member("health"))
    response = client.post(
        f"/admin/workbench/{task(case, 'C02').pk}/",
        {"action": "cremation", "cremation-at": "2026-12-29T09:30"},
    )
    assert response.status_code in (302, 404)
    assert task(case, "C02").status == TaskStatus.WAITING


def test_statistics_count_a_task_done_within_its_moved_limit_as_on_time(asked_on_wednesday, clock):
    from cases.services.statistics import figures_for
    from tests.factories import UserFactory

    case = asked_on_wednesday
    clock(at(2027, 1, 4, 10))
    materials_supplied(task(case, "P02"), reply="已上传")
    clock(at(2027, 1, 4, 16))  # after the first due moment, within the moved one
    complete(case, "P02")
    figures = figures_for(UserFactory(superuser=True, is_staff=True))
    p02 = next(m for m in figures.matters if m.code == "P02")
    assert (p02.completed, p02.on_time) == (1, 1)


def test_a_task_due_soon_is_not_reminded_while_it_waits_for_the_family(case, clock):
    from cases.models import StaffReminder
    from cases.services.reminders import remind_and_escalate

    department_member("public_security")  # a clerk to remind
    clock(at(2026, 12, 29, 10))
    complete(case, "H01")  # P02 due Wednesday 17:30
    clock(at(2026, 12, 30, 9))
    accept_task(task(case, "P02"), actor=None)
    request_materials(task(case, "P02"), actor=None, message="请上传户口簿照片")
    clock(at(2026, 12, 30, 10))
    remind_and_escalate()
    reminded = StaffReminder.objects.filter(task__matter_code="P02")
    assert not reminded.exists()
    clock(at(2026, 12, 30, 10, 30))
    materials_supplied(task(case, "P02"), reply="已上传")
    remind_and_escalate()
    assert reminded.exists()  # due again, a working day later


def test_the_case_clock_stays_stopped_while_another_task_still_waits_on_the_family(
    asked_on_wednesday, clock
):
    case = asked_on_wednesday
    other = case.tasks.filter(status=TaskStatus.READY).exclude(matter_code="P02").first()
    accept_task(other, actor=None)
    request_materials(task(case, other.matter_code), actor=None, message="请上传照片")
    clock(at(2026, 12, 31, 10))
    materials_supplied(task(case, "P02"), reply="已上传")
    case.refresh_from_db()
    assert (case.paused_since, case.pause_reason) == (at(2026, 12, 30, 16), PauseReason.FAMILY)
