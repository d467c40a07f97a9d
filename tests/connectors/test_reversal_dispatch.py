"""A death reported in error reaches the departments' own systems as the
event "reversal" of the published schema: a task still open stops."""

import pytest

from cases.models import Dispatch, DispatchEvent
from cases.services.reversal import open_reversal
from tests.cases.helpers import complete
from tests.factories import submitted_case
from tests.staff import department_member

from .conftest import run_jobs, wait_for

pytestmark = pytest.mark.django_db


def test_an_open_task_in_a_department_system_is_told_to_stop(
    database_jobs, health_over_http, simulator
):
    case = submitted_case()
    complete(case, "BD01")  # H01 ready: sent to the health department's system
    open_reversal(case, by=department_member("health", supervisor=True), reason="录错身份证号")
    stop = Dispatch.objects.get(task__matter_code="H01", event=DispatchEvent.REVERSAL)
    run_jobs()
    wait_for(lambda: simulator.stats()["events"].get(str(stop.key)) == "reversal")
    stop.refresh_from_db()
    assert stop.status == "delivered"
