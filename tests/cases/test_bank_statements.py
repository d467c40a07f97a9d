"""On the heirs' request each bank that holds accounts sends the
transactions of the 6 months before the death as a PDF with its answer: it
cannot complete without it, the file is encrypted at rest, and a bank that
answered before the request is not asked."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.constants import TaskStatus
from cases.models import AuditEvent, AuditEventKind, BankStatement
from cases.services import statements, workbench
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

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def banks():
    """A case with two banks to answer, the heirs' consent given."""
    banks = [DepartmentFactory(bank=True, name_zh=name) for name in ("湖州银行", "工商银行")]
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=ALL_FLAGS, banks=[b.code for b in banks]
    )
    case = submitted_case(deceased=deceased_data(1), flags=ALL_FLAGS)
    declare_sole_heir(case)
    complete(case, "H01", "P02")
    return {t.department.name_zh: t for t in case.tasks.filter(matter_code="B01")}


def answer_with_accounts(task, statement=None):
    clerk = department_member(task.department.code)
    data = {"found": True, "deposits": Decimal("12000"), "account": ""}
    if statement is not None:
        data["statement"] = statement
    return workbench.perform("complete", task, clerk, data)


def test_the_statement_covers_the_6_months_up_to_the_day_of_the_death():
    died = datetime.datetime(2026, 8, 31, 1, 30, tzinfo=BEIJING)  # 30 Aug in UTC
    case = submitted_case(deceased=deceased_data(died_at=died))
    assert statements.period(case) == (datetime.date(2026, 2, 28), datetime.date(2026, 8, 31))


def test_a_bank_asked_and_holding_accounts_cannot_answer_without_the_statement(banks):
    task = banks["湖州银行"]
    statements.request(task.case, actor=None)
    with pytest.raises(ValidationError) as refused:
        answer_with_accounts(task)
    assert "statement" in refused.value.message_dict
    task.refresh_from_db()
    assert task.status == TaskStatus.READY


def test_the_statement_sent_with_the_answer_is_kept_encrypted(banks):
    task = banks["湖州银行"]
    statements.request(task.case, actor=None)
    answer_with_accounts(task, statement=PDF)
    statement = BankStatement.objects.get(task=task)
    with statement.file.storage.open(statement.file.name) as stored:
        assert stored.read() == PDF
    on_disk = statement.file.storage.path(statement.file.name)
    with open(on_disk, "rb") as raw:
        assert not raw.read().startswith(b"%PDF")
    assert statement.period_end == task.case.death_day
    assert AuditEvent.objects.filter(kind=AuditEventKind.STATEMENT_SENT).count() == 1


def test_a_bank_with_no_account_answers_without_a_statement(banks):
    task = banks["湖州银行"]
    statements.request(task.case, actor=None)
    clerk = department_member(task.department.code)
    done = workbench.perform("complete", task, clerk, {"found": False})
    assert done.status == TaskStatus.COMPLETED
    (row, _other) = sorted(
        statements.for_family(task.case), key=lambda r: r["bank"].name_zh != "湖州银行"
    )
    assert row["state"] == "no_account"


def test_without_a_request_a_bank_answers_without_a_statement(banks):
    done = answer_with_accounts(banks["湖州银行"])
    assert done.status == TaskStatus.COMPLETED and not BankStatement.objects.exists()


def test_a_bank_that_answered_before_the_request_is_not_asked(banks):
    answer_with_accounts(banks["湖州银行"])
    case = statements.request(banks["工商银行"].case, actor=None)
    states = {row["bank"].name_zh: row["state"] for row in statements.for_family(case)}
    assert states == {"湖州银行": "not_asked", "工商银行": "coming"}


def test_once_every_bank_answered_the_request_is_refused_in_words(banks):
    for task in banks.values():
        answer_with_accounts(task)
    case = banks["湖州银行"].case
    assert not statements.may_request(case)
    with pytest.raises(ValidationError, match="12345"):
        statements.request(case, actor=None)


def test_the_clerk_attaches_the_pdf_on_the_workbench(client, banks):
    task = banks["湖州银行"]
    statements.request(task.case, actor=None)
    staff_login(client, department_member(task.department.code))
    url = f"/admin/workbench/{task.pk}/"
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="complete-statement"' in page
    response = client.post(
        url,
        {
            "action": "complete",
            "complete-found": "yes",
            "complete-deposits": "12000",
            "complete-statement": SimpleUploadedFile("明细.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.COMPLETED
    assert BankStatement.objects.filter(task=task).exists()


def test_a_file_that_is_not_a_pdf_is_refused_and_nothing_is_completed(client, banks):
    task = banks["湖州银行"]
    statements.request(task.case, actor=None)
    staff_login(client, department_member(task.department.code))
    response = client.post(
        f"/admin/workbench/{task.pk}/",
        {
            "action": "complete",
            "complete-found": "yes",
            "complete-deposits": "12000",
            "complete-statement": SimpleUploadedFile(
                "明细.pdf", b"PK\x03\x04zip", "application/pdf"
            ),
        },
    )
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.READY and not BankStatement.objects.exists()
