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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_case_lock_makes_the_second_completion_see_the_first(monkeypatch):
    """Deterministic, not a matter of timing: each completion, once its task
    is saved and before it releases what waited, waits for the other to get
    as far. With the case row locked the other cannot (it waits for the
    lock), the wait times out and the two run one after the other; without
    the lock both would read the other's task as unfinished, and the task
    waiting for both would never be released."""
    import threading

    from cases.services import release as release_services

    DemoRegistryPersonFactory(id_number=resident_id(1), name="王五")
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    h01, c01 = task(case, "H01"), task(case, "C01")
    both_inside = threading.Barrier(2, timeout=1.5)
    met = []
    release = release_services.release_dependants

    def release_when_both_are_inside(task_, case_, now):
        try:
            both_inside.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            pass  # the other is held by the lock: it comes after this one commits
        return release(task_, case_, now)

    monkeypatch.setattr(release_services, "release_dependants", release_when_both_are_inside)
    outcomes = run_at_once(
        lambda: complete_task(h01, actor=None),
        lambda: complete_task(c01, actor=None),
    )

    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert not met  # never both inside at once
    assert task(case, "C02").pause_reason == "cremation"  # released from both
