"""The statistics dashboard and its CSV / Excel export, in the admin."""

import csv
import io

from django import forms
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.roles import may_see_statistics
from cases.services.statistics import default_period, figures_for, tables

from .viewsets import StaffViewSet


class PeriodForm(forms.Form):
    """The days the dashboard counts; the last 12 weeks unless chosen."""

    start = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @classmethod
    def for_request(cls, request):
        form = cls(request.GET or None)
        form.is_valid()
        return form

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(gettext_lazy("The period ends before it begins."))
        return data

    def period(self):
        default_start, default_end = default_period()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("start") or default_start, data.get("end") or default_end


class StatisticsViewSet(StaffViewSet):
    name = "statistics"
    icon = "table"
    menu_label = gettext_lazy("Statistics")
    menu_order = 70
    index_url_name = "dashboard"
    allowed = staticmethod(may_see_statistics)

    def dashboard_view(self, request):
        self.require_allowed(request)
        period = PeriodForm.for_request(request)
        figures = figures_for(request.user, *period.period())
        peak = max([n for _w, n in figures.weeks] + [1])
        return TemplateResponse(
            request,
            "office/statistics.html",
            {
                "figures": figures,
                "period": period,
                "query": request.GET.urlencode(),
                "weeks": [(monday, n, round(100 * n / peak)) for monday, n in figures.weeks],
                "rating_tables": [
                    (_("Satisfaction by department"), figures.ratings_by_department),
                    (_("Satisfaction by matter"), figures.ratings_by_matter),
                ],
            },
        )

    def export_view(self, request, fmt):
        self.require_allowed(request)
        figures = figures_for(request.user, *PeriodForm.for_request(request).period())
        sections = tables(figures)
        stamp = f"{figures.start.isoformat()}_{figures.end.isoformat()}"
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
            writer = csv.writer(buffer)
            for title, table in sections:
                writer.writerow([title])
                writer.writerows(table)
                writer.writerow([])
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="statistics-{stamp}.csv"'
            return response
        from openpyxl import Workbook

        book = Workbook()
        book.remove(book.active)
        for title, table in sections:
            sheet = book.create_sheet(title)
            for row in table:
                sheet.append(row)
        output = io.BytesIO()
        book.save(output)
        response = HttpResponse(
            output.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="statistics-{stamp}.xlsx"'
        return response

    def get_urlpatterns(self):
        return [
            path("", self.dashboard_view, name="dashboard"),
            path("export.<str:fmt>", self.export_view, name="export"),
        ]


statistics_viewset = StatisticsViewSet()
