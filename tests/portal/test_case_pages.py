"""My cases and the case page: only the family sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.constants import Scenario
from tests.cases.helpers import complete, task
from tests.factories import (
    ALL_FLAGS,
    PDF_BYTES,
    CaseDocumentFactory,
    UserFactory,
    applicant_data,
    citizen,
    submitted_case,
)

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def test_my_cases_lists_the_cases_naming_my_number(family):
    mine = submitted_case(applicant=applicant_data(phone=PHONE))
    theirs = submitted_case(applicant=applicant_data(phone="13800000000"))
    page = family.get("/cases/").content.decode()
    assert mine.display_reference in page
    assert theirs.display_reference not in page


def test_a_case_i_submitted_for_another_number_is_mine_too(client):
    user = citizen(PHONE)
    case = submitted_case(applicant=applicant_data(phone="13800000000"), submitted_by=user)
    client.force_login(user)
    assert client.get(f"/cases/{case.reference}/").status_code == 200


def test_another_familys_case_is_not_found_not_forbidden(family):
    theirs = submitted_case(applicant=applicant_data(phone="13800000000"))
    assert family.get(f"/cases/{theirs.reference}/").status_code == 404


def test_an_unknown_or_mistyped_reference_is_not_found(family):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    typo = case.reference[:-1] + ("A" if case.reference[-1] != "A" else "B")
    assert family.get(f"/cases/{typo}/").status_code == 404
    assert family.get("/cases/nonsense/").status_code == 404


def test_the_case_pages_ask_to_sign_in(client):
    case = submitted_case()
    response = client.get(f"/cases/{case.reference}/")
    assert response.status_code == 302
    assert response.url.startswith("/account/login/")


def test_the_case_page_shows_each_task_with_its_state(family):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(case, "BD01")
    response = family.get(f"/cases/{case.reference}/")
    states = {t.matter_code: t.family_state for t in response.context["tasks"]}
    assert states["BD01"] == "done"
    assert states["H01"] == "in_progress"
    assert states["C02"] == "waiting"
    page = response.content.decode()
    assert "出具居民死亡医学证明(推断)书" in page


def test_the_case_page_shows_what_a_department_needs_from_the_family(family):
    from cases.services.tasks import accept_task, request_materials

    case = submitted_case(applicant=applicant_data(phone=PHONE))
    clerk = UserFactory()
    complete(case, "BD01")
    h01 = task(case, "H01")
    accept_task(h01, actor=clerk)
    request_materials(task(case, "H01"), message="请上传病历首页", actor=clerk)
    response = family.get(f"/cases/{case.reference}/")
    assert [t.matter_code for t in response.context["needs_you"]] == ["H01"]
    assert "请上传病历首页" in response.content.decode()


def test_the_case_page_query_count_does_not_grow_with_tasks(family):
    # Both have money matters, so both pages show the heirs' section.
    few = submitted_case(flags={"pension": True}, applicant=applicant_data(phone=PHONE))
    many = submitted_case(Scenario.HOSPITAL, ALL_FLAGS, applicant=applicant_data(phone=PHONE))
    assert many.tasks.count() > few.tasks.count() + 10

    def queries(case):
        with CaptureQueriesContext(connection) as captured:
            assert family.get(f"/cases/{case.reference}/").status_code == 200
        return len(captured)

    assert queries(few) == queries(many)


def test_a_document_downloads_only_for_the_family(family, client):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    document = CaseDocumentFactory(case=case)
    response = family.get(f"/cases/{case.reference}/documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(citizen("13800000000"))
    assert client.get(f"/cases/{case.reference}/documents/{document.pk}/").status_code == 404


# My cases: the deceased and what each case waits on ---------------------------


def test_my_cases_says_what_each_case_waits_on(family):
    from cases.services.tasks import accept_task, request_materials
    from tests.cases.helpers import complete, task
    from tests.factories import UserFactory

    asked = submitted_case(applicant=applicant_data(phone=PHONE))
    complete(asked, "BD01")
    clerk = UserFactory()
    accept_task(task(asked, "H01"), actor=clerk)
    request_materials(task(asked, "H01"), actor=clerk, message="请上传病历首页")
    working = submitted_case(applicant=applicant_data(phone=PHONE))
    page = family.get("/cases/").content.decode()
    mine, theirs = page.split(asked.display_reference)[1], page.split(working.display_reference)[1]
    assert "等待您：1 个事项需要您补充" in mine.split("</li>")[0]
    assert "各部门正在办理" in theirs.split("</li>")[0]
    assert "王五" in page  # the family sees the deceased's name


def test_staff_who_file_for_families_see_the_deceased_masked(client):
    from django.contrib.auth.models import Group

    from cases.constants import StaffRole
    from tests.factories import UserFactory
    from tests.staff import staff_login

    assistant = UserFactory(is_staff=True)
    assistant.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    submitted_case(applicant=applicant_data(phone="13800000000"), submitted_by=assistant)
    staff_login(client, assistant)
    page = client.get("/cases/").content.decode()
    assert "王*" in page and "王五" not in page


def test_my_cases_query_count_does_not_grow_with_cases(family):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert family.get("/cases/").status_code == 200
        return len(captured)

    submitted_case(applicant=applicant_data(phone=PHONE))
    one = queries()
    for _ in range(3):
        submitted_case(applicant=applicant_data(phone=PHONE))
    assert queries() == one
