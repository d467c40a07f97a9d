from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayNotice(models.Model):
    """A year's holiday schedule as the State Council published it (国务院办公厅
    关于部分节假日安排的通知), entered by an administrator in one form: its
    days off and make-up working days are that year's ``CalendarOverride``s.
    A year with a notice is known; one without counts the statutory days of
    the ``holidays`` package and weekends, and the admin says so."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("notice"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")

    def __str__(self):
        return f"{self.year} {self.title}"


class CalendarOverride(models.Model):
    """A day whose status the official schedule decides differently from the
    ``chinesecalendar`` package, or that the package does not know yet (each
    December the State Council publishes next year's holidays and make-up
    workdays; an administrator enters them here before the package catches up)."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(
        _("is a working day"),
        help_text=_("Tick for a make-up working day; leave empty for a public holiday."),
    )
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("e.g. 春节"))
    notice = models.ForeignKey(
        HolidayNotice, on_delete=models.CASCADE, null=True, blank=True, related_name="days"
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self):
        kind = _("working day") if self.is_workday else _("holiday")
        return f"{self.date:%Y-%m-%d} {kind} {self.name}".strip()
