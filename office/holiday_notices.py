"""Administrators enter each year's State Council holiday notice in one form:
the days off and the make-up working days, typed as the notice writes them
(2027年2月5日至11日 is a line; so is 2027-02-05..2027-02-11)."""

import datetime
import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import HolidayNotice
from cases.roles import is_administrator
from cases.services.holiday_notices import enter_notice, statutory_days
from cases.workdays import years_missing_schedule

from .viewsets import StaffViewSet

DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
# The end of a range may leave out the year, or the year and month (至11日).
END = r"(?:(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*)?(\d{1,2})\s*日?"
RANGE = re.compile(DATE + r"(?:\s*(?:至|到|~|～|\.\.|—|–)\s*" + END + ")?")


def parse_days(text):
    """Every date the text names, ranges expanded; ValidationError naming a
    part it cannot read."""
    days, rest = set(), text
    for match in RANGE.finditer(text):
        year, month, day, end_year, end_month, end_day = match.groups()
        try:
            start = datetime.date(int(year), int(month), int(day))
            end = start
            if end_day:
                end = datetime.date(int(end_year or year), int(end_month or month), int(end_day))
        except ValueError:
            raise ValidationError(
                _("“%(text)s” is not a real date.") % {"text": match.group(0).strip()}
            ) from None
        if end < start or (end - start).days > 31:
            raise ValidationError(
                _("“%(text)s” is not a range of up to a month.") % {"text": match.group(0)}
            )
        days.update(start + datetime.timedelta(days=n) for n in range((end - start).days + 1))
        rest = rest.replace(match.group(0), " ", 1)
    leftover = re.sub(r"[\s,，、;；]+", " ", rest).strip()
    if leftover:
        raise ValidationError(
            _("Could not read “%(text)s”: write dates like 2027-02-05 or 2027年2月5日至11日.")
            % {"text": leftover[:40]}
        )
    return days


class DaysField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 6})

    def to_python(self, value):
        return parse_days(super().to_python(value) or "")


class NoticeForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("Notice"), max_length=200)
    days_off = DaysField(
        label=gettext_lazy("Days off"),
        help_text=gettext_lazy(
            "Every day off the notice lists, the statutory days included; one date or "
            "range per line."
        ),
    )
    workdays = DaysField(
        label=gettext_lazy("Make-up working days"),
        required=False,
        help_text=gettext_lazy("The Saturdays and Sundays the notice makes working days."),
    )


class HolidayNoticeViewSet(StaffViewSet):
    name = "holiday_notices"
    url_prefix = "holiday-notices"
    icon = "date"
    menu_label = gettext_lazy("Holiday notices")
    menu_order = 930
    allowed = staticmethod(is_administrator)

    def index_view(self, request):
        self.require_allowed(request)
        missing = years_missing_schedule(timezone.localdate())
        if request.method == "POST":
            form = NoticeForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    enter_notice(
                        data["year"],
                        title=data["title"],
                        days_off=data["days_off"],
                        workdays=data["workdays"],
                        actor=request.user,
                    )
                except ValidationError as exc:
                    for field, problems in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                else:
                    messages.success(
                        request,
                        _("The holidays of %(year)s are entered; due dates count them now.")
                        % {"year": data["year"]},
                    )
                    return redirect(f"{self.name}:index")
        else:
            form = NoticeForm(initial=self._initial(request, missing))
        return TemplateResponse(
            request,
            "office/holiday_notices.html",
            {
                "form": form,
                "notices": HolidayNotice.objects.prefetch_related("days"),
                "missing": missing,
            },
        )

    @staticmethod
    def _initial(request, missing):
        year = request.GET.get("year", "")
        year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
        year = year or (missing[0] if missing else timezone.localdate().year + 1)
        return {
            "year": year,
            "title": f"国务院办公厅关于{year}年部分节假日安排的通知",
            "days_off": "\n".join(f"{day:%Y-%m-%d}" for day in statutory_days(year)),
        }

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]


holiday_notice_viewset = HolidayNoticeViewSet()
