"""The statistics dashboard and its CSV / Excel export, in the admin."""

import csv
import io

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases.roles import may_see_statistics
from cases.services.statistics import figures_for, rows

from .viewsets import StaffViewSet


class StatisticsViewSet(StaffViewSet):
    name = "statistics"
    icon = "table"
    menu_label = gettext_lazy("Statistics")
    menu_order = 70
    index_url_name = "dashboard"
    allowed = staticmethod(may_see_statistics)

    def dashboard_view(self, request):
        self.require_allowed(request)
        figures = figures_for(request.user)
        peak = max([n for _w, n in figures.weeks] + [1])
        return TemplateResponse(
            request,
            "office/statistics.html",
            {
                "figures": figures,
                "weeks": [(monday, n, round(100 * n / peak)) for monday, n in figures.weeks],
            },
        )

    def export_view(self, request, fmt):
        self.require_allowed(request)
        table = rows(figures_for(request.user))
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            buffer = io.StringIO()
            buffer.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
            csv.writer(buffer).writerows(table)
            response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="statistics-{stamp}.csv"'
            return response
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "事项统计"
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
