"""Background jobs (django-tasks). Each is enqueued inside the transaction
of the change that causes it, so with the database backend none is lost."""

from django_tasks import task


@task()
def deliver_dispatch(dispatch_id):
    from .connectors.service import deliver

    return deliver(dispatch_id)


@task()
def apply_department_result(key, payload):
    from .connectors.service import apply_result

    return apply_result(key, payload)


@task()
def send_sms(message_id):
    from .notifications import send

    return send(message_id)


@task()
def issue_certificate(task_id):
    from .services.certificates import issue_certificate as issue

    certificate = issue(task_id)
    return certificate.serial if certificate else None


@task()
def sign_delegation(delegation_id):
    from .services.delegations import sign_delegation as sign

    delegation = sign(delegation_id)
    return delegation.document_sha256 if delegation else None


@task()
def worker_heartbeat():
    from django.utils import timezone

    from .models import Heartbeat

    Heartbeat.beat("worker", timezone.now())


@task()
def seal_result_list(case_id):
    from .services.result_document import seal_result_list as seal

    sealed = seal(case_id)
    return sealed.serial if sealed else None
