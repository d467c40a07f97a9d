"""Enqueueing background jobs by name.

Services, connectors and notifications enqueue the jobs of ``cases.tasks``
here; the jobs themselves import the services they run. This module imports
nothing of the project, so the dependency points one way (jobs → services →
this module) and no import has to hide inside a function to dodge a circle.
A job is looked up by name only when one is enqueued.
"""

from django.utils.module_loading import import_string

JOBS_MODULE = "cases.tasks"

DELIVER_DISPATCH = "deliver_dispatch"
APPLY_DEPARTMENT_RESULT = "apply_department_result"
SEND_SMS = "send_sms"
ISSUE_CERTIFICATE = "issue_certificate"
SIGN_DELEGATION = "sign_delegation"
WORKER_HEARTBEAT = "worker_heartbeat"
SEAL_RESULT_LIST = "seal_result_list"

JOBS = frozenset(
    {
        DELIVER_DISPATCH,
        APPLY_DEPARTMENT_RESULT,
        SEND_SMS,
        ISSUE_CERTIFICATE,
        SIGN_DELEGATION,
        WORKER_HEARTBEAT,
        SEAL_RESULT_LIST,
    }
)


def job(name):
    """The django-tasks ``Task`` of that name."""
    if name not in JOBS:
        raise ValueError(f"no background job is called {name!r}")
    return import_string(f"{JOBS_MODULE}.{name}")


def enqueue(name, *args, run_after=None):
    """Queue job ``name`` with ``args`` (after ``run_after``, an aware time,
    when given). Call it inside the transaction of the change that causes the
    job: with the database backend, the job exists exactly when the change
    does."""
    task = job(name)
    if run_after is not None:
        task = task.using(run_after=run_after)
    return task.enqueue(*args)
