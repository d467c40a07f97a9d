"""A year's holidays as the State Council's notice gives them, entered once a
year by an administrator: the days off (the statutory days and the days the
notice adds around them) and the make-up working days (weekend days worked
instead). The notice replaces whatever was entered for that year before; every
row is in the audit log with who entered it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..models import CalendarOverride, HolidayNotice
from ..workdays import statutory_holidays


def enter_notice(year, *, title, days_off, workdays, actor):
    """Record the notice for ``year``; return it. Raises ValidationError, and
    changes nothing, when a date is outside the year, is both a day off and a
    working day, or a make-up working day is not a Saturday or Sunday."""
    days_off, workdays = set(days_off), set(workdays)
    errors = {}
    outside = sorted(d for d in days_off | workdays if d.year != year)
    if outside:
        errors["year"] = _("These dates are not in %(year)s: %(dates)s.") % {
            "year": year,
            "dates": "、".join(f"{d:%Y-%m-%d}" for d in outside),
        }
    both = sorted(days_off & workdays)
    if both:
        errors["workdays"] = _("A day cannot be both off and a working day: %(dates)s.") % {
            "dates": "、".join(f"{d:%Y-%m-%d}" for d in both)
        }
    weekdays = sorted(d for d in workdays if d.weekday() < 5)
    if weekdays:
        errors.setdefault(
            "workdays",
            _(
                "A make-up working day is a Saturday or Sunday worked instead of a day off; "
                "these are weekdays already: %(dates)s."
            )
            % {"dates": "、".join(f"{d:%Y-%m-%d}" for d in weekdays)},
        )
    if errors:
        raise ValidationError(errors)
    names = _statutory_names(year)
    with transaction.atomic(), acting_as(actor):
        notice, _created = HolidayNotice.objects.update_or_create(
            year=year,
            defaults={"title": title.strip(), "entered_by": actor},
        )
        for override in CalendarOverride.objects.filter(date__year=year):
            override.delete()  # one by one: each deletion is in the audit log
        for day in sorted(days_off):
            CalendarOverride.objects.create(
                date=day, is_workday=False, name=names.get(day, ""), notice=notice
            )
        for day in sorted(workdays):
            CalendarOverride.objects.create(
                date=day, is_workday=True, name=_("make-up working day"), notice=notice
            )
    return notice


def _statutory_names(year):
    import holidays

    return dict(holidays.country_holidays("CN", years=year, observed=False, language="zh_CN"))


def statutory_days(year):
    """The statutory days off of ``year``, to start the form from."""
    return sorted(statutory_holidays(year))
