"""When the family withdraws a case, a department's own system is told to
stop (event "withdrawn") and sends no result."""

import pytest

from cases.models import Dispatch, DispatchEvent
from cases.services.withdrawal import withdraw_case
from tests.cases.helpers import complete
from tests.factories import submitted_case

from .conftest import run_jobs, wait_for

pytestmark = pytest.mark.django_db


def test_a_department_system_is_told_to_stop(database_jobs, health_over_http, simulator):
    case = submitted_case()
    complete(case, "BD01")  # H01 ready: sent to the health department's system
    withdraw_case(case, actor=None, reason="家属撤回")
    stop = Dispatch.objects.get(task__matter_code="H01", event=DispatchEvent.WITHDRAWN)
    run_jobs()
    wait_for(lambda: simulator.stats()["events"].get(str(stop.key)) == "withdrawn")
    stop.refresh_from_db()
    assert stop.status == "delivered"
    assert simulator.stats()["callbacks_sent"] == 1  # H01's own task only, not the stop
