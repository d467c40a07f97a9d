"""Daily summaries the statistics read instead of every task ever done
(cases.services.daily_figures keeps them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyTaskFigures(models.Model):
    """Tasks completed on one day (Beijing), by department, matter, scenario
    and channel."""

    wagtail_reference_index_ignore = True

    day = models.DateField(_("day"))
    department = models.ForeignKey("cases.Department", on_delete=models.CASCADE, related_name="+")
    matter_code = models.CharField(max_length=10)
    matter_name = models.CharField(max_length=200)
    scenario = models.CharField(max_length=20)
    channel = models.CharField(max_length=20)
    completed = models.PositiveIntegerField()
    on_time = models.PositiveIntegerField()
    # How long they took from ready to done, as a histogram
    # (cases.services.durations): {bucket: count}. Merged over a period it
    # gives the period's percentiles without reading its tasks.
    durations = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "matter_code", "scenario", "channel"],
                name="one_task_summary_per_day_and_kind",
            )
        ]
        # The day alone: the catch-up asks for the last day summarised.
        indexes = [models.Index(fields=["department", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.matter_code}"


class DailyCaseFigures(models.Model):
    """Cases submitted on one day with a task of the department, by scenario
    and channel; with no department, every case (a case has tasks in many
    departments: adding the departments' rows would count it many times)."""

    wagtail_reference_index_ignore = True

    day = models.DateField(_("day"))
    department = models.ForeignKey(
        "cases.Department", on_delete=models.CASCADE, related_name="+", null=True
    )
    scenario = models.CharField(max_length=20)
    channel = models.CharField(max_length=20)
    submitted = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "department", "scenario", "channel"],
                name="one_case_summary_per_day_and_kind",
            )
        ]
        # The day alone: the catch-up asks for the last day summarised.
        indexes = [models.Index(fields=["department", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.scenario} {self.channel}"


class MonthlyDurations(models.Model):
    """A whole month's histograms of how long tasks took, per department and
    matter: the daily rows' added up when the month's days are summarised. A
    period's percentiles read its whole months here and only the days at its
    two ends from the daily rows, so a year reads about as many rows as
    twelve weeks (twelve a matter, not 365)."""

    wagtail_reference_index_ignore = True

    month = models.DateField(_("month"), help_text="Its first day.")
    department = models.ForeignKey("cases.Department", on_delete=models.CASCADE, related_name="+")
    matter_code = models.CharField(max_length=10)
    durations = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "department", "matter_code"],
                name="one_duration_summary_per_month_and_matter",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.matter_code}"
