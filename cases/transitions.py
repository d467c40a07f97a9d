"""Every allowed status change, in one place.

Services ask :func:`check_task_transition` before changing a task; a change
not listed here raises :class:`InvalidTransition` and nothing is written.
"""

from django.utils.translation import gettext_lazy as _

from .constants import CaseStatus, TaskStatus

S = TaskStatus

# Back to WAITING only for a consent matter whose heirs' consent was voided
# or withdrawn before the money was paid (cases.services.heirs).
TASK_TRANSITIONS = {
    S.WAITING: {S.READY, S.NOT_APPLICABLE},
    # A clerk may complete straight from the queue when nothing needs doing
    # between accepting and finishing (an automatic or one-click matter).
    S.READY: {S.IN_PROGRESS, S.COMPLETED, S.NOT_APPLICABLE, S.REJECTED, S.WAITING},
    S.IN_PROGRESS: {S.AWAITING_MATERIALS, S.COMPLETED, S.NOT_APPLICABLE, S.REJECTED, S.WAITING},
    S.AWAITING_MATERIALS: {S.IN_PROGRESS, S.NOT_APPLICABLE, S.REJECTED, S.WAITING},
    S.REJECTED: {S.READY, S.NOT_APPLICABLE},
    S.COMPLETED: set(),
    S.NOT_APPLICABLE: set(),
}

# The changes a department's clerk makes by hand; the workbench offers
# exactly these. The rest are the system's or the family's: a task made
# ready when what it waits for is done, the family's answer taking a task
# back from "needs something from the family", a consent matter waiting again.
CLERK_TASK_TRANSITIONS = {
    S.READY: {S.IN_PROGRESS, S.COMPLETED, S.NOT_APPLICABLE, S.REJECTED},
    S.IN_PROGRESS: {S.AWAITING_MATERIALS, S.COMPLETED, S.NOT_APPLICABLE, S.REJECTED},
    S.AWAITING_MATERIALS: {S.NOT_APPLICABLE, S.REJECTED},
    S.REJECTED: {S.READY, S.NOT_APPLICABLE},
}

CASE_TRANSITIONS = {
    CaseStatus.IN_PROGRESS: {CaseStatus.COMPLETED, CaseStatus.WITHDRAWN, CaseStatus.REVERSED},
    # Reopened when the family adds something found later (补办).
    CaseStatus.COMPLETED: {CaseStatus.IN_PROGRESS, CaseStatus.REVERSED},
    CaseStatus.WITHDRAWN: set(),
    CaseStatus.REVERSED: set(),
}


class InvalidTransition(Exception):
    """A status change that the rules do not allow (or that someone else
    made first). The message is safe to show to the user."""

    def __init__(self, message, *, current=None, requested=None):
        super().__init__(message)
        self.current = current
        self.requested = requested


def clerk_may_move(current, requested):
    """Whether a clerk may move a task from ``current`` to ``requested``."""
    return requested in CLERK_TASK_TRANSITIONS.get(current, ())


def check_task_transition(current, requested):
    _check(
        TASK_TRANSITIONS,
        TaskStatus,
        current,
        requested,
        _("This task is “%(current)s” and cannot become “%(requested)s”."),
    )


def check_case_transition(current, requested):
    _check(
        CASE_TRANSITIONS,
        CaseStatus,
        current,
        requested,
        _("This case is “%(current)s” and cannot become “%(requested)s”."),
    )


def _check(transitions, statuses, current, requested, message):
    if requested not in transitions[statuses(current)]:
        raise InvalidTransition(
            message % {"current": statuses(current).label, "requested": statuses(requested).label},
            current=current,
            requested=requested,
        )
