"""Benefits stopped from the right day: due for the month of the death,
stopped from the month after; what was paid for later months is an
overpayment, what was not yet paid up to the death is owed — worked out
once from the department's paid-through date and monthly amount."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.services.benefits import stop, stopped_from, with_stop
from cases.services.results import result_lines, shown_lines, structured_result
from tests.factories import ALL_FLAGS, submitted_case
from tests.staff import department_member, staff_login

from .helpers import complete, task

DIED = datetime.date(2026, 12, 3)


def test_a_benefit_stops_from_the_first_day_of_the_month_after_the_death():
    assert stopped_from(DIED) == datetime.date(2027, 1, 1)
    assert stopped_from(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 1)
    assert stopped_from(datetime.date(2027, 1, 31)) == datetime.date(2027, 2, 1)


def test_a_pension_paid_through_the_month_after_the_death_is_one_month_overpaid():
    stopped = stop(DIED, datetime.date(2027, 1, 31), Decimal("3200"))
    assert (stopped.months_overpaid, stopped.overpaid) == (1, Decimal("3200.00"))
    assert stopped.owed == 0


def test_paid_through_the_month_of_the_death_is_neither_overpaid_nor_owed():
    stopped = stop(DIED, datetime.date(2026, 12, 31), Decimal("3200"))
    assert (stopped.overpaid, stopped.owed) == (0, 0)


def test_the_month_of_the_death_not_yet_paid_is_owed_to_the_family():
    stopped = stop(DIED, datetime.date(2026, 11, 30), Decimal("850.50"))
    assert (stopped.months_owed, stopped.owed, stopped.overpaid) == (1, Decimal("850.50"), 0)


def test_months_are_counted_across_the_new_year():
    stopped = stop(datetime.date(2026, 11, 20), datetime.date(2027, 2, 28), Decimal("100"))
    assert stopped.months_overpaid == 3  # December, January, February


@pytest.mark.django_db
def test_the_clerk_must_say_up_to_when_and_how_much_for_a_benefit_stop():
    case = submitted_case(flags=ALL_FLAGS)
    with pytest.raises(ValidationError) as refused:
        structured_result(task(case, "C05"))
    assert {"paid_through", "monthly"} <= set(refused.value.message_dict)


@pytest.mark.django_db
def test_a_matter_that_stops_no_benefit_takes_no_dates():
    case = submitted_case(flags=ALL_FLAGS)
    with pytest.raises(ValidationError):
        structured_result(task(case, "P03"), paid_through=datetime.date(2026, 12, 31))


@pytest.mark.django_db
def test_the_result_list_says_from_when_and_what_was_overpaid():
    case = submitted_case(flags=ALL_FLAGS)
    died = timezone.localdate(case.deceased.died_at)
    next_month_end = stopped_from(stopped_from(died)) - datetime.timedelta(days=1)
    result = structured_result(task(case, "C05"), paid_through=next_month_end, monthly=Decimal(200))
    assert result["benefit"]["overpaid"] == "200.00"
    complete(case, "BD01", "H01")
    complete(case, "C05", result=result)
    (line,) = [li for li in result_lines(case.tasks.all()) if li["code"] == "C05"]
    (shown,) = shown_lines([line], english=True)
    assert "200.00" in shown["text"] and stopped_from(died).isoformat() in shown["text"]


@pytest.mark.django_db
def test_a_department_systems_stop_is_worked_out_the_same_way():
    case = submitted_case(flags=ALL_FLAGS)
    c05 = task(case, "C05")
    end = stopped_from(stopped_from(timezone.localdate(case.deceased.died_at)))
    sent = {"outcome": "done", "paid_through": (end - datetime.timedelta(days=1)).isoformat()}
    assert with_stop(c05, {**sent, "monthly": "200"})["benefit"]["overpaid"] == "200.00"
    assert "benefit" not in with_stop(c05, {**sent, "monthly": "two hundred"})
    assert "benefit" not in with_stop(task(case, "P03"), {**sent, "monthly": "200"})


@pytest.mark.django_db
def test_the_clerk_records_the_stop_on_the_workbench(client):
    case = submitted_case(flags=ALL_FLAGS)
    complete(case, "BD01", "H01")
    c05 = task(case, "C05")
    staff_login(client, department_member("civil_affairs"))
    url = f"/admin/workbench/{c05.pk}/"
    assert 'name="complete-paid_through"' in client.get(url).content.decode()
    refused = client.post(url, {"action": "complete", "complete-outcome_text": "已停发"})
    assert refused.status_code == 200 and "发放到哪一天" in refused.content.decode()
    paid_through = stopped_from(timezone.localdate(case.deceased.died_at)) - datetime.timedelta(
        days=1
    )
    done = client.post(
        url,
        {
            "action": "complete",
            "complete-outcome_text": "已停发",
            "complete-paid_through": paid_through.isoformat(),
            "complete-monthly": "200",
        },
    )
    assert done.status_code == 302
    assert task(case, "C05").result["benefit"]["overpaid"] == "0.00"


@pytest.mark.django_db
def test_a_matter_that_stops_no_benefit_shows_no_dates(client):
    case = submitted_case(flags=ALL_FLAGS)
    complete(case, "BD01", "H01")
    staff_login(client, department_member("public_security"))
    page = client.get(f"/admin/workbench/{task(case, 'P03').pk}/").content.decode()
    assert "paid_through" not in page
