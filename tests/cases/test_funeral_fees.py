"""The funeral bill from the home's published fee list: prices of the
booking day kept, nothing off the list or at another price, the county's
waiver of basic services computed line by line."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models import Case, FeeItem
from cases.services import fees, workbench
from cases.services.results import result_lines
from tests.factories import (
    NO_FLAGS,
    AreaFactory,
    FeeListFactory,
    FeeWaiverFactory,
    FuneralHomeFactory,
    deceased_data,
    submitted_case,
)
from tests.staff import department_member, staff_login

from .helpers import complete

pytestmark = pytest.mark.django_db

BOOKED = datetime.date(2026, 12, 7)


@pytest.fixture
def fee_list():
    FeeWaiverFactory(service="transport")
    FeeWaiverFactory(service="cremation")
    FeeWaiverFactory(service="cold_storage", up_to=Decimal("300"))
    return FeeListFactory()


@pytest.fixture
def case():
    case = submitted_case()
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    return case


def item(fee_list, name_zh):
    return fee_list.items.get(name_zh=name_zh)


def choose(case, fee_list, day=BOOKED, **quantities):
    chosen = {item(fee_list, name).pk: n for name, n in quantities.items()}
    return fees.choose(case, fee_list.home, chosen, actor=None, day=day)


def test_the_bill_adds_up_with_the_countys_waiver_line_by_line(case, fee_list):
    bill = choose(case, fee_list, 遗体接运=1, 遗体冷藏=5, 遗体火化=1, 小型告别厅=1)
    lines = {line.name_zh: line for line in bill.lines.all()}
    assert (lines["遗体接运"].amount, lines["遗体接运"].waived) == (300, 300)
    # Cold storage: 5 days at ¥100, waived up to ¥300.
    assert (lines["遗体冷藏"].amount, lines["遗体冷藏"].waived) == (500, 300)
    assert lines["小型告别厅"].waived == 0  # optional: never waived
    assert (bill.total, bill.waived, bill.family_pays) == (
        Decimal("1880.00"),
        Decimal("1080.00"),
        Decimal("800.00"),
    )


def test_a_basic_service_the_county_does_not_waive_is_paid(case, fee_list):
    bill = choose(case, fee_list, 骨灰寄存=2)
    assert (bill.total, bill.waived) == (Decimal("200.00"), Decimal("0.00"))


def test_the_bill_keeps_the_prices_of_its_booking_day_when_the_list_changes(case, fee_list):
    choose(case, fee_list, 遗体火化=1)
    next_day = BOOKED + datetime.timedelta(days=1)
    dearer = FeeListFactory(home=fee_list.home, effective_from=next_day, fees__scale="2")
    bill = choose(case, fee_list, next_day, 遗体火化=1, 小型告别厅=1)  # changed the next day
    assert (bill.fee_list, bill.priced_on) == (fee_list, BOOKED)
    assert {line.name_zh: line.unit_price for line in bill.lines.all()}["小型告别厅"] == 600
    later = submitted_case(deceased=deceased_data(2))
    Case.objects.filter(pk=later.pk).update(village=case.village)
    later.refresh_from_db()
    new = fees.choose(
        later, dearer.home, {item(dearer, "小型告别厅").pk: 1}, actor=None, day=next_day
    )
    assert new.total == Decimal("1200.00")


def test_a_service_of_another_list_is_refused(case, fee_list):
    other = FeeListFactory()
    with pytest.raises(ValidationError, match="公布的收费标准"):
        fees.choose(case, fee_list.home, {item(other, "遗体火化").pk: 1}, actor=None, day=BOOKED)


def test_a_quantity_the_unit_does_not_allow_is_refused_in_words(case, fee_list):
    with pytest.raises(ValidationError, match="30"):
        choose(case, fee_list, 遗体冷藏=300)


def test_the_funeral_home_cannot_record_a_service_off_its_list(case, fee_list):
    choose(case, fee_list, 遗体火化=1)
    clerk = department_member("civil_affairs")
    with pytest.raises(ValidationError, match="公布的收费标准"):
        fees.add_service(case, name_zh="豪华灵车", unit_price="2000", quantity=1, by=clerk)


def test_the_funeral_home_cannot_charge_another_price(case, fee_list):
    choose(case, fee_list, 遗体火化=1)
    clerk = department_member("civil_affairs")
    with pytest.raises(ValidationError, match="600"):
        fees.add_service(case, name_zh="小型告别厅", unit_price="800", quantity=1, by=clerk)
    bill = fees.add_service(case, name_zh="小型告别厅", unit_price="600", quantity=1, by=clerk)
    assert bill.total == Decimal("1080.00")


def test_the_services_cannot_change_once_the_funeral_home_completed_the_booking(case, fee_list):
    choose(case, fee_list, 遗体火化=1)
    complete(case, "BD01", "C01")
    with pytest.raises(ValidationError, match="殡仪馆已办结"):
        choose(case, fee_list, 遗体火化=1, 小型告别厅=1)


def test_a_home_without_a_list_in_force_says_so(case):
    home = FuneralHomeFactory()
    FeeListFactory(home=home, effective_from=BOOKED + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="12345"):
        fees.price(home, BOOKED, {})


def test_an_unpublished_draft_is_not_in_force(case):
    draft = FeeListFactory(live=False)
    assert fees.list_in_force(draft.home, BOOKED) is None
    assert FeeItem.objects.filter(fee_list=draft).exists()


# The waiver (C06) is the bill's, settled with the funeral home -----------------


def local_case():
    case = submitted_case(flags=NO_FLAGS | {"local_hukou": True})
    Case.objects.filter(pk=case.pk).update(village=AreaFactory())
    case.refresh_from_db()
    return case


def test_the_waiver_is_taken_from_the_bill_and_nothing_is_paid_to_the_family(fee_list):
    case = local_case()
    choose(case, fee_list, 遗体接运=1, 遗体火化=1, 小型告别厅=1)
    complete(case, "BD01", "H01", "C01", "C02")
    waiver = case.tasks.get(matter_code="C06")
    clerk = department_member("civil_affairs")
    done = workbench.perform("complete", waiver, clerk, {"outcome_text": ""})
    assert done.result["waived"] == "780.00" and "amount" not in done.result
    line = next(x for x in result_lines(case.tasks.all()) if x["code"] == "C06")
    assert line["amount"] == "" and "¥780.00" in line["outcome_zh"]


def test_without_a_bill_the_waiver_is_paid_back_to_the_family_as_before():
    case = local_case()
    complete(case, "BD01", "H01", "C01", "C02")
    waiver = case.tasks.get(matter_code="C06")
    assert fees.waiver_bill(waiver) is None


def test_the_funeral_homes_clerk_adds_a_service_on_the_workbench_at_the_list_price(
    client, case, fee_list
):
    choose(case, fee_list, 遗体火化=1)
    complete(case, "BD01")
    booking = case.tasks.get(matter_code="C01")
    staff_login(client, department_member("civil_affairs"))
    url = f"/admin/workbench/{booking.pk}/"
    page = client.get(url).content.decode()
    assert 'name="add_funeral_service-service"' in page
    assert "1 × ¥480.00 = ¥480.00" in page  # the bill is part of the booking's data
    response = client.post(
        url,
        {
            "action": "add_funeral_service",
            "add_funeral_service-service": "遗体冷藏",
            "add_funeral_service-quantity": "3",
        },
    )
    assert response.status_code == 302
    bill = fees.bill_of(case)
    assert bill.total == Decimal("780.00") and bill.waived == Decimal("780.00")


def test_a_service_added_after_the_booking_was_completed_is_refused(case, fee_list):
    choose(case, fee_list, 遗体火化=1)
    complete(case, "BD01", "C01")
    clerk = department_member("civil_affairs")
    with pytest.raises(ValidationError):
        fees.add_service(case, name_zh="遗体冷藏", unit_price="100", quantity=1, by=clerk)


def test_the_bill_in_one_sentence_for_the_sealed_result_list(case, fee_list):
    bill = choose(case, fee_list, 遗体火化=1, 小型告别厅=1)
    assert fees.bill_sentence(bill) == (
        "遗体火化 × 1 ¥480.00（减免 ¥480.00）；小型告别厅 × 1 ¥600.00（减免 ¥0.00）。"
        "合计 ¥1080.00，减免 ¥480.00，您支付 ¥600.00"
    )


def test_the_sealed_result_list_carries_the_bill(case, fee_list, monkeypatch):
    from cases.pdf import layouts
    from cases.services.result_document import seal_result_list
    from tests.cases.helpers import complete_everything

    rendered = []
    real = layouts.result_list

    def keep_lines(facts, lines, **kwargs):
        rendered.append(lines)
        return real(facts, lines, **kwargs)

    monkeypatch.setattr(layouts, "result_list", keep_lines)
    choose(case, fee_list, 遗体火化=1, 小型告别厅=1)
    complete_everything(case)
    assert seal_result_list(case.pk) is not None
    lines = rendered[-1]
    assert lines[-1][0] == "殡葬服务项目和费用" and "您支付 ¥600.00" in lines[-1][2]
