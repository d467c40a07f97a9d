"""政务服务"好差评": the family rates each department of a done case once, on
the five national levels; a poor rating, with its reason, opens a review
that the department's supervisor answers by a deadline."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.constants import Channel
from cases.models import (
    AuditEvent,
    AuditEventKind,
    Department,
    Matter,
    SatisfactionLevel,
    SmsMessage,
)
from cases.services.ratings import (
    answer_review,
    open_reviews,
    rate,
    rating_figures,
    review_of,
    to_rate,
)
from tests.cases.helpers import complete_everything
from tests.factories import (
    DepartmentTaskFactory,
    RatingFactory,
    UserFactory,
    applicant_data,
    citizen,
    submitted_case,
)
from tests.staff import department_member

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


@pytest.fixture
def done_case():
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    complete_everything(case)
    case.refresh_from_db()
    return case


@pytest.fixture
def family():
    return citizen(PHONE)


def health():
    return Department.objects.get(code="health")


def test_every_department_of_a_done_case_is_offered_for_rating(done_case):
    assert {d.pk for d in to_rate(done_case)} == set(
        done_case.tasks.values_list("department_id", flat=True)
    )


def test_a_case_still_in_progress_offers_nothing_and_refuses_a_rating(family):
    case = submitted_case(applicant=applicant_data(phone=PHONE))
    assert to_rate(case) == []
    with pytest.raises(ValidationError) as refused:
        rate(case, health(), 5, actor=family, channel=Channel.WEB)
    assert refused.value.code == "not_done"


def test_a_rated_department_is_no_longer_offered(done_case, family):
    rate(done_case, health(), SatisfactionLevel.VERY_SATISFIED, actor=family, channel=Channel.WEB)
    assert health() not in to_rate(done_case)


def test_a_department_is_rated_once(done_case, family):
    rate(done_case, health(), 5, actor=family, channel=Channel.WEB)
    with pytest.raises(ValidationError) as refused:
        rate(done_case, health(), 1, "改主意了", actor=family, channel=Channel.MOBILE)
    assert refused.value.code == "already_rated"
    assert done_case.ratings.get().level == 5


@pytest.mark.parametrize(
    "level", [SatisfactionLevel.DISSATISFIED, SatisfactionLevel.VERY_DISSATISFIED]
)
def test_the_two_lowest_levels_need_a_reason(done_case, family, level):
    with pytest.raises(ValidationError) as refused:
        rate(done_case, health(), level, "  ", actor=family, channel=Channel.WEB)
    assert "reason" in refused.value.message_dict
    assert not done_case.ratings.exists()


def test_a_level_outside_the_five_is_refused(done_case, family):
    with pytest.raises(ValidationError) as refused:
        rate(done_case, health(), 6, actor=family, channel=Channel.WEB)
    assert "level" in refused.value.message_dict


def test_a_department_that_did_not_work_on_the_case_cannot_be_rated(done_case, family):
    stranger = Department.objects.create(code="elsewhere", name_zh="别处")
    with pytest.raises(ValidationError) as refused:
        rate(done_case, stranger, 5, actor=family, channel=Channel.WEB)
    assert refused.value.code == "not_in_case"


def test_staff_who_filed_for_the_family_do_not_rate_for_it(done_case):
    from django.contrib.auth.models import Group

    from cases.constants import StaffRole

    assistant = UserFactory(is_staff=True)
    assistant.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT))
    with pytest.raises(PermissionDenied):
        rate(done_case, health(), 5, actor=assistant, channel=Channel.WEB)


def test_a_good_rating_opens_no_review(done_case, family):
    rating = rate(done_case, health(), 3, actor=family, channel=Channel.WEB)
    assert rating.review_due is None
    assert not open_reviews(department_member("health", supervisor=True)).exists()


def test_a_poor_rating_opens_a_review_due_in_working_days(done_case, family, settings):
    settings.RATING_REVIEW_WORKING_DAYS = 5
    rating = rate(done_case, health(), 2, "窗口没人接电话", actor=family, channel=Channel.WEB)
    due = timezone.localtime(rating.review_due)
    assert due - timezone.now() >= datetime.timedelta(days=5)  # five working days, weekends added
    assert list(open_reviews(department_member("health", supervisor=True))) == [rating]


def test_another_departments_supervisor_does_not_see_the_review(done_case, family):
    rate(done_case, health(), 1, "态度差", actor=family, channel=Channel.WEB)
    assert not open_reviews(department_member("civil_affairs", supervisor=True)).exists()
    assert not open_reviews(department_member("health")).exists()  # a clerk, not a supervisor


def test_reading_the_familys_reason_is_an_access_event(done_case, family):
    rating = rate(done_case, health(), 1, "态度差", actor=family, channel=Channel.WEB)
    supervisor = department_member("health", supervisor=True)
    review_of(supervisor, rating.pk, remote_addr="10.0.0.8")
    event = AuditEvent.objects.get(kind=AuditEventKind.RATING_READ)
    assert (event.actor, event.case, event.remote_addr) == (supervisor, done_case, "10.0.0.8")
    assert "态度差" not in str(event.details)


def test_the_supervisor_answers_and_the_family_is_texted(done_case, family):
    rating = rate(done_case, health(), 1, "态度差", actor=family, channel=Channel.WEB)
    answer_review(
        rating, "已约谈窗口人员并整改。", actor=department_member("health", supervisor=True)
    )
    rating.refresh_from_db()
    assert rating.answer == "已约谈窗口人员并整改。" and rating.answered_at is not None
    text = SmsMessage.objects.get(template_code="rating_answered")
    assert text.phone == PHONE and health().name_zh in text.text
    assert "整改" not in text.text  # the answer is read on the case page, not in a text
    assert not open_reviews(department_member("health", supervisor=True)).exists()


def test_a_clerk_cannot_answer_a_review(done_case, family):
    rating = rate(done_case, health(), 1, "态度差", actor=family, channel=Channel.WEB)
    with pytest.raises(PermissionDenied):
        answer_review(rating, "好的", actor=department_member("health"))


def test_a_review_is_answered_once(done_case, family):
    rating = rate(done_case, health(), 1, "态度差", actor=family, channel=Channel.WEB)
    supervisor = department_member("health", supervisor=True)
    answer_review(rating, "已整改。", actor=supervisor)
    with pytest.raises(ValidationError):
        answer_review(rating, "再答一次", actor=supervisor)


def test_the_reason_and_the_answer_are_encrypted_at_rest(done_case, family):
    from django.db import connection

    rating = rate(done_case, health(), 1, "窗口态度差", actor=family, channel=Channel.WEB)
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM cases_rating WHERE id = %s", [rating.pk])
        stored = cursor.fetchone()[0]
    assert "窗口" not in stored


def test_the_completion_text_links_to_the_rating_page(done_case):
    text = SmsMessage.objects.get(case=done_case, template_code="case_completed").text
    assert f"/cases/{done_case.reference}/rate/" in text


def test_figures_per_department_and_matter_count_the_periods_ratings():
    matter = Matter.objects.get(code="H01")
    department = matter.department
    now = timezone.now()
    for level in (5, 4, 1):
        rating = RatingFactory(department=department, level=level, rated_at=now)
        DepartmentTaskFactory(case=rating.case, matter=matter)
        # Another department's matter in the same case is not what was rated.
        DepartmentTaskFactory(case=rating.case, matter=Matter.objects.get(code="C01"))
    RatingFactory(department=department, level=1, rated_at=now - datetime.timedelta(days=400))
    by_department, by_matter = rating_figures(
        [department.pk], now - datetime.timedelta(days=30), now + datetime.timedelta(hours=1)
    )
    [figures] = by_department
    assert (figures.count, figures.poor, figures.satisfied) == (3, 1, 2)
    assert figures.average == pytest.approx(10 / 3, abs=0.01)
    [matter] = by_matter
    assert matter.name.startswith("H01") and matter.count == 3
