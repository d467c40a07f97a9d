"""Figures for supervisors and administrators (部门办事统计分析)."""

import dataclasses
import datetime
import statistics as stats

from django.db.models import Count, Q
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES, Channel, Scenario, TaskStatus
from ..models import Case, DepartmentTask
from ..roles import departments_for


@dataclasses.dataclass
class MatterFigures:
    code: str
    name: str
    completed: int
    on_time: int
    median_hours: float | None
    p90_hours: float | None

    @property
    def on_time_rate(self):
        return self.on_time / self.completed if self.completed else None


@dataclasses.dataclass
class Figures:
    cases_by_scenario: list
    cases_by_channel: list
    tasks_by_department: list  # (department, total, open, overdue)
    matters: list  # MatterFigures
    overdue_now: int
    on_time_rate: float | None
    weeks: list  # (monday, cases submitted)


def figures_for(user, today=None, weeks=12):
    today = today or timezone.localdate()
    departments = departments_for(user)
    tasks = DepartmentTask.objects.filter(department__in=departments)
    cases = Case.objects.filter(pk__in=tasks.values("case"))

    by_scenario = dict(cases.values_list("scenario").annotate(n=Count("pk")))
    by_channel = dict(cases.values_list("channel").annotate(n=Count("pk")))
    per_department = (
        tasks.values("department__name_zh")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status__in=OPEN_TASK_STATUSES)),
            overdue=Count(
                "pk", filter=Q(status__in=OPEN_TASK_STATUSES, overdue_since__isnull=False)
            ),
        )
        .order_by("department__name_zh")
    )
    completed = tasks.filter(
        status=TaskStatus.COMPLETED, ready_at__isnull=False, completed_at__isnull=False
    ).values_list("matter_code", "matter_name_zh", "ready_at", "completed_at", "due_at")
    durations, on_time, names = {}, {}, {}
    for code, name, ready_at, completed_at, due_at in completed:
        names[code] = name
        durations.setdefault(code, []).append((completed_at - ready_at).total_seconds() / 3600)
        in_time = due_at is None or completed_at <= due_at
        on_time[code] = on_time.get(code, 0) + (1 if in_time else 0)
    matters = [
        MatterFigures(
            code=code,
            name=names[code],
            completed=len(hours),
            on_time=on_time[code],
            median_hours=round(stats.median(hours), 1),
            p90_hours=round(_percentile(hours, 90), 1),
        )
        for code, hours in sorted(durations.items())
    ]
    total_completed = sum(m.completed for m in matters)
    monday = today - datetime.timedelta(days=today.weekday())
    starts = [monday - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    submitted = [
        timezone.localdate(s)
        for s in cases.filter(submitted_at__gte=since).values_list("submitted_at", flat=True)
    ]
    trend = [
        (start, sum(1 for d in submitted if start <= d < start + datetime.timedelta(days=7)))
        for start in starts
    ]
    return Figures(
        cases_by_scenario=[(label, by_scenario.get(value, 0)) for value, label in Scenario.choices],
        cases_by_channel=[(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        tasks_by_department=[
            (row["department__name_zh"], row["total"], row["open"], row["overdue"])
            for row in per_department
        ],
        matters=matters,
        overdue_now=tasks.filter(
            status__in=OPEN_TASK_STATUSES, overdue_since__isnull=False
        ).count(),
        on_time_rate=(sum(m.on_time for m in matters) / total_completed)
        if total_completed
        else None,
        weeks=trend,
    )


def _percentile(values, percent):
    """Nearest-rank percentile: the smallest value with ``percent``% at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-percent * len(ordered) // 100))  # ceiling
    return ordered[rank - 1]


def rows(figures):
    """The per-matter table, for CSV and Excel."""
    header = [
        "事项编码",
        "事项",
        "办结数",
        "按时办结",
        "按时率",
        "中位办理时长(小时)",
        "90分位(小时)",
    ]
    body = [
        [
            m.code,
            m.name,
            m.completed,
            m.on_time,
            round(m.on_time_rate, 3) if m.on_time_rate is not None else "",
            m.median_hours,
            m.p90_hours,
        ]
        for m in figures.matters
    ]
    return [header, *body]
