"""A rejected task is never a dead end (issue 16, item 4): the family is
texted why and what to do, answers from the case page, and the department
reopens the task or closes it as not applicable, saying why."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.constants import TaskStatus
from cases.models import CaseDocument
from cases.services import workbench
from tests.factories import PDF_BYTES, applicant_data, citizen, submitted_case
from tests.staff import department_member, staff_login

from .helpers import complete, task

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def rejected(empty_sms_outbox):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(case, "BD01")
    clerk = department_member("health")
    workbench.perform("reject", task(case, "H01"), clerk, {"reason": "死亡时间与病历记录不一致"})
    return task(case, "H01")


def test_the_family_is_texted_why_and_what_they_can_do(rejected, empty_sms_outbox):
    text = empty_sms_outbox[-1]["text"]
    assert empty_sms_outbox[-1]["to"] == PHONE
    assert "死亡时间与病历记录不一致" in text
    assert "办件页面" in text and "12345" in text


def test_the_case_page_offers_an_answer_to_the_rejection(client, rejected):
    client.force_login(citizen(PHONE))
    page = client.get(f"/cases/{rejected.case.reference}/").content.decode()
    assert f"/cases/{rejected.case.reference}/tasks/{rejected.pk}/reply/" in page
    assert "死亡时间与病历记录不一致" in page


def test_the_family_answers_with_a_file_and_the_task_waits_for_the_department(client, rejected):
    client.force_login(citizen(PHONE))
    response = client.post(
        f"/cases/{rejected.case.reference}/tasks/{rejected.pk}/reply/",
        {
            "note": "已上传医院盖章的病历首页",
            "document": SimpleUploadedFile("病历.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert rejected.status == TaskStatus.REJECTED  # the department decides
    assert rejected.family_reply == "已上传医院盖章的病历首页"
    assert CaseDocument.objects.filter(task=rejected).count() == 1


def test_the_department_reopens_it_and_the_clock_starts_again(rejected):
    workbench.perform("reopen", rejected, department_member("health"), {"reason": "家属已补充"})
    rejected.refresh_from_db()
    assert rejected.status == TaskStatus.READY
    assert rejected.due_date is not None


def test_a_supervisor_closes_it_as_not_applicable_with_a_reason(rejected):
    supervisor = department_member("health", supervisor=True)
    workbench.perform("not_applicable", rejected, supervisor, {"reason": "户籍地不在本市"})
    rejected.refresh_from_db()
    assert (rejected.status, rejected.reason) == (TaskStatus.NOT_APPLICABLE, "户籍地不在本市")


def test_the_workbench_offers_reopen_on_a_rejected_task_only(client, rejected):
    staff_login(client, department_member("health"))
    page = client.get(f"/admin/workbench/{rejected.pk}/").content.decode()
    assert 'value="reopen"' in page
    other = submitted_case()
    complete(other, "BD01")
    response = client.get(f"/admin/workbench/{task(other, 'H01').pk}/")
    assert response.status_code == 200
    assert 'value="reject"' in response.content.decode()
    assert 'value="reopen"' not in response.content.decode()
