"""补办: what the family finds later joins the same case — its graph, its
clock, its result list — and a payout asks the heirs again."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cases.constants import CaseStatus, PauseReason, TaskStatus
from cases.models import DelegationStatus, HeirDeclaration, SmsMessage
from cases.services.certificates import status_of_serial
from cases.services.found_later import add_found_later, found_later_choices
from cases.services.result_document import seal_result_list
from cases.services.withdrawal import withdraw_case
from tests.cases.helpers import complete, complete_everything, task
from tests.delegations.helpers import confirm
from tests.factories import (
    DepartmentTaskFactory,
    MatterFactory,
    declared_case,
    submitted_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed_case():
    case = submitted_case(flags={"pension": True})
    complete_everything(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    return case


def test_a_completed_case_offers_what_it_does_not_hold(completed_case):
    offered = {
        choice.flag: [m.code for m in choice.matters]
        for choice in found_later_choices(completed_case)
    }
    assert offered["bank_accounts"] == ["B01"]
    assert offered["housing_fund"] == ["F01"]
    assert "pension" not in offered  # R01 and R02 are in the case already


def test_a_bank_found_after_completion_joins_the_same_case(completed_case):
    before = completed_case.tasks.count()
    [added] = add_found_later(completed_case, "bank_accounts", actor=None)
    completed_case.refresh_from_db()
    assert added.matter_code == "B01"
    assert added.case_id == completed_case.pk
    assert added.found_later
    assert completed_case.tasks.count() == before + 1
    assert completed_case.profile["bank_accounts"] is True


def test_adding_to_a_completed_case_puts_it_in_progress_again(completed_case):
    add_found_later(completed_case, "commercial_insurance", actor=None)
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.IN_PROGRESS
    assert completed_case.reopened_at is not None
    assert completed_case.completed_at is None


def test_the_added_matter_waits_for_what_its_matter_waits_for_in_the_case(completed_case):
    [added] = add_found_later(completed_case, "commercial_insurance", actor=None)
    # B02 comes after the death certificate: done, so it is ready at once.
    assert "H01" in [d.matter_code for d in added.depends_on.all()]
    assert all(d.status == TaskStatus.COMPLETED for d in added.depends_on.all())
    assert added.status == TaskStatus.READY
    assert added.due_at is not None


def test_the_case_clock_starts_afresh_for_what_was_added(completed_case):
    add_found_later(completed_case, "commercial_insurance", actor=None)
    completed_case.refresh_from_db()
    assert completed_case.clock_started_at == completed_case.reopened_at
    assert completed_case.due_date >= timezone.localdate()
    assert completed_case.overdue_since is None


def test_the_family_is_texted_what_was_added(completed_case):
    add_found_later(completed_case, "commercial_insurance", actor=None)
    text = SmsMessage.objects.get(case=completed_case, template_code="matter_added").text
    assert completed_case.display_reference in text
    assert "商业保险理赔告知" in text


def test_a_payout_found_later_waits_for_the_heirs_declaration_when_none_was_made():
    case = submitted_case(flags={})
    complete_everything(case)
    [added] = add_found_later(case, "housing_fund", actor=None)
    assert added.status == TaskStatus.WAITING
    case.refresh_from_db()
    assert case.pause_reason == PauseReason.HEIRS


def test_a_payout_found_later_asks_the_heirs_again():
    case, declaration = declared_case(heirs=1)
    confirm(declaration.delegations.get())
    complete_everything(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    [added] = add_found_later(case, "bank_accounts", actor=None)
    current = HeirDeclaration.objects.current().get(case=case)
    assert current.version == declaration.version + 1
    asked = current.delegations.get()
    assert asked.status == DelegationStatus.PENDING
    assert "B01" in [m["code"] for m in asked.authorized["matters"]]
    assert added.status == TaskStatus.WAITING
    confirm(asked)
    assert task(case, "B01").status == TaskStatus.READY


def test_an_heir_the_notary_covered_stays_covered():
    case, declaration = declared_case(heirs=1)
    delegation = declaration.delegations.get()
    delegation.notarised_at = timezone.now()
    delegation.status = DelegationStatus.OFFLINE
    delegation.save()
    complete_everything(case)
    [added] = add_found_later(case, "bank_accounts", actor=None)
    assert task(case, "B01").status == TaskStatus.READY
    assert added.requires_consent


def test_when_the_added_matter_is_done_the_list_is_issued_again_with_its_line(completed_case):
    first_issue = completed_case.result_list_issued_at
    add_found_later(completed_case, "commercial_insurance", actor=None)
    complete(completed_case, "B02")
    completed_case.refresh_from_db()
    assert completed_case.status == CaseStatus.COMPLETED
    assert completed_case.result_list_issued_at > first_issue
    assert "B02" in [line["code"] for line in completed_case.result_list]


def test_the_list_sealed_again_supersedes_the_earlier_one(completed_case):
    earlier = seal_result_list(completed_case.pk)
    add_found_later(completed_case, "commercial_insurance", actor=None)
    complete(completed_case, "B02")
    later = seal_result_list(completed_case.pk)
    assert later.serial != earlier.serial
    assert status_of_serial(later.serial).status == "valid"
    replaced = status_of_serial(earlier.serial)
    assert replaced.status == "revoked"
    assert "补办" in replaced.certificate.revoked_reason or "found later" in (
        replaced.certificate.revoked_reason
    )


def test_nothing_already_in_the_case_is_added_twice(completed_case):
    add_found_later(completed_case, "commercial_insurance", actor=None)
    with pytest.raises(ValidationError):
        add_found_later(completed_case, "commercial_insurance", actor=None)
    assert completed_case.tasks.filter(matter_code="B02").count() == 1


def test_a_withdrawn_case_takes_nothing_more():
    case = submitted_case()
    withdraw_case(case, actor=None, reason="")
    case.refresh_from_db()
    assert found_later_choices(case) == []
    with pytest.raises(ValidationError):
        add_found_later(case, "bank_accounts", actor=None)


def test_a_case_in_progress_takes_what_was_found_too():
    case = submitted_case()
    [added] = add_found_later(case, "commercial_insurance", actor=None)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert case.reopened_at is None
    assert added.status == TaskStatus.WAITING  # the death certificate is not done yet


# A payout once per deceased, held by the database ---------------------------


def _payout_matter():
    # Not in use: a new case would otherwise get a task for it at submission.
    return MatterFactory(requires_consent=True, is_active=False)


def _paid(case, matter, **fields):
    return DepartmentTaskFactory(
        case=case,
        matter=matter,
        requires_consent=True,
        status=TaskStatus.COMPLETED,
        deceased_id_hash=case.deceased_id_hash,
        **fields,
    )


def test_a_payout_is_made_once_per_deceased_even_across_a_withdrawn_case():
    withdrawn = submitted_case()
    withdrawn.status = CaseStatus.WITHDRAWN
    withdrawn.save()
    matter = _payout_matter()
    _paid(withdrawn, matter)
    again = submitted_case()
    again.deceased_id_hash = withdrawn.deceased_id_hash
    again.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _paid(again, matter)


def test_a_payout_not_yet_made_may_stand_in_two_cases_of_one_death():
    withdrawn = submitted_case()
    withdrawn.status = CaseStatus.WITHDRAWN
    withdrawn.save()
    matter = _payout_matter()
    DepartmentTaskFactory(
        case=withdrawn,
        matter=matter,
        requires_consent=True,
        status=TaskStatus.NOT_APPLICABLE,
        deceased_id_hash=withdrawn.deceased_id_hash,
    )
    again = submitted_case()
    again.deceased_id_hash = withdrawn.deceased_id_hash
    again.save()
    assert _paid(again, matter).pk


def test_tasks_carry_their_deceased_for_the_database_rule():
    case = submitted_case(flags={"pension": True})
    assert set(case.tasks.values_list("deceased_id_hash", flat=True)) == {case.deceased_id_hash}


def test_the_migration_gives_existing_tasks_their_deceased():
    from importlib import import_module

    from django.apps import apps

    from cases.models import DepartmentTask

    migration = import_module("cases.migrations.0046_found_later")
    case = submitted_case(flags={"pension": True})
    DepartmentTask.objects.update(deceased_id_hash="")
    migration.copy_deceased_to_tasks(apps, None)
    assert set(case.tasks.values_list("deceased_id_hash", flat=True)) == {case.deceased_id_hash}
