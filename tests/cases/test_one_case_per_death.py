"""One death, one case (issue 16, item 1): the database allows one open case
per deceased, a second applicant learns that fact and nothing else, and the
first applicant is told someone else tried."""

import pytest
from django.db import IntegrityError, transaction

from cases.constants import CaseStatus
from cases.models import Case, Person
from cases.services.open_cases import CaseAlreadyOpen
from cases.services.withdrawal import withdraw_case
from tests.concurrency import run_at_once
from tests.factories import applicant_data, deceased_data, submitted_case

pytestmark = pytest.mark.django_db


def second_application(n=1):
    return submitted_case(
        deceased=deceased_data(n), applicant=applicant_data(phone="13800000002", name="李四")
    )


def test_a_second_application_for_the_same_death_is_refused_and_writes_nothing():
    submitted_case(deceased=deceased_data(1))
    with pytest.raises(CaseAlreadyOpen) as refused:
        second_application()
    assert "已在办理中" in str(refused.value)
    assert list(refused.value.message_dict) == ["deceased.id_number"]
    assert Case.objects.count() == 1
    assert Person.objects.count() == 2


def test_the_refusal_says_nothing_about_the_open_case():
    first = submitted_case(deceased=deceased_data(1))
    with pytest.raises(CaseAlreadyOpen) as refused:
        second_application()
    said = str(refused.value)
    for secret in (first.reference, first.display_reference, "王小明", "13912345678", "912345678"):
        assert secret not in said


def test_the_database_itself_refuses_a_second_open_case():
    first = submitted_case(deceased=deceased_data(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(
            reference="ABCDEFGH2",
            scenario=first.scenario,
            channel=first.channel,
            deceased=first.deceased,
            deceased_id_hash=first.deceased_id_hash,
            applicant=first.applicant,
            submitted_at=first.submitted_at,
            due_date=first.due_date,
        )


def test_a_withdrawn_case_does_not_block_a_new_one():
    first = submitted_case(deceased=deceased_data(1))
    withdraw_case(first, actor=None, reason="家属决定重新申请")
    assert second_application().status == CaseStatus.IN_PROGRESS


def test_a_completed_case_does_not_block_a_new_one():
    first = submitted_case(deceased=deceased_data(1))
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.COMPLETED)
    assert second_application().status == CaseStatus.IN_PROGRESS


def test_another_death_is_not_blocked():
    first = submitted_case(deceased=deceased_data(1))
    assert second_application(n=2).deceased_id_hash != first.deceased_id_hash
    assert Case.objects.filter(status=CaseStatus.IN_PROGRESS).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_submissions_at_once_make_exactly_one_case():
    def submit(n):
        return lambda: submitted_case(
            deceased=deceased_data(1), applicant=applicant_data(phone=f"1380000{n:04d}")
        )

    outcomes = run_at_once(*(submit(n) for n in range(10)))
    cases = [o for o in outcomes if isinstance(o, Case)]
    refusals = [o for o in outcomes if isinstance(o, CaseAlreadyOpen)]
    assert len(cases) == 1, outcomes
    assert len(refusals) == 9, outcomes
    assert Case.objects.count() == 1
    assert Person.objects.count() == 2
