"""Two clerks completing the same task at the same moment: one wins.

On PostgreSQL the case row lock does it; on SQLite the IMMEDIATE transaction
mode (one writer at a time). CI runs this on both."""

import pytest

from cases.constants import Scenario, TaskStatus
from cases.services.tasks import complete_task
from cases.transitions import InvalidTransition
from tests.concurrency import run_at_once
from tests.factories import ALL_FLAGS, DemoRegistryPersonFactory, resident_id, submitted_case

from .helpers import task


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_only_one_of_two_simultaneous_completions_succeeds():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    h01 = task(case, "H01")

    outcomes = run_at_once(
        lambda: complete_task(h01, actor=None, result={"by": "clerk A"}),
        lambda: complete_task(h01, actor=None, result={"by": "clerk B"}),
    )

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1, outcomes
    assert isinstance(failures[0], InvalidTransition)
    winner = next(o for o in outcomes if not isinstance(o, Exception))
    h01.refresh_from_db()
    assert h01.status == TaskStatus.COMPLETED
    assert h01.result == winner.result


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_dependencies_finishing_at_once_still_release_the_task_waiting_for_both():
    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    h01, c01 = task(case, "H01"), task(case, "C01")

    outcomes = run_at_once(
        lambda: complete_task(h01, actor=None),
        lambda: complete_task(c01, actor=None),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    # Released from both: now it waits only for the cremation.
    assert task(case, "C02").pause_reason == "cremation"
