"""补办 on the web: the family adds what it found later on its case page,
one question, and follows it on the case page and the result list."""

import pytest

from cases.constants import CaseStatus
from cases.services.found_later import add_found_later
from tests.cases.helpers import complete_everything
from tests.factories import applicant_data, citizen, submitted_case

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def completed_case():
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete_everything(case)
    case.refresh_from_db()
    return case


def test_the_case_page_offers_to_add_something_found_later(family, completed_case):
    page = family.get(f"/cases/{completed_case.reference}/").content.decode()
    assert f"/cases/{completed_case.reference}/found-later/" in page


def test_the_page_asks_one_question_with_what_each_answer_brings(family, completed_case):
    page = family.get(f"/cases/{completed_case.reference}/found-later/").content.decode()
    assert page.count('type="radio"') >= 3
    assert "已故存款人存款查询及小额提取" in page  # what "bank deposits" brings


def test_the_family_adds_a_bank_and_the_case_is_in_progress_again(family, completed_case):
    response = family.post(
        f"/cases/{completed_case.reference}/found-later/", {"item": "bank_accounts"}, follow=True
    )
    page = response.content.decode()
    assert "已补办" in page or "已加入本办件" in page
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.IN_PROGRESS
    assert completed_case.tasks.filter(matter_code="B01", found_later=True).exists()


def test_choosing_nothing_is_answered_and_adds_nothing(family, completed_case):
    response = family.post(f"/cases/{completed_case.reference}/found-later/", {})
    assert "请选择您找到的内容" in response.content.decode()
    assert not completed_case.tasks.filter(found_later=True).exists()


def test_an_answer_not_offered_is_refused_and_adds_nothing(family, completed_case):
    response = family.post(f"/cases/{completed_case.reference}/found-later/", {"item": "x"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not completed_case.tasks.filter(found_later=True).exists()


def test_another_family_gets_not_found(client, completed_case):
    client.force_login(citizen("13800000000"))
    url = f"/cases/{completed_case.reference}/found-later/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"item": "bank_accounts"}).status_code == 404
    assert not completed_case.tasks.filter(found_later=True).exists()


def test_the_result_list_shows_the_added_matter_under_way(family, completed_case):
    add_found_later(completed_case, "commercial_insurance", actor=None)
    page = family.get(f"/cases/{completed_case.reference}/results/").content.decode()
    assert "商业保险理赔告知" in page
    assert "办理中" in page


def test_a_withdrawn_case_offers_nothing(family):
    from cases.services.withdrawal import withdraw_case

    case = submitted_case(applicant=applicant_data(phone=PHONE))
    withdraw_case(case, actor=None, reason="")
    assert "found-later" not in family.get(f"/cases/{case.reference}/").content.decode()
    page = family.get(f"/cases/{case.reference}/found-later/").content.decode()
    assert "12345" in page
    assert 'type="radio"' not in page
