from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self):
        kind = _("working day") if self.is_workday else _("holiday")
        return f"{self.date:%Y-%m-%d} {kind} {self.name}".strip()
