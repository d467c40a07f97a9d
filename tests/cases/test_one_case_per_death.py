"""One death, one record (issues 16 and 32): the database allows one case per
deceased that is not withdrawn — open or completed —, a second applicant
learns that fact and the way forward and nothing else, and the first
applicant is told someone else tried."""

import pytest
from django.db import IntegrityError, connection, transaction

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


def another_case_row(first):
    """A second case row for the death of ``first``, past every service."""
    return Case.objects.create(
        reference="ABCDEFGH2",
        scenario=first.scenario,
        channel=first.channel,
        deceased=first.deceased,
        deceased_id_hash=first.deceased_id_hash,
        applicant=first.applicant,
        submitted_at=first.submitted_at,
        due_date=first.due_date,
    )


def test_the_database_itself_refuses_a_second_open_case():
    first = submitted_case(deceased=deceased_data(1))
    with pytest.raises(IntegrityError), transaction.atomic():
        another_case_row(first)


def test_a_withdrawn_case_does_not_block_a_new_one():
    first = submitted_case(deceased=deceased_data(1))
    withdraw_case(first, actor=None, reason="家属决定重新申请")
    assert second_application().status == CaseStatus.IN_PROGRESS


def test_a_completed_case_blocks_a_new_one_for_good():
    first = submitted_case(deceased=deceased_data(1))
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.COMPLETED)
    with pytest.raises(CaseAlreadyOpen) as refused:
        second_application()
    assert refused.value.completed is True
    assert "已经办结" in str(refused.value)
    assert Case.objects.count() == 1


def test_the_database_itself_refuses_a_second_case_beside_a_completed_one():
    first = submitted_case(deceased=deceased_data(1))
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.COMPLETED)
    with pytest.raises(IntegrityError), transaction.atomic():
        another_case_row(first)


def test_another_death_is_not_blocked():
    first = submitted_case(deceased=deceased_data(1))
    assert second_application(n=2).deceased_id_hash != first.deceased_id_hash
    assert Case.objects.filter(status=CaseStatus.IN_PROGRESS).count() == 2


# 50 filings at once on PostgreSQL (where production runs); SQLite takes one
# writer at a time, so fewer suffice to show the same rule there.
AT_ONCE = 50 if connection.vendor == "postgresql" else 10


def filings_at_once():
    def submit(n):
        return lambda: submitted_case(
            deceased=deceased_data(1), applicant=applicant_data(phone=f"1380000{n:04d}")
        )

    return run_at_once(*(submit(n) for n in range(AT_ONCE)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_filings_at_once_for_a_death_make_exactly_one_case():
    outcomes = filings_at_once()
    cases = [o for o in outcomes if isinstance(o, Case)]
    refusals = [o for o in outcomes if isinstance(o, CaseAlreadyOpen)]
    assert len(cases) == 1, outcomes
    assert len(refusals) == AT_ONCE - 1, outcomes
    assert Case.objects.count() == 1
    assert Person.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_filings_at_once_after_a_completed_case_make_none():
    first = submitted_case(deceased=deceased_data(1))
    Case.objects.filter(pk=first.pk).update(status=CaseStatus.COMPLETED)
    outcomes = filings_at_once()
    assert all(isinstance(o, CaseAlreadyOpen) and o.completed for o in outcomes), outcomes
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_filings_at_once_after_a_withdrawn_case_make_exactly_one_new_case():
    withdraw_case(submitted_case(deceased=deceased_data(1)), actor=None, reason="重新申请")
    outcomes = filings_at_once()
    assert len([o for o in outcomes if isinstance(o, Case)]) == 1, outcomes
    assert Case.objects.exclude(status=CaseStatus.WITHDRAWN).count() == 1
