"""The family asks the banks for the transactions before the death on the
case page, and downloads each bank's statement there; each download is an
access event, and nobody else's."""

from decimal import Decimal

import pytest

from cases.models import AuditEvent, AuditEventKind
from cases.services import statements, workbench
from tests.cases.helpers import complete, declare_sole_heir
from tests.factories import (
    ALL_FLAGS,
    DemoRegistryPersonFactory,
    DepartmentFactory,
    citizen,
    deceased_data,
    resident_id,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def deposit():
    bank = DepartmentFactory(bank=True, name_zh="湖州银行")
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=ALL_FLAGS, banks=[bank.code]
    )
    case = submitted_case(deceased=deceased_data(1), flags=ALL_FLAGS)
    declare_sole_heir(case)
    complete(case, "H01", "P02")
    return case.tasks.get(matter_code="B01")


def sent(task):
    clerk = department_member(task.department.code)
    data = {"found": True, "deposits": Decimal("12000"), "account": "", "statement": PDF}
    workbench.perform("complete", task, clerk, data)
    return task.statements.get()


def test_the_family_asks_the_banks_on_the_case_page(family, deposit):
    url = f"/cases/{deposit.case.reference}/"
    page = family.get(url).content.decode()
    assert f"{url}statements/" in page and "向银行申请" in page
    assert family.post(f"{url}statements/").status_code == 302
    deposit.case.refresh_from_db()
    assert deposit.case.statements_requested_at is not None
    page = family.get(url).content.decode()
    assert "湖州银行" in page and "随答复一并提供" in page


def test_asking_needs_a_post(family, deposit):
    assert family.get(f"/cases/{deposit.case.reference}/statements/").status_code == 405


def test_the_family_downloads_the_statement_and_the_read_is_recorded(family, deposit):
    statements.request(deposit.case, actor=None)
    statement = sent(deposit)
    url = f"/statements/{statement.pk}.pdf"
    assert url in family.get(f"/cases/{deposit.case.reference}/").content.decode()
    response = family.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    event = AuditEvent.objects.get(kind=AuditEventKind.STATEMENT_DOWNLOADED)
    assert event.case_id == deposit.case_id and event.subject == f"statement:{statement.pk}"


def test_another_family_cannot_download_it(client, deposit):
    statements.request(deposit.case, actor=None)
    statement = sent(deposit)
    client.force_login(citizen("13800000000"))
    url = f"/statements/{statement.pk}.pdf"
    assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.STATEMENT_DOWNLOADED).exists()
