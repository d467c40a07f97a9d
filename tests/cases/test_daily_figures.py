"""The statistics' daily summaries equal what the tasks say, after a
catch-up and after changes; a day missed is summarised when the job runs
again."""

import datetime

import pytest
from django.utils import timezone

from cases.models import (
    DailyCaseFigures,
    DailyTaskFigures,
    Department,
    DepartmentTask,
    MonthlyDurations,
)
from cases.scheduling import run_due_jobs
from cases.services import durations
from cases.services.daily_figures import catch_up, period_durations
from cases.services.durations import bucket_of
from cases.services.statistics import figures_for
from tests.cases.helpers import complete
from tests.factories import UserFactory, submitted_case

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
MONDAY = datetime.datetime(2026, 11, 23, 9, tzinfo=TZ)


def c01_figures(user, **period):
    figures = figures_for(user, **period)
    return next((m.completed, m.on_time) for m in figures.matters if m.code == "C01")


def rows_on(day):
    return sorted(
        DailyTaskFigures.objects.filter(day=day).values_list(
            "department__code", "matter_code", "scenario", "channel", "completed", "on_time"
        )
    )


@pytest.fixture
def week(time_machine):
    """Monday: three hospital cases; C01 done Monday, Tuesday and Thursday
    (the last one late)."""
    time_machine.move_to(MONDAY, tick=False)
    cases = [submitted_case() for _ in range(3)]
    for case in cases:
        complete(case, "BD01")
    for case, hours in zip(cases, (2, 26, 74), strict=True):
        time_machine.move_to(MONDAY + datetime.timedelta(hours=hours), tick=False)
        complete(case, "C01")
    return cases


@pytest.fixture
def administrator():
    return UserFactory(is_staff=True, superuser=True)


def test_the_summaries_equal_the_tasks_after_a_catch_up(week, administrator, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(days=7), tick=False)
    assert catch_up() == 7  # Monday to Sunday
    assert rows_on(datetime.date(2026, 11, 23)) == [
        ("big_data", "BD01", "hospital", "web", 3, 3),
        ("civil_affairs", "C01", "hospital", "web", 1, 1),
    ]
    assert rows_on(datetime.date(2026, 11, 26)) == [
        ("civil_affairs", "C01", "hospital", "web", 1, 0)
    ]
    assert c01_figures(administrator) == (3, 2)
    assert (
        DailyCaseFigures.objects.get(day=datetime.date(2026, 11, 23), department=None).submitted
        == 3
    )


def test_running_it_again_changes_nothing(week, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(days=7), tick=False)
    catch_up()
    before = list(DailyTaskFigures.objects.order_by("pk").values_list("day", "completed"))
    catch_up()
    after = list(DailyTaskFigures.objects.order_by("pk").values_list("day", "completed"))
    assert sorted(before) == sorted(after)


def test_today_is_counted_live_before_it_is_summarised(week, administrator, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(hours=80), tick=False)  # Thursday
    assert c01_figures(administrator) == (3, 2)
    assert not DailyTaskFigures.objects.filter(day=datetime.date(2026, 11, 26)).exists()


def test_a_change_to_a_recent_day_is_summarised_again(week, administrator, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(days=4), tick=False)  # Friday
    catch_up()
    # A clerk finishes a task on Friday; the next day's run sees Friday.
    more = submitted_case()
    complete(more, "BD01", "C01")
    time_machine.move_to(MONDAY + datetime.timedelta(days=5), tick=False)
    catch_up()
    assert c01_figures(administrator) == (4, 3)


def test_a_missed_week_is_caught_up_when_the_job_runs_again(week, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(days=1), tick=False)
    run_due_jobs()
    assert set(DailyTaskFigures.objects.values_list("day", flat=True)) == {
        datetime.date(2026, 11, 23)
    }
    time_machine.move_to(MONDAY + datetime.timedelta(days=9), tick=False)  # the job was down
    assert run_due_jobs()["summarise_statistics"].endswith("days summarised")
    assert datetime.date(2026, 11, 26) in set(
        DailyTaskFigures.objects.values_list("day", flat=True)
    )


def test_a_supervisor_of_two_departments_counts_each_case_once(week, time_machine):
    time_machine.move_to(MONDAY + datetime.timedelta(days=7), tick=False)
    supervisor = UserFactory(is_staff=True)
    for code in ("civil_affairs", "health"):
        supervisor.groups.add(Department.objects.get(code=code).supervisor_group)
    figures = figures_for(supervisor)
    assert dict(figures.cases_by_scenario)["在医院内去世"] == 3


def test_the_dashboard_reads_summaries_not_every_task(client, week, administrator, time_machine):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.staff import staff_login

    time_machine.move_to(MONDAY + datetime.timedelta(days=7), tick=False)
    staff_login(client, administrator)
    client.get("/admin/statistics/")  # catches up

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/statistics/").status_code == 200
        return len(captured)

    before = queries()
    for _ in range(3):
        more = submitted_case()
        complete(more, "BD01", "C01")
    assert queries() == before


def test_a_period_of_weeks_adds_up_its_summaries_to_what_the_tasks_say(administrator, time_machine):
    """Cases on three Mondays, C01 done after different hours: the weeks'
    counts from the summaries, and the period's percentiles from the summed
    histograms, are those of the tasks (in the bucket of the exact one); a
    period starting mid-week counts only its own days of that week."""

    hours = {0: (1, 3), 1: (5, 30, 7), 2: (100,)}  # week → C01's hours, one case each
    for week, spans in hours.items():
        monday = MONDAY + datetime.timedelta(weeks=week)
        for span in spans:
            time_machine.move_to(monday, tick=False)
            case = submitted_case()
            complete(case, "BD01")
            time_machine.move_to(monday + datetime.timedelta(hours=span), tick=False)
            complete(case, "C01")
    time_machine.move_to(MONDAY + datetime.timedelta(weeks=4), tick=False)
    catch_up()
    start, end = datetime.date(2026, 11, 23), datetime.date(2026, 12, 20)
    figures = figures_for(administrator, start=start, end=end)

    assert figures.weeks == [
        (datetime.date(2026, 11, 23), 2),
        (datetime.date(2026, 11, 30), 3),
        (datetime.date(2026, 12, 7), 1),
        (datetime.date(2026, 12, 14), 0),
    ]
    spent = sorted(
        (task.completed_at - task.ready_at).total_seconds()
        for task in DepartmentTask.objects.filter(matter_code="C01", status="completed")
    )
    c01 = next(m for m in figures.matters if m.code == "C01")
    assert c01.completed == 6
    assert bucket_of(c01.median_hours * 3600) == bucket_of(spent[2])  # nearest rank of 6
    assert bucket_of(c01.p90_hours * 3600) == bucket_of(spent[5])
    # From Tuesday of the first week: its Monday's two cases are not in it.
    later = figures_for(administrator, start=datetime.date(2026, 11, 24), end=end)
    assert later.weeks[0] == (datetime.date(2026, 11, 23), 0)
    assert dict(later.cases_by_scenario)["在医院内去世"] == 4


@pytest.fixture
def three_months(time_machine):
    """C01 done on days of October, November and December, after 1 to 90
    hours; summarised on 10 December."""
    days_and_hours = [
        (datetime.date(2026, 10, 12), 1),
        (datetime.date(2026, 10, 26), 3),
        (datetime.date(2026, 11, 2), 5),
        (datetime.date(2026, 11, 16), 30),
        (datetime.date(2026, 11, 30), 7),
        (datetime.date(2026, 12, 2), 90),
    ]
    for day, hours in days_and_hours:
        moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=TZ)
        time_machine.move_to(moment, tick=False)
        case = submitted_case()
        complete(case, "BD01")
        time_machine.move_to(moment + datetime.timedelta(hours=hours), tick=False)
        complete(case, "C01")
    time_machine.move_to(datetime.datetime(2026, 12, 10, 9, tzinfo=TZ), tick=False)
    catch_up()


def day_by_day(start, end):
    """{matter: histogram} of [start, end] added up from the daily rows alone."""

    merged = {}
    for code, histogram in DailyTaskFigures.objects.filter(
        day__gte=start, day__lte=end
    ).values_list("matter_code", "durations"):
        durations.add(merged.setdefault(code, {}), histogram)
    return merged


@pytest.mark.parametrize(
    "start,end",
    [
        (datetime.date(2026, 10, 20), datetime.date(2026, 12, 5)),  # November whole
        (datetime.date(2026, 10, 1), datetime.date(2026, 11, 30)),  # two whole months
        (datetime.date(2026, 11, 3), datetime.date(2026, 11, 29)),  # inside one month
        (datetime.date(2026, 9, 1), datetime.date(2026, 12, 9)),  # more than the data
    ],
)
def test_a_periods_histograms_are_its_days_whether_read_by_month_or_by_day(
    three_months, start, end
):

    departments = list(Department.objects.values_list("pk", flat=True))
    assert period_durations(departments, start, end) == day_by_day(start, end)
    assert period_durations(departments, start, end)  # something was done in each


def test_a_month_is_kept_whole_once_its_days_are_summarised(three_months):

    november = MonthlyDurations.objects.get(
        month=datetime.date(2026, 11, 1), matter_code="C01"
    ).durations
    assert november == day_by_day(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))["C01"]
    assert sum(november.values()) == 3


def test_a_day_summarised_again_changes_its_month(three_months, time_machine):

    time_machine.move_to(datetime.datetime(2026, 12, 9, 10, tzinfo=TZ), tick=False)
    late = submitted_case()
    complete(late, "BD01", "C01")  # on 9 December, summarised already
    time_machine.move_to(datetime.datetime(2026, 12, 10, 10, tzinfo=TZ), tick=False)
    catch_up()  # the job looks at the last days again
    december = MonthlyDurations.objects.get(month=datetime.date(2026, 12, 1), matter_code="C01")
    assert sum(december.durations.values()) == 2
