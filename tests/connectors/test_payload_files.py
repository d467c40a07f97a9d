"""A department's own system fetches the task's documents by the signed,
short-lived links its payload carries: only that department, only that
task's contract, only until the link expires, each fetch an access event."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from cases.connectors import file_links
from cases.constants import Scenario
from cases.models import AuditEvent, AuditEventKind, CallbackNonce, Dispatch, DispatchEvent
from cases.needs import DocumentKind
from cases.services.tasks import accept_task, request_materials
from tests.cases.helpers import task
from tests.factories import (
    ALL_FLAGS,
    PDF_BYTES,
    CaseDocumentFactory,
    DemoRegistryPersonFactory,
    resident_id,
    submitted_case,
)

from .conftest import run_jobs, wait_for


@pytest.fixture
def case(database_jobs, health_over_http):
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOME, ALL_FLAGS)
    CaseDocumentFactory(case=case, kind=DocumentKind.CARE_HOME_REPORT, label="养老机构死亡报告")
    CaseDocumentFactory(case=case, kind=DocumentKind.CREMATION_RECORD, label="火化记录")
    return case


def link_for(case, document, department=None, *, now=None):
    h01 = task(case, "H01")
    url, _expires = file_links.signed_url(
        department or h01.department, h01.pk, "document", str(document.pk), now=now
    )
    parsed = urlparse(url)
    return parsed.path, {k: v[0] for k, v in parse_qs(parsed.query).items()}


@pytest.mark.django_db
def test_a_signed_link_opens_a_needed_document_and_is_an_access_event(client, case):
    report = case.documents.get(kind=DocumentKind.CARE_HOME_REPORT)
    path, query = link_for(case, report)
    response = client.get(path, query, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(kind=AuditEventKind.FILE_FETCHED)
    assert (event.case, event.subject, event.remote_addr) == (
        case,
        f"document:{report.pk}",
        "10.9.8.7",
    )
    assert event.details["department"] == "health"


@pytest.mark.django_db
def test_a_document_the_matter_does_not_need_is_not_served(client, case):
    record = case.documents.get(kind=DocumentKind.CREMATION_RECORD)  # civil affairs' C02 needs it
    path, query = link_for(case, record)
    assert client.get(path, query).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.FILE_FETCHED).exists()


@pytest.mark.django_db
def test_an_expired_link_is_refused(client, case):
    report = case.documents.get(kind=DocumentKind.CARE_HOME_REPORT)
    path, query = link_for(case, report, now=time.time() - 3600)
    response = client.get(path, query)
    assert (response.status_code, response.json()) == (403, {"error": "the link has expired"})


@pytest.mark.django_db
def test_a_link_changed_to_another_document_is_refused(client, case):
    report = case.documents.get(kind=DocumentKind.CARE_HOME_REPORT)
    _path, query = link_for(case, report)
    other = CaseDocumentFactory(case=case, kind=DocumentKind.CARE_HOME_REPORT)
    h01 = task(case, "H01")
    forged = reverse(
        "connector_file",
        kwargs={"department": "health", "task_id": h01.pk, "kind": "document", "ident": other.pk},
    )
    assert client.get(forged, query).status_code == 403


@pytest.mark.django_db
def test_another_departments_key_opens_nothing(client, case, simulator):
    from cases.models import Department

    Department.objects.filter(code="civil_affairs").update(
        connector="http_json", endpoint_url=simulator.url, shared_secret="c" * 40
    )
    report = case.documents.get(kind=DocumentKind.CARE_HOME_REPORT)
    civil = Department.objects.get(code="civil_affairs")
    path, query = link_for(case, report, department=civil)
    # Signed right for civil affairs, but the task is health's.
    assert client.get(path, query).status_code == 404


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_department_system_fetches_the_documents_in_the_round_trip(
    case, simulator, live_server, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    run_jobs()  # sends H01; the simulator fetches its files, then reports
    wait_for(lambda: CallbackNonce.objects.exists())
    dispatch = Dispatch.objects.get(task__matter_code="H01")
    fetched = simulator.stats()["fetched"][str(dispatch.key)]
    assert [(f["status"], f["bytes"]) for f in fetched] == [(200, len(PDF_BYTES))]
    assert AuditEvent.objects.filter(kind=AuditEventKind.FILE_FETCHED).count() == 1


@pytest.mark.django_db
def test_the_department_system_hears_when_the_family_answers_a_request(case):
    from cases.services.materials import supply_materials

    clerk_actor = None
    h01 = task(case, "H01")
    accept_task(h01, actor=clerk_actor)
    request_materials(task(case, "H01"), actor=clerk_actor, message="请补充病历")
    supply_materials(task(case, "H01"), actor=None, note="病历已上传")
    follow_up = Dispatch.objects.get(task=h01, event=DispatchEvent.MATERIALS)
    assert follow_up.department.code == "health"
