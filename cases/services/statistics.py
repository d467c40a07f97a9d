"""Figures for supervisors and administrators (部门办事统计分析)."""

import dataclasses
import datetime

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ..constants import OPEN_TASK_STATUSES, Channel, Scenario
from ..models import (
    Case,
    Department,
    DepartmentTask,
    Overpayment,
    Reversal,
)
from ..roles import departments_for
from . import durations
from .daily_figures import (
    catch_up,
    day_range,
    durations_by_row,
    period_case_figures,
    period_durations,
    period_task_figures,
)
from .daily_figures import task_rows as daily_task_rows
from .funeral_figures import funeral_figures, funeral_rows
from .ratings import rating_figures


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
    start: datetime.date
    end: datetime.date
    cases_by_scenario: list
    cases_by_channel: list
    tasks_by_department: list  # (department, completed in the period, open, overdue)
    matters: list  # MatterFigures
    overdue_now: int
    on_time_rate: float | None
    weeks: list  # (monday, cases submitted)
    # Deaths reported in error that the user's departments retracted in the
    # period, and how many of them are undone everywhere.
    reversals_opened: int = 0
    reversals_undone: int = 0
    # 好差评: the period's ratings per department and per matter.
    ratings_by_department: list = dataclasses.field(default_factory=list)
    ratings_by_matter: list = dataclasses.field(default_factory=list)
    # Benefits paid after the death, found in the period: how many, how
    # much, how much deducted inside the case, and how many were found only
    # after the stop (a claw-back letter's cause: the goal is none).
    overpayments: dict = dataclasses.field(default_factory=dict)
    # Per funeral home: cases, waived, claimed, the family's average, eco burials.
    funeral: list = dataclasses.field(default_factory=list)


def default_period(today=None, weeks=12):
    """The last ``weeks`` weeks, from a Monday, to today."""
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return monday - datetime.timedelta(weeks=weeks - 1), today


def figures_for(user, start=None, end=None, today=None):
    """The figures of the user's departments for the days ``start`` to
    ``end`` (the last 12 weeks by default): past days from the daily
    summaries, today counted live, percentiles from the summaries' histograms."""
    today = today or timezone.localdate()
    if start is None or end is None:
        start, end = default_period(today)
    catch_up(today, recheck=False)  # only if the job is behind: reading stays cheap
    departments = list(departments_for(user).values_list("pk", flat=True))
    names = dict(Department.objects.filter(pk__in=departments).values_list("pk", "name_zh"))
    task_rows, spent, case_rows = _period_rows(departments, start, min(end, today), today)

    by_scenario, by_channel, by_week = {}, {}, {}
    for row in case_rows:
        by_scenario[row["scenario"]] = by_scenario.get(row["scenario"], 0) + row["submitted"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["submitted"]
        monday = row["day"] - datetime.timedelta(days=row["day"].weekday())
        by_week[monday] = by_week.get(monday, 0) + row["submitted"]
    completed, on_time, matter_names, done_by_department = {}, {}, {}, {}
    for row in task_rows:
        code = row["matter_code"]
        matter_names[code] = row["matter_name"]
        completed[code] = completed.get(code, 0) + row["completed"]
        on_time[code] = on_time.get(code, 0) + row["on_time"]
        department = row["department_id"]
        done_by_department[department] = done_by_department.get(department, 0) + row["completed"]
    # Percentiles from the summaries' histograms (within one 10 % bucket of
    # the exact ones), so a year costs what a week costs.
    hours = {
        code: (
            _hours(durations.percentile(counts, 50)),
            _hours(durations.percentile(counts, 90)),
        )
        for code, counts in spent.items()
    }
    begin, finish = day_range_of(start, min(end, today))
    reversals = Reversal.objects.filter(
        department_id__in=departments, opened_at__gte=begin, opened_at__lt=finish
    ).aggregate(opened=Count("pk"), undone=Count("pk", filter=Q(completed_at__isnull=False)))
    ratings_by_department, ratings_by_matter = rating_figures(departments, begin, finish)
    overpayments = Overpayment.objects.filter(
        department_id__in=departments, created_at__gte=begin, created_at__lt=finish
    ).aggregate(
        found=Count("pk"),
        after_stop=Count("pk", filter=Q(created_at__gt=F("task__completed_at"))),
        amount=Sum("amount"),
        deducted=Sum("offset"),
    )
    matters = [
        MatterFigures(
            code=code,
            name=matter_names[code],
            completed=completed[code],
            on_time=on_time[code],
            median_hours=hours.get(code, (None, None))[0],
            p90_hours=hours.get(code, (None, None))[1],
        )
        for code in sorted(completed)
    ]
    open_tasks = DepartmentTask.objects.filter(
        department_id__in=departments, status__in=OPEN_TASK_STATUSES
    )
    open_counts = dict(open_tasks.values_list("department_id").annotate(n=Count("pk")).order_by())
    overdue_counts = dict(
        open_tasks.filter(overdue_since__isnull=False)
        .values_list("department_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    shown = sorted(set(done_by_department) | set(open_counts), key=lambda pk: names.get(pk, ""))
    total_completed = sum(m.completed for m in matters)
    mondays = []
    monday = start - datetime.timedelta(days=start.weekday())
    while monday <= end:
        mondays.append(monday)
        monday += datetime.timedelta(weeks=1)
    return Figures(
        start=start,
        end=end,
        cases_by_scenario=[(label, by_scenario.get(value, 0)) for value, label in Scenario.choices],
        cases_by_channel=[(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        tasks_by_department=[
            (
                names.get(pk, ""),
                done_by_department.get(pk, 0),
                open_counts.get(pk, 0),
                overdue_counts.get(pk, 0),
            )
            for pk in shown
        ],
        matters=matters,
        overdue_now=sum(overdue_counts.values()),
        on_time_rate=(sum(m.on_time for m in matters) / total_completed)
        if total_completed
        else None,
        weeks=[(monday, by_week.get(monday, 0)) for monday in mondays],
        reversals_opened=reversals["opened"],
        reversals_undone=reversals["undone"],
        ratings_by_department=ratings_by_department,
        ratings_by_matter=ratings_by_matter,
        overpayments=overpayments,
        funeral=funeral_figures(departments, start, min(end, today)),
    )


def _period_rows(departments, start, end, today):
    """The figures of [start, end], today's counted live: tasks completed
    per department and matter, {matter: histogram} of how long they took,
    and cases submitted by day (a week's Monday, from the summaries),
    scenario and channel."""
    task_rows = period_task_figures(departments, start, end)
    spent = period_durations(departments, start, end)
    every_department = len(departments) == Department.objects.count()
    tasks = DepartmentTask.objects.filter(department_id__in=departments)
    if every_department or len(departments) == 1:
        # A case counted once: the rows of all cases, or of the one department.
        case_rows = period_case_figures(None if every_department else departments[0], start, end)
    else:
        # Several departments but not all: a case with tasks in two of them
        # would be counted twice from their rows, so the period's cases are
        # counted (submitted_at is indexed; the period is bounded).
        last = min(end, today - datetime.timedelta(days=1))
        case_rows = _cases_by_day(tasks, *day_range_of(start, last)) if start <= last else []
    if start <= today <= end:
        # Today is not summarised yet: counted from its own tasks.
        begin, finish = day_range(today)
        for (_, code, _, _), histogram in durations_by_row(tasks, begin, finish).items():
            durations.add(spent.setdefault(code, {}), histogram)
        task_rows += [
            {**row, "matter_name": row["matter_name_zh"]}
            for row in daily_task_rows(tasks, begin, finish)
        ]
        case_rows += _cases_by_day(tasks, begin, finish)
    return task_rows, spent, case_rows


def _cases_by_day(tasks, begin, finish):
    """Distinct cases submitted in [begin, finish) with a task among ``tasks``."""
    cases = Case.objects.filter(
        submitted_at__gte=begin, submitted_at__lt=finish, pk__in=tasks.values("case_id")
    )
    counted = {}
    for submitted_at, scenario, channel in cases.values_list("submitted_at", "scenario", "channel"):
        key = (timezone.localdate(submitted_at), scenario, channel)
        counted[key] = counted.get(key, 0) + 1
    return [
        {"day": day, "scenario": scenario, "channel": channel, "submitted": n}
        for (day, scenario, channel), n in counted.items()
    ]


def day_range_of(start, end):
    return day_range(start)[0], day_range(end)[1]


def _hours(seconds):
    return None if seconds is None else round(seconds / 3600, 1)


def _labelled(pairs):
    return [[str(label), n] for label, n in pairs]


def tables(figures):
    """Every figure of the dashboard, as (title, rows with a header first),
    for the CSV and Excel exports: the same numbers as the page."""
    rate = figures.on_time_rate
    return [
        (
            "总览",
            [
                ["统计期间", "当前逾期事项", "按时办结率"],
                [
                    f"{figures.start.isoformat()} 至 {figures.end.isoformat()}",
                    figures.overdue_now,
                    round(rate, 3) if rate is not None else "",
                ],
            ],
        ),
        ("每周受理", [["周一", "办件数"], *[[m.isoformat(), n] for m, n in figures.weeks]]),
        (
            "按死亡情形",
            [["死亡情形", "办件数"], *[[str(k), n] for k, n in figures.cases_by_scenario]],
        ),
        (
            "按受理渠道",
            [["受理渠道", "办件数"], *[[str(k), n] for k, n in figures.cases_by_channel]],
        ),
        (
            "按部门",
            [
                ["部门", "期间办结", "办理中", "逾期"],
                *[list(row) for row in figures.tasks_by_department],
            ],
        ),
        ("事项统计", rows(figures)),
        (
            "多发待遇",
            [
                ["发现笔数", "金额", "已扣回", "停发后才发现"],
                [
                    figures.overpayments.get("found", 0),
                    figures.overpayments.get("amount") or 0,
                    figures.overpayments.get("deducted") or 0,
                    figures.overpayments.get("after_stop", 0),
                ],
            ],
        ),
        ("殡葬服务", funeral_rows(figures)),
        ("服务评价（按部门）", rating_rows("部门", figures.ratings_by_department)),
        ("服务评价（按事项）", rating_rows("事项", figures.ratings_by_matter)),
    ]


def rating_rows(what, figures):
    """A ratings table, for CSV and Excel."""
    header = [what, "评价数", "平均分(1-5)", "满意率", "差评数"]
    body = [
        [
            f.name,
            f.count,
            f.average if f.average is not None else "",
            round(f.satisfied_rate, 3) if f.satisfied_rate is not None else "",
            f.poor,
        ]
        for f in figures
    ]
    return [header, *body]


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
