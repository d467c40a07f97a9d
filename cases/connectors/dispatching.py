from .. import queue
from ..models import Dispatch, DispatchEvent
from .registry import register


def dispatch_ready_tasks(tasks, event=DispatchEvent.TASK):
    """Create a dispatch, and the job that sends it, for each ready task whose
    department has a sending connector. Call inside the transaction that made
    the tasks ready, so the job exists exactly when the change does.
    ``task.department`` should be loaded already."""
    dispatches = [
        Dispatch(
            task=task,
            department=task.department,
            connector=task.department.connector,
            event=event,
        )
        for task in tasks
        if task.department.connector in register and register[task.department.connector].sends
    ]
    if not dispatches:
        return []
    created = Dispatch.objects.bulk_create(dispatches)
    for dispatch in created:
        queue.enqueue(queue.DELIVER_DISPATCH, dispatch.pk)
    return created
