"""When a department asks for something, the family answers from the case
page with a file, a corrected detail or a note; the task goes back to the clerk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.constants import TaskStatus
from cases.models import CaseDocument
from cases.services.tasks import accept_task, request_materials
from tests.cases.helpers import complete, task
from tests.factories import PDF_BYTES, UserFactory, applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def asked():
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(case, "BD01")
    clerk = UserFactory()
    accept_task(task(case, "H01"), actor=clerk)
    request_materials(task(case, "H01"), actor=clerk, message="请上传病历首页")
    return task(case, "H01")


def url(t):
    return f"/cases/{t.case.reference}/tasks/{t.pk}/reply/"


def test_an_uploaded_file_is_attached_to_the_task_and_the_task_goes_back(family, asked):
    upload = SimpleUploadedFile("病历.pdf", PDF_BYTES, content_type="application/pdf")
    response = family.post(url(asked), {"document": upload, "note": "已上传"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == TaskStatus.IN_PROGRESS
    assert asked.family_reply == "已上传"
    document = CaseDocument.objects.get(task=asked)
    assert document.file.open().read() == PDF_BYTES
    assert document.original_name == "病历.pdf"


def test_a_corrected_detail_changes_the_case(family, asked):
    response = family.post(
        url(asked),
        {"correction_field": "applicant.bank_account", "correction_value": "6222 0212 3476 7890"},
    )
    assert response.status_code == 302
    asked.case.applicant.refresh_from_db()
    assert asked.case.applicant.bank_account == "6222021234767890"


def test_a_wrong_correction_is_explained_and_nothing_changes(family, asked):
    response = family.post(
        url(asked), {"correction_field": "applicant.bank_account", "correction_value": "12"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["correction_value"] == ["银行账号应为12至30位数字。"]
    asked.refresh_from_db()
    assert asked.status == TaskStatus.AWAITING_MATERIALS


def test_an_empty_reply_is_refused_with_a_message(family, asked):
    response = family.post(url(asked), {})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    asked.refresh_from_db()
    assert asked.status == TaskStatus.AWAITING_MATERIALS


def test_a_file_that_is_not_a_document_is_refused(family, asked):
    upload = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = family.post(url(asked), {"document": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["document"]
    assert not CaseDocument.objects.exists()


def test_a_task_not_waiting_for_the_family_cannot_be_answered(family, asked):
    other = task(asked.case, "C01")
    assert family.get(url(other)).status_code == 404


def test_another_family_cannot_answer(client, asked):
    client.force_login(citizen("13800000000"))
    assert client.get(url(asked)).status_code == 404


def test_the_reply_page_of_a_rejected_task_shows_the_departments_reason(family):
    from cases.services.tasks import reject_task

    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(case, "BD01", "H01")
    clerk = UserFactory()
    rejected = reject_task(task(case, "P02"), actor=clerk, reason="户籍不在本市，请补充户口簿首页")
    page = family.get(url(rejected)).content.decode()
    assert "户籍不在本市，请补充户口簿首页" in page
