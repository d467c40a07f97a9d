"""Clerks open the documents their matter needs on the task page (inline or
as a download); nobody reaches another department's by guessing a URL, and
every opening is an access event."""

import pytest
from django.core.files.base import ContentFile

from cases.models import AuditEvent, AuditEventKind
from cases.needs import DocumentKind
from cases.services.documents import Document
from cases.services.materials import supply_materials
from cases.services.tasks import accept_task, request_materials
from tests.cases.helpers import complete, task
from tests.factories import ALL_FLAGS, PDF_BYTES, PNG_BYTES, CaseDocumentFactory, submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = submitted_case("home", ALL_FLAGS)
    complete(case, "BD01")
    return case


@pytest.fixture
def report(case):
    return CaseDocumentFactory(
        case=case,
        kind=DocumentKind.CARE_HOME_REPORT,
        label="养老机构死亡报告",
        file=ContentFile(PNG_BYTES, name="upload"),
        content_type="image/png",
        size=len(PNG_BYTES),
    )


def url(t, document, inline=False):
    return f"/admin/workbench/{t.pk}/documents/{document.pk}/" + ("?inline=1" if inline else "")


def test_the_health_clerk_sees_the_report_inline_on_the_task_page(client, case, report):
    staff_login(client, department_member("health"))
    h01 = task(case, "H01")
    page = client.get(f"/admin/workbench/{h01.pk}/").content.decode()
    assert f'<img src="{url(h01, report, inline=True)}"' in page
    response = client.get(url(h01, report, inline=True))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_downloading_a_document_is_an_access_event(client, case, report):
    clerk = department_member("health")
    staff_login(client, clerk)
    h01 = task(case, "H01")
    response = client.get(url(h01, report))
    assert "attachment" in response["Content-Disposition"]
    event = AuditEvent.objects.get(kind=AuditEventKind.DOCUMENT_DOWNLOADED)
    assert (event.actor, event.case, event.subject) == (clerk, case, f"document:{report.pk}")
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOCUMENT_VIEWED).exists()


def test_a_preview_in_the_task_page_is_a_view_not_a_download(client, case, report):
    clerk = department_member("health")
    staff_login(client, clerk)
    client.get(url(task(case, "H01"), report, inline=True))
    event = AuditEvent.objects.get(kind=AuditEventKind.DOCUMENT_VIEWED)
    assert (event.actor, event.subject) == (clerk, f"document:{report.pk}")
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOCUMENT_DOWNLOADED).exists()


def test_a_clerk_of_another_department_cannot_fetch_it_by_guessing(client, case, report):
    staff_login(client, department_member("civil_affairs"))
    c01 = task(case, "C01")  # civil affairs' own task of the same case
    assert client.get(url(c01, report)).status_code == 404
    assert client.get(url(task(case, "H01"), report)).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOCUMENT_DOWNLOADED).exists()


def test_a_document_of_another_case_is_not_reachable_through_this_task(client, case):
    other = submitted_case("home", ALL_FLAGS)
    theirs = CaseDocumentFactory(case=other, kind=DocumentKind.CARE_HOME_REPORT)
    staff_login(client, department_member("health"))
    assert client.get(url(task(case, "H01"), theirs)).status_code == 404


def test_the_familys_reply_to_a_request_reaches_the_task_with_its_file(client, case):
    h01 = task(case, "H01")
    accept_task(h01, actor=None)
    request_materials(task(case, "H01"), actor=None, message="请补充病历")
    supply_materials(
        task(case, "H01"),
        actor=None,
        documents=[Document("回复：病历", PDF_BYTES, "病历.pdf", "application/pdf")],
        note="病历已上传",
    )
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{h01.pk}/").content.decode()
    assert "病历已上传" in page and "回复：病历" in page
    reply = case.documents.get(task=h01)
    assert client.get(url(h01, reply)).status_code == 200
    # Another department's task of the case does not carry the reply.
    staff_login(client, department_member("civil_affairs"))
    assert client.get(url(task(case, "C01"), reply)).status_code == 404


def test_the_task_page_does_not_grow_with_documents(client, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff_login(client, department_member("health"))
    h01 = task(case, "H01")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/admin/workbench/{h01.pk}/").status_code == 200
        return len(captured)

    CaseDocumentFactory(case=case, kind=DocumentKind.MEDICAL_RECORDS)
    before = count()
    for _ in range(9):
        CaseDocumentFactory(case=case, kind=DocumentKind.MEDICAL_RECORDS)
    assert count() == before
