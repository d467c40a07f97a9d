"""Each bank answers for itself: accounts or none, the balances by product,
and what it paid without a notary — at most ¥50,000 counted at that bank
alone; over it, that bank pays only through the notary route."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.constants import TaskStatus
from cases.services import workbench
from cases.services.results import result_lines, shown_lines, structured_result
from cases.services.tasks import complete_task
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member, staff_login

from .helpers import complete, declare_sole_heir

pytestmark = pytest.mark.django_db

ACCOUNT = "6222020200112733445"


@pytest.fixture
def two_banks():
    banks = [DepartmentFactory(bank=True, name_zh=name) for name in ("湖州银行", "工商银行")]
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=ALL_FLAGS, banks=[b.code for b in banks]
    )
    case = submitted_case(deceased=deceased_data(1), flags=ALL_FLAGS)
    declare_sole_heir(case, payee_account=ACCOUNT)
    complete(case, "H01", "P02")
    return {t.department.name_zh: t for t in case.tasks.filter(matter_code="B01")}


def answer(task, **kwargs):
    return structured_result(task, account=ACCOUNT if kwargs.get("amount") else "", **kwargs)


def test_a_bank_with_no_account_says_so_and_the_family_reads_it(two_banks):
    task = two_banks["湖州银行"]
    result = answer(task, found=False)
    assert result["bank"] == {"found": False}
    done = complete_task(task, actor=None, result=result)
    (line,) = result_lines([done])
    assert "未发现" in shown_lines([line], english=False)[0]["text"]


def test_the_balances_by_product_and_the_payment_are_kept(two_banks):
    result = answer(
        two_banks["湖州银行"],
        found=True,
        balances={"deposits": Decimal("30000"), "gold": Decimal("5000.50")},
        amount=Decimal("35000.50"),
    )
    assert result["bank"]["total"] == "35000.50" and result["bank"]["notary"] is False
    assert result["amount"] == "35000.50"


def test_the_limit_is_counted_at_each_bank_alone(two_banks):
    for task in two_banks.values():
        result = answer(
            task, found=True, balances={"deposits": Decimal("40000")}, amount=Decimal("40000")
        )
        assert result["amount"] == "40000.00"  # ¥80,000 in all, but ¥40,000 at each


def test_over_50000_at_a_bank_it_pays_only_through_the_notary(two_banks):
    task = two_banks["工商银行"]
    with pytest.raises(ValidationError) as refused:
        answer(task, found=True, balances={"deposits": Decimal("60000")}, amount=Decimal("50000"))
    assert "amount" in refused.value.message_dict
    result = answer(task, found=True, balances={"deposits": Decimal("60000")})
    assert result["bank"]["notary"] is True
    assert "公证" in result["outcome_text"]


def test_more_than_the_bank_holds_is_not_paid(two_banks):
    with pytest.raises(ValidationError):
        answer(
            two_banks["湖州银行"],
            found=True,
            balances={"deposits": Decimal("100")},
            amount=Decimal("200"),
        )


def test_a_bank_must_say_whether_it_holds_accounts(two_banks):
    with pytest.raises(ValidationError) as refused:
        answer(two_banks["湖州银行"])
    assert "found" in refused.value.message_dict


def test_only_a_bank_answers_about_accounts():
    case = submitted_case(flags=ALL_FLAGS)
    with pytest.raises(ValidationError):
        structured_result(case.tasks.get(matter_code="F01"), found=True)


def test_the_bank_clerk_answers_no_account_on_the_workbench(client, two_banks):
    task = two_banks["湖州银行"]
    staff_login(client, department_member(task.department.code))
    url = f"/admin/workbench/{task.pk}/"
    assert 'name="complete-found"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "action": "complete",
            "complete-outcome_text": "存款已查询并办理提取",
            "complete-found": "no",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.result["bank"] == {"found": False}
    assert task.result["outcome_text"] == "未发现逝者在本行的账户"


def test_over_50000_only_that_bank_waits_for_the_notary_then_pays_all(two_banks):
    over, under = two_banks["工商银行"], two_banks["湖州银行"]
    clerk = department_member(over.department.code)
    workbench.perform(
        "complete", over, clerk, {"found": True, "deposits": Decimal("80000"), "account": ""}
    )
    over.refresh_from_db()
    assert over.status == TaskStatus.WAITING and over.pause_reason == "heirs"
    assert over.result["bank"]["total"] == "80000.00"
    notary_task = over.case.tasks.get(matter_code="N01")
    assert notary_task.status == TaskStatus.READY
    under.refresh_from_db()
    assert under.status == TaskStatus.READY  # the other bank goes on
    complete(over.case, "N01")
    over.refresh_from_db()
    assert over.status == TaskStatus.READY
    result = answer(
        over, found=True, balances={"deposits": Decimal("80000")}, amount=Decimal(80000)
    )
    assert result["amount"] == "80000.00" and result["bank"]["notary"] is False
