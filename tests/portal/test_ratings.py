"""好差评 on the web: from the case page (or the completion text's link) the
family rates one department per page, sees its progress, and later reads the
department's answer to a poor rating."""

import pytest

from cases.models import Department
from cases.services.ratings import answer_review, rate
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, citizen, submitted_case
from tests.staff import department_member

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def done_case():
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete_everything(case)
    case.refresh_from_db()
    return case


def departments(case):
    return case.tasks.values("department_id").distinct().count()


def test_the_case_page_of_a_done_case_invites_the_rating(family, done_case):
    page = family.get(f"/cases/{done_case.reference}/").content.decode()
    assert f"/cases/{done_case.reference}/rate/" in page


def test_a_case_in_progress_does_not_invite_it(family):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    page = family.get(f"/cases/{case.reference}/").content.decode()
    assert "/rate/" not in page
    closed = family.get(f"/cases/{case.reference}/rate/").content.decode()
    assert "办结后" in closed and 'name="level"' not in closed


def test_the_rating_page_asks_about_one_department_with_five_levels(family, done_case):
    page = family.get(f"/cases/{done_case.reference}/rate/").content.decode()
    assert page.count('name="level"') == 5
    assert "非常满意" in page and "非常不满意" in page
    assert f"第 1 个部门，共 {departments(done_case)} 个" in page


def test_each_answer_moves_to_the_next_department(family, done_case):
    url = f"/cases/{done_case.reference}/rate/"
    response = family.post(url, {"level": "5"})
    assert response.status_code == 302 and response["Location"] == url
    assert f"第 2 个部门，共 {departments(done_case)} 个" in family.get(url).content.decode()


def test_after_the_last_department_the_family_is_thanked_on_the_case_page(family, done_case):
    url = f"/cases/{done_case.reference}/rate/"
    for _ in range(departments(done_case)):
        response = family.post(url, {"level": "4"}, follow=True)
    page = response.content.decode()
    assert "感谢您的评价" in page
    assert done_case.ratings.count() == departments(done_case)
    assert family.get(url)["Location"] == f"/cases/{done_case.reference}/"


def test_a_poor_rating_without_a_reason_is_asked_for_it_and_nothing_is_lost(family, done_case):
    response = family.post(f"/cases/{done_case.reference}/rate/", {"level": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page
    assert "请告诉我们哪里做得不好" in page
    assert 'value="1" id="id_level_4" required checked' in page  # the choice stays chosen
    assert not done_case.ratings.exists()


def test_no_level_chosen_is_answered(family, done_case):
    response = family.post(f"/cases/{done_case.reference}/rate/", {})
    assert "请在五个等级中选择一个" in response.content.decode()


def test_the_case_page_shows_the_review_deadline_then_the_answer(family, done_case):
    health = Department.objects.get(code="health")
    rating = rate(done_case, health, 1, "等了很久", actor=done_case.submitted_by, channel="web")
    page = family.get(f"/cases/{done_case.reference}/").content.decode()
    assert "非常不满意" in page and "前答复您" in page
    answer_review(rating, "已核实并整改。", actor=department_member("health", supervisor=True))
    page = family.get(f"/cases/{done_case.reference}/").content.decode()
    assert "已核实并整改。" in page


def test_an_assistant_who_filed_cannot_rate_for_the_family(client, done_case):
    from django.contrib.auth.models import Group

    from cases.constants import StaffRole
    from tests.factories import UserFactory
    from tests.staff import staff_login

    assistant = UserFactory(is_staff=True)
    assistant.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    done_case.submitted_by = assistant
    done_case.save(update_fields=["submitted_by"])
    staff_login(client, assistant)
    response = client.post(f"/cases/{done_case.reference}/rate/", {"level": "5"})
    assert response.status_code == 200
    assert "由家属评价" in response.content.decode()
    assert not done_case.ratings.exists()


def test_another_family_gets_not_found(client, done_case):
    client.force_login(citizen("13800000000"))
    assert client.get(f"/cases/{done_case.reference}/rate/").status_code == 404
