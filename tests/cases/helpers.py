from cases.services import events as event_services
from cases.services import tasks as task_services


def task(case, code):
    return case.tasks.get(matter_code=code)


def statuses(case):
    return dict(case.tasks.values_list("matter_code", "status"))


def cremate(case, at=None):
    """The funeral home records the cremation (now, unless ``at``)."""
    from django.utils import timezone

    return event_services.record_cremation(case, at=at or timezone.now(), actor=None)


def release_body(case):
    """The police release the body."""
    return event_services.release_body(case, actor=None)


def _event_recorded_if_waited_for(case, code):
    """Completing a task that waits for an event means the event happened:
    the cremation took place, the police released the body."""
    reason = task(case, code).pause_reason
    if reason == "cremation":
        cremate(case)
    elif reason == "body_release":
        release_body(case)


def complete(case, *codes, actor=None, result=None):
    for code in codes:
        _event_recorded_if_waited_for(case, code)
        task_services.complete_task(
            task(case, code), actor=actor, result=result or {"outcome": "done"}
        )


def declare_sole_heir(case, payee_account="6222020200112733445"):
    """The applicant declares they are the only heir: money matters then wait
    for nothing but their own prerequisites."""
    from cases.services.heirs import DECLARATION_VERSION, declare_heirs

    return declare_heirs(
        case,
        heirs=[],
        payee_name=case.applicant.name,
        payee_account=payee_account,
        consent_version=DECLARATION_VERSION,
        actor=None,
    )


def complete_everything(case, actor=None, results=None):
    """Complete every task as it becomes ready; ``results`` by matter code.
    Money matters are paid to the applicant as the only heir."""
    results = results or {}
    if case.tasks.filter(requires_consent=True).exists() and not case.heir_declarations.exists():
        declare_sole_heir(case)
    while True:
        open_tasks = list(case.tasks.filter(status__in=["ready", "in_progress"]))
        waiting = case.tasks.filter(pause_reason__in=["cremation", "body_release"]).first()
        if not open_tasks and waiting is not None:
            _event_recorded_if_waited_for(case, waiting.matter_code)
            continue
        if not open_tasks:
            return
        for open_task in open_tasks:
            task_services.complete_task(
                open_task,
                actor=actor,
                result=results.get(open_task.matter_code, {"outcome": "done"}),
            )
