"""The workbench queue is read in due order from an index, not sorted: a
department's thousands of open tasks cost a page's worth of rows. The order
key is kept by the database (a stored generated column), so no write can
leave it stale."""

import datetime

import pytest
from django.db import connection

from cases.models import Department, DepartmentTask
from cases.services.workbench import queue, queue_page
from tests.factories import DepartmentTaskFactory
from tests.staff import department_member

pytestmark = pytest.mark.django_db


def test_a_task_waiting_for_an_event_sorts_after_every_date():
    task = DepartmentTaskFactory(due_date=None)
    assert DepartmentTask.objects.get(pk=task.pk).queue_due == datetime.date.max


def test_the_order_key_follows_an_update_that_bypasses_save():
    task = DepartmentTaskFactory(due_date=datetime.date(2026, 12, 9))
    DepartmentTask.objects.filter(pk=task.pk).update(due_date=datetime.date(2026, 12, 1))
    assert DepartmentTask.objects.get(pk=task.pk).queue_due == datetime.date(2026, 12, 1)


def test_a_departments_queue_is_read_from_the_index_in_due_order():
    clerk = department_member("health")
    department = Department.objects.get(code="health")
    for day in (9, 3, 7):
        DepartmentTaskFactory(department=department, due_date=datetime.date(2026, 12, day))
    rows, _cursor = queue_page(queue(clerk))
    assert [row.due_date.day for row in rows] == [3, 7, 9]
    if connection.vendor != "postgresql":
        return  # the plan below is PostgreSQL's, where the queue runs in production
    sql, params = queue(clerk).order_by("queue_due", "pk")[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        # With sorting priced out, a plan that still sorts has no index to
        # serve the order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "task_queue_due" in plan, plan
    assert "Sort" not in plan, plan


def test_the_open_task_indexes_hold_exactly_the_open_statuses():
    from cases.constants import OPEN_TASK_STATUSES

    conditions = {
        index.name: index.condition
        for index in DepartmentTask._meta.indexes
        if index.name in ("task_queue_due", "task_open_by_department")
    }
    assert len(conditions) == 2
    for condition in conditions.values():
        assert set(dict(condition.children)["status__in"]) == OPEN_TASK_STATUSES
