"""Background jobs (django-tasks): each runs one service. Enqueue them by
name through :mod:`cases.queue` (nothing imports this module but the worker,
which finds a job by its path), inside the transaction of the change that
causes them, so with the database backend none is lost."""

from django.utils import timezone
from django_tasks import task

from . import notifications
from .connectors import service as connectors
from .models import Heartbeat
from .services import certificates, delegations, result_document


@task()
def deliver_dispatch(dispatch_id):
    return connectors.deliver(dispatch_id)


@task()
def apply_department_result(key, payload):
    return connectors.apply_result(key, payload)


@task()
def send_sms(message_id):
    return notifications.send(message_id)


@task()
def issue_certificate(task_id):
    certificate = certificates.issue_certificate(task_id)
    return certificate.serial if certificate else None


@task()
def sign_delegation(delegation_id):
    delegation = delegations.sign_delegation(delegation_id)
    return delegation.document_sha256 if delegation else None


@task()
def worker_heartbeat():
    Heartbeat.beat("worker", timezone.now())


@task()
def seal_result_list(case_id):
    sealed = result_document.seal_result_list(case_id)
    return sealed.serial if sealed else None
