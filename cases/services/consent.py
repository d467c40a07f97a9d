"""Whether the heirs' consent for a case's money matters is complete.

Kept apart from :mod:`cases.services.delegations` because task changes need
to ask it (a consent matter is released only once consent is complete), and
the delegation service changes tasks.
"""

from ..constants import TaskStatus
from ..models import HeirDeclaration

# The notary office's one matter: opened by the delegation service, and its
# completion stands in for every consent still missing.
NOTARY_MATTER_CODE = "N01"


def current_declaration(case):
    return HeirDeclaration.objects.current().filter(case=case).first()


def consent_given(case):
    """True once the current heirs declaration exists and every other heir
    has confirmed or been covered by the notary. A declaration with no other
    heir (the applicant is the only one) is consent enough."""
    return declaration_complete(current_declaration(case))


def declaration_complete(declaration):
    return declaration is not None and all_consented(declaration.delegations.all())


def all_consented(delegations):
    return all(delegation.consent_counts for delegation in delegations)


def waits_for_heirs(task, given):
    """Whether ``task`` is held for the heirs' consent, ``given`` being
    whether the case's consent is complete: what the family is told."""
    return task.requires_consent and task.status == TaskStatus.WAITING and not given


def notarised(case):
    """Whether the notary certified the heirs of ``case`` (its task done)."""
    return case.tasks.filter(matter_code=NOTARY_MATTER_CODE, status=TaskStatus.COMPLETED).exists()


def record_notarisation(case, now):
    """The notary certified the heirs: whatever is not confirmed on the
    current declaration counts as given. Returns how many it covered."""
    declaration = current_declaration(case)
    if declaration is None:
        return 0
    missing = [d for d in declaration.delegations.all() if not d.consent_counts]
    for delegation in missing:
        delegation.notarised_at = now
        delegation.save(update_fields=["notarised_at"])
    return len(missing)
