"""The statistics' daily summaries: per day (Beijing), department, matter,
scenario and channel, how many tasks were completed and how many on time,
and how many cases were submitted. Past days are read from these rows, so
the dashboard costs the same at a million cases as at a thousand; today is
counted live (a bounded range of an index).

A day's rows are recomputed whole from the tasks (idempotent: running it
twice changes nothing). The scheduled job summarises every day since the
last one summarised — after downtime too — and always the last
``RECHECK_DAYS`` again, for what changed since (a late correction).
"""

import datetime

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from ..constants import TaskStatus
from ..models import Case, DailyCaseFigures, DailyTaskFigures, DepartmentTask, MonthlyDurations
from . import durations

RECHECK_DAYS = 2


def day_range(day):
    """[start, end) of a local day, as aware moments."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _completed(tasks, start, end):
    """The tasks completed in [start, end) that had a clock (were ready)."""
    return tasks.filter(
        status=TaskStatus.COMPLETED,
        completed_at__gte=start,
        completed_at__lt=end,
        ready_at__isnull=False,
    )


def task_rows(tasks, start, end):
    """Completed tasks of [start, end), grouped as the summaries group them."""
    return (
        _completed(tasks, start, end)
        .values(
            "department_id",
            "matter_code",
            "matter_name_zh",
            scenario=F("case__scenario"),
            channel=F("case__channel"),
        )
        .annotate(
            completed=Count("pk"),
            on_time=Count("pk", filter=Q(due_at__isnull=True) | Q(completed_at__lte=F("due_at"))),
        )
        .order_by()
    )


def durations_by_row(tasks, start, end):
    """{(department, matter, scenario, channel): histogram} of the hours from
    ready to done of the tasks of [start, end) (one day: its own rows)."""
    found = {}
    # Unordered: the tasks' default order (by case) made the database sort them.
    for department, code, scenario, channel, ready_at, completed_at in (
        _completed(tasks, start, end)
        .values_list(
            "department_id",
            "matter_code",
            "case__scenario",
            "case__channel",
            "ready_at",
            "completed_at",
        )
        .order_by()
    ):
        key = (department, code, scenario, channel)
        found.setdefault(key, []).append((completed_at - ready_at).total_seconds())
    return {key: durations.histogram(values) for key, values in found.items()}


def row_key(row):
    return (row["department_id"], row["matter_code"], row["scenario"], row["channel"])


def case_rows(tasks, start, end):
    """Cases submitted in [start, end) with a task of each department."""
    return (
        tasks.filter(case__submitted_at__gte=start, case__submitted_at__lt=end)
        .values("department_id", scenario=F("case__scenario"), channel=F("case__channel"))
        .annotate(submitted=Count("case", distinct=True))
        .order_by()
    )


def all_case_rows(start, end):
    """Every case submitted in [start, end), by scenario and channel."""
    return (
        Case.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("scenario", "channel")
        .annotate(submitted=Count("pk"))
        .order_by()
    )


def summarise_day(day):
    """Recompute ``day``'s rows from the tasks."""
    start, end = day_range(day)
    tasks = DepartmentTask.objects.all()
    histograms = durations_by_row(tasks, start, end)
    with transaction.atomic():
        DailyTaskFigures.objects.filter(day=day).delete()
        DailyCaseFigures.objects.filter(day=day).delete()
        DailyTaskFigures.objects.bulk_create(
            [
                DailyTaskFigures(
                    day=day,
                    department_id=row["department_id"],
                    matter_code=row["matter_code"],
                    matter_name=row["matter_name_zh"],
                    scenario=row["scenario"],
                    channel=row["channel"],
                    completed=row["completed"],
                    on_time=row["on_time"],
                    durations=histograms.get(row_key(row), {}),
                )
                for row in task_rows(tasks, start, end)
            ]
        )
        DailyCaseFigures.objects.bulk_create(
            [
                DailyCaseFigures(
                    day=day,
                    department_id=row["department_id"],
                    scenario=row["scenario"],
                    channel=row["channel"],
                    submitted=row["submitted"],
                )
                for row in case_rows(tasks, start, end)
            ]
            + [
                DailyCaseFigures(
                    day=day,
                    department=None,
                    scenario=row["scenario"],
                    channel=row["channel"],
                    submitted=row["submitted"],
                )
                for row in all_case_rows(start, end)
            ]
        )


def catch_up(today=None, recheck=True):
    """Summarise every day up to yesterday not summarised yet, and (the
    scheduled job) the last RECHECK_DAYS again; return how many days were
    summarised."""
    today = today or timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    last = max(
        filter(
            None,
            [
                DailyTaskFigures.objects.aggregate(day=Max("day"))["day"],
                DailyCaseFigures.objects.aggregate(day=Max("day"))["day"],
            ],
        ),
        default=None,
    )
    if last is None:
        first = Case.objects.aggregate(first=Min("submitted_at"))["first"]
        if first is None:
            return 0
        begin = timezone.localdate(first)
    else:
        begin = last - datetime.timedelta(days=RECHECK_DAYS - 1 if recheck else -1)
    days = 0
    months = set()
    day = begin
    while day <= yesterday:
        summarise_day(day)
        months.add(day.replace(day=1))
        day += datetime.timedelta(days=1)
        days += 1
    for month in sorted(months):
        summarise_month(month)
    return days


def next_month(month):
    return (month + datetime.timedelta(days=32)).replace(day=1)


def summarise_month(month):
    """Recompute the month's histograms (``month``: its first day) from its
    days' rows."""
    merged = {}
    for department, code, histogram in DailyTaskFigures.objects.filter(
        day__gte=month, day__lt=next_month(month)
    ).values_list("department_id", "matter_code", "durations"):
        durations.add(merged.setdefault((department, code), {}), histogram)
    with transaction.atomic():
        MonthlyDurations.objects.filter(month=month).delete()
        MonthlyDurations.objects.bulk_create(
            [
                MonthlyDurations(
                    month=month, department_id=department, matter_code=code, durations=histogram
                )
                for (department, code), histogram in merged.items()
            ]
        )


# Reading a period: the rows are added up in the database, so a year returns
# as many rows as a week (one per matter, per week) and the page does the
# same work in Python whatever the period.


def period_task_figures(departments, start, end):
    """Tasks completed in the days [start, end] per department and matter:
    completed, on time, and the matter's name (the last in the alphabet if
    it was renamed in the period)."""
    return list(
        DailyTaskFigures.objects.filter(department_id__in=departments, day__gte=start, day__lte=end)
        .values("department_id", "matter_code")
        .annotate(
            matter_name=Max("matter_name"), completed=Sum("completed"), on_time=Sum("on_time")
        )
        .order_by()
    )


# The histograms' buckets added up per matter, in the database: each
# vendor's own function opens a JSON object into (key, value) rows. {where}
# narrows the rows by day or month.
_DURATIONS_SQL = {
    "postgresql": (
        "SELECT f.matter_code, b.key, SUM(b.value::bigint) FROM {table} f "
        "CROSS JOIN LATERAL jsonb_each_text(f.durations) AS b(key, value) "
        "WHERE f.department_id IN ({departments}) AND ({where}) GROUP BY f.matter_code, b.key"
    ),
    "sqlite": (
        "SELECT f.matter_code, b.key, SUM(b.value) FROM {table} f, json_each(f.durations) AS b "
        "WHERE f.department_id IN ({departments}) AND ({where}) GROUP BY f.matter_code, b.key"
    ),
}


def period_durations(departments, start, end):
    """{matter: histogram} of the tasks completed in the days [start, end]:
    the months wholly inside it from the monthly rows, the days before and
    after them from the daily rows (a year: 12 rows a matter and the days
    of its two ends, at most 60)."""
    if not departments:
        return {}
    # The whole months: from ``first`` (a 1st) up to ``after`` (the 1st after).
    first = start if start.day == 1 else next_month(start)
    day_after = end + datetime.timedelta(days=1)
    after = day_after if day_after.day == 1 else end.replace(day=1)
    merged = {}
    if first < after:  # whole months
        _add_durations(
            merged, MonthlyDurations, departments, "f.month >= %s AND f.month < %s", [first, after]
        )
        _add_durations(
            merged,
            DailyTaskFigures,
            departments,
            "(f.day >= %s AND f.day < %s) OR (f.day >= %s AND f.day <= %s)",
            [start, first, after, end],
        )
    else:
        _add_durations(
            merged, DailyTaskFigures, departments, "f.day >= %s AND f.day <= %s", [start, end]
        )
    return merged


def _add_durations(merged, model, departments, where, params):
    sql = _DURATIONS_SQL[connection.vendor].format(
        table=model._meta.db_table,
        departments=", ".join(["%s"] * len(departments)),
        where=where,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*departments, *params])
        for code, bucket, count in cursor.fetchall():
            durations.add(merged.setdefault(code, {}), {bucket: int(count)})


def period_case_figures(department, start, end):
    """Cases submitted in the days [start, end] with a task of ``department``
    (None: every case), per week (its Monday, as ``day``), scenario and
    channel."""
    return [
        {
            "day": row["week"],
            "scenario": row["scenario"],
            "channel": row["channel"],
            "submitted": row["submitted"],
        }
        for row in DailyCaseFigures.objects.filter(
            department_id=department, day__gte=start, day__lte=end
        )
        .values("scenario", "channel", week=TruncWeek("day"))
        .annotate(submitted=Sum("submitted"))
        .order_by()
    ]
