"""The factories' lifecycle traits leave rows as the services do: a test
that starts from "consented" or "completed" starts where the real flow
would have left it."""

import pytest

from cases.constants import CaseStatus, TaskStatus
from cases.services.consent import consent_given
from tests.factories import (
    CaseFactory,
    DelegationFactory,
    DepartmentTaskFactory,
    HeirDeclarationFactory,
)

pytestmark = pytest.mark.django_db


def test_heirs_who_all_consented_make_the_consent_complete():
    declaration = HeirDeclarationFactory()
    DelegationFactory.create_batch(2, declaration=declaration, consented=True)
    assert consent_given(declaration.case)


@pytest.mark.parametrize("answer", ["declined", "offline", "expired", "revoked"])
def test_one_heir_who_did_not_consent_leaves_the_consent_missing(answer):
    declaration = HeirDeclarationFactory()
    DelegationFactory(declaration=declaration, consented=True)
    DelegationFactory(declaration=declaration, **{answer: True})
    assert not consent_given(declaration.case)


def test_a_completed_task_has_its_completion_time_and_a_result():
    task = DepartmentTaskFactory(completed=True)
    assert task.status == TaskStatus.COMPLETED
    assert task.completed_at is not None
    assert task.result


def test_a_completed_case_has_its_completion_time():
    case = CaseFactory(completed=True)
    assert case.status == CaseStatus.COMPLETED
    assert case.completed_at is not None
