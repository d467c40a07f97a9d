"""Each funeral home's monthly claim of the basic services it waived:
prepared from the cases whose waiver was completed that month (Beijing's
month), approved by a supervisor of civil affairs, then locked; exported
to Excel for finance."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from cases.models import BookingStatus, Case, ClaimStatus, DepartmentTask
from cases.services import claims, fees, workbench
from tests.factories import (
    NO_FLAGS,
    AreaFactory,
    BurialBookingFactory,
    FeeListFactory,
    FeeWaiverFactory,
    deceased_data,
    submitted_case,
)
from tests.staff import department_member, staff_login

from .helpers import complete

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def fee_list():
    FeeWaiverFactory(service="cremation")
    FeeWaiverFactory(service="transport")
    return FeeListFactory()


@pytest.fixture
def supervisor():
    return department_member("civil_affairs", supervisor=True)


def waived_case(fee_list, n, at):
    """A case of ``fee_list``'s home whose waiver was completed ``at``."""
    case = submitted_case(deceased=deceased_data(n), flags=NO_FLAGS | {"local_hukou": True})
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    items = {item.name_zh: item.pk for item in fee_list.items.all()}
    chosen = {items["遗体接运"]: 1, items["遗体火化"]: 1, items["小型告别厅"]: 1}
    fees.choose(case, fee_list.home, chosen, actor=None, day=DECEMBER)
    complete(case, "BD01", "H01", "C01", "C02")
    waiver = case.tasks.get(matter_code="C06")
    workbench.perform("complete", waiver, department_member("civil_affairs"), {})
    DepartmentTask.objects.filter(pk=waiver.pk).update(completed_at=at)
    return case


def test_the_claim_holds_the_homes_cases_waived_that_month(fee_list, supervisor):
    first = waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    waived_case(fee_list, 2, datetime.datetime(2026, 12, 20, 10, tzinfo=BEIJING))
    claim = claims.prepare(fee_list.home, DECEMBER, by=supervisor)
    assert claim.total == Decimal("1560.00")  # 2 × (300 transport + 480 cremation)
    line = claim.lines.get(reference=first.display_reference)
    assert line.amount == Decimal("780.00")
    assert {s["name"] for s in line.services} == {"遗体接运", "遗体火化"}  # the room is paid


def test_a_waiver_completed_after_midnight_in_beijing_belongs_to_the_next_month(
    fee_list, supervisor
):
    # 30 November 17:00 UTC is 1 December 01:00 in Beijing.
    waived_case(fee_list, 1, datetime.datetime(2026, 11, 30, 17, tzinfo=datetime.UTC))
    assert claims.prepare(fee_list.home, DECEMBER, by=supervisor).lines.count() == 1
    november = datetime.date(2026, 11, 1)
    assert claims.prepare(fee_list.home, november, by=supervisor).lines.count() == 0


def test_another_homes_cases_are_not_in_the_claim(fee_list, supervisor):
    waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    other = FeeListFactory()
    assert claims.prepare(other.home, DECEMBER, by=supervisor).lines.count() == 0


def test_an_approved_claim_cannot_change(fee_list, supervisor):
    waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    claim = claims.approve(claims.prepare(fee_list.home, DECEMBER, by=supervisor), by=supervisor)
    assert claim.status == ClaimStatus.APPROVED and claim.approved_by == supervisor
    waived_case(fee_list, 2, datetime.datetime(2026, 12, 20, 10, tzinfo=BEIJING))
    with pytest.raises(ValidationError):
        claims.prepare(fee_list.home, DECEMBER, by=supervisor)
    with pytest.raises(ValidationError):
        claims.approve(claim, by=supervisor)
    claim.refresh_from_db()
    assert claim.lines.count() == 1 and claim.total == Decimal("780.00")


def test_an_empty_claim_is_not_approved(fee_list, supervisor):
    claim = claims.prepare(fee_list.home, DECEMBER, by=supervisor)
    with pytest.raises(ValidationError):
        claims.approve(claim, by=supervisor)


def test_only_a_supervisor_of_civil_affairs_prepares_or_approves(fee_list):
    with pytest.raises(PermissionDenied):
        claims.prepare(fee_list.home, DECEMBER, by=department_member("civil_affairs"))
    with pytest.raises(PermissionDenied):
        claims.prepare(fee_list.home, DECEMBER, by=department_member("health", supervisor=True))


def test_finance_gets_the_claim_as_an_excel_file(client, fee_list, supervisor):
    case = waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    staff_login(client, supervisor)
    response = client.post("/admin/waiver_claims/", {"home": fee_list.home.pk, "month": "2026-12"})
    assert response.status_code == 302
    claim = fee_list.home.claims.get()
    client.post(f"/admin/waiver_claims/{claim.pk}/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    workbook = load_workbook(
        io.BytesIO(client.get(f"/admin/waiver_claims/{claim.pk}.xlsx").content)
    )
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[3][0] == case.display_reference and rows[3][3] == 780
    assert rows[-1][0] == "合计" and rows[-1][3] == 780


# The statistics: per home, cases, waived, claimed, the family's average ------


def test_the_statistics_give_each_homes_cases_waivers_claims_and_eco_burials(fee_list, supervisor):
    from cases.services.statistics import figures_for

    waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    second = waived_case(fee_list, 2, datetime.datetime(2026, 12, 4, 10, tzinfo=BEIJING))
    BurialBookingFactory(case=second, status=BookingStatus.CONFIRMED)
    claims.approve(claims.prepare(fee_list.home, DECEMBER, by=supervisor), by=supervisor)
    today = datetime.date(2026, 12, 31)
    (row,) = figures_for(supervisor, DECEMBER, today, today=today).funeral
    assert (row["home"], row["cases"], row["waived"], row["claimed"]) == (
        fee_list.home.name_zh,
        2,
        Decimal("1560.00"),
        Decimal("1560.00"),
    )
    assert row["family_average"] == Decimal("600.00")  # the farewell room, in each
    assert (row["eco_burials"], row["eco_share"]) == (1, 0.5)


def test_other_departments_do_not_see_the_funeral_figures(fee_list):
    from cases.services.statistics import figures_for

    waived_case(fee_list, 1, datetime.datetime(2026, 12, 3, 10, tzinfo=BEIJING))
    health = department_member("health", supervisor=True)
    today = datetime.date(2026, 12, 31)
    assert figures_for(health, DECEMBER, today, today=today).funeral == []
