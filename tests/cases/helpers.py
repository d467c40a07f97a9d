from cases.services import tasks as task_services


def task(case, code):
    return case.tasks.get(matter_code=code)


def statuses(case):
    return dict(case.tasks.values_list("matter_code", "status"))


def complete(case, *codes, actor=None, result=None):
    for code in codes:
        task_services.complete_task(
            task(case, code), actor=actor, result=result or {"outcome": "done"}
        )


def complete_everything(case, actor=None, results=None):
    """Complete every task as it becomes ready; ``results`` by matter code."""
    results = results or {}
    while True:
        open_tasks = list(case.tasks.filter(status__in=["ready", "in_progress"]))
        if not open_tasks:
            return
        for open_task in open_tasks:
            task_services.complete_task(
                open_task,
                actor=actor,
                result=results.get(open_task.matter_code, {"outcome": "done"}),
            )
