"""Audit events: each read of a case's personal data by staff is one row,
with who, when, from where and what, and no personal data; rows are never
changed or deleted; administrators list them per case."""

import pytest
from django.contrib.auth.models import Group

from cases.audit_events import WRITE_KINDS, describe, record
from cases.constants import StaffRole
from cases.models import AuditEvent, AuditEventKind, Certificate
from office.audit import PAGE_SIZE
from tests.api.conftest import hotline_agent
from tests.cases.helpers import complete, task
from tests.delegations.helpers import confirm, ready_for_payment
from tests.factories import (
    UserFactory,
    applicant_data,
    deceased_data,
    declared_case,
    resident_id,
    submitted_case,
)
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db

DECEASED_ID = resident_id(33)


@pytest.fixture
def case():
    case = submitted_case(
        deceased=deceased_data(name="王五一", id_number=DECEASED_ID),
        applicant=applicant_data(phone="13912345678"),
    )
    complete(case, "BD01")
    return case


def administrator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    return user


def events_of_the_test():
    """What the test read: the registry look-up and the changes of the case's
    submission aside."""
    return AuditEvent.objects.exclude(kind=AuditEventKind.REGISTRY_LOOKUP).exclude(
        kind__in=WRITE_KINDS
    )


def only_event():
    event = events_of_the_test().get()
    # No name, ID number or phone in what the event keeps.
    kept = f"{event.subject} {event.details}"
    assert "王五一" not in kept and DECEASED_ID not in kept and "13912345678" not in kept
    return event


def test_opening_a_task_is_an_event_with_who_when_and_from_where(client, case):
    clerk = department_member("health")
    staff_login(client, clerk)
    h01 = task(case, "H01")
    client.get(f"/admin/workbench/{h01.pk}/", REMOTE_ADDR="10.1.2.3")
    event = only_event()
    assert (event.kind, event.actor, event.case, event.subject) == (
        AuditEventKind.TASK_OPENED,
        clerk,
        case,
        f"task:{h01.pk}",
    )
    assert event.remote_addr == "10.1.2.3"
    assert event.details == {"matter": "H01"}


def test_downloading_a_certificate_from_the_workbench_is_an_event(client, case):
    complete(case, "H01")
    certificate = Certificate.objects.get(task__matter_code="H01")
    staff_login(client, department_member("health"))
    response = client.get(f"/admin/workbench/{task(case, 'H01').pk}/certificate.pdf")
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditEventKind.CERTIFICATE_DOWNLOADED)
    assert (event.case, event.subject) == (case, f"certificate:{certificate.serial}")


def test_downloading_an_heirs_authorization_is_an_event(client):
    case, declaration = declared_case(heirs=1)
    ready_for_payment(case)
    heir = declaration.delegations.get()
    confirm(heir)
    staff_login(client, department_member("hrss"))
    url = f"/admin/workbench/{task(case, 'R02').pk}/authorizations/{heir.pk}.pdf"
    assert client.get(url).status_code == 200
    event = AuditEvent.objects.get(kind=AuditEventKind.AUTHORIZATION_DOWNLOADED)
    assert (event.case, event.subject) == (case, f"delegation:{heir.pk}")


def test_a_refused_download_is_no_event(client, case):
    staff_login(client, department_member("civil_affairs"))
    assert client.get(f"/admin/workbench/{task(case, 'H01').pk}/certificate.pdf").status_code == 404
    assert not events_of_the_test().exists()


def test_a_hotline_lookup_is_an_event_on_the_case(client, case):
    from cases.services.hotline import look_up

    agent = hotline_agent()
    look_up(agent, caller_phone="13912345678", reference=case.reference, via="console")
    event = only_event()
    assert (event.kind, event.actor, event.case) == (AuditEventKind.HOTLINE_LOOKUP, agent, case)
    assert event.details == {"outcome": "answered", "via": "console"}


def test_a_refused_hotline_lookup_is_an_event_without_a_case(case):
    from cases.services.hotline import LookupRefused, look_up

    with pytest.raises(LookupRefused):
        look_up(
            hotline_agent(), caller_phone="13800000000", reference=case.reference, via="console"
        )
    event = only_event()
    assert event.case is None
    assert event.details["outcome"] == "wrong_caller"


def test_an_event_is_never_changed_or_deleted(case):
    event = record(AuditEventKind.TASK_OPENED, actor=None, case=case, subject="task:1")
    event.subject = "task:2"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(subject="task:3")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).subject == "task:1"


def test_each_event_reads_as_a_sentence(case):
    clerk = department_member("health")
    event = record(AuditEventKind.TASK_OPENED, actor=clerk, case=case, subject="task:7")
    assert describe(event) == f"{clerk.get_username()} 打开了办件任务 task:7"


def test_administrators_list_a_cases_events_and_no_others(client, case):
    other = submitted_case(deceased=deceased_data(n=2))
    record(AuditEventKind.TASK_OPENED, actor=None, case=case, subject="task:mine")
    record(AuditEventKind.TASK_OPENED, actor=None, case=other, subject="task:other")
    staff_login(client, administrator())
    page = client.get("/admin/audit-events/", {"q": case.display_reference}).content.decode()
    assert "task:mine" in page and "task:other" not in page


def test_the_event_list_goes_back_page_by_page(client, case):
    for n in range(PAGE_SIZE + 3):
        record(AuditEventKind.TASK_OPENED, actor=None, case=case, subject=f"task:{n}")
    staff_login(client, administrator())
    first = client.get("/admin/audit-events/")
    assert len(first.context["rows"]) == PAGE_SIZE
    second = client.get("/admin/audit-events/", {"before": first.context["next_cursor"]})
    shown = {row[0].pk for row in first.context["rows"] + second.context["rows"]}
    # The case's submission adds its own: the registry look-up, the submission
    # and the identity check's completion.
    assert len(shown) == AuditEvent.objects.count() == PAGE_SIZE + 6
    assert second.context["next_cursor"] == ""


def test_a_clerk_cannot_list_audit_events(client, case):
    staff_login(client, department_member("health"))
    response = client.get("/admin/audit-events/")
    assert response.status_code in (302, 403)
    assert "task:" not in response.content.decode()
