"""One death, one record (一窗受理): whichever door a family uses, a death has
one case for good — open, or completed — and only a withdrawn case lets a
new one be filed. The database holds the rule (a unique index over the
deceased's blind index among cases not withdrawn); this module says it to
people.

Someone who tries to apply for a death that already has a case learns only
that fact and the way forward — not who applied, nor anything of the case —
and the applicant of that case is texted that someone else tried, so that a
relative can be added to the heirs' list and a stranger's attempt does not go
unnoticed.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..constants import CaseStatus
from ..fields import hash_for
from ..models import Case, Person
from ..notifications import notify

ALREADY_OPEN = _(
    "A case for this person is already in progress: each death is handled as one case. "
    "We have told the family member who applied that someone else tried. If you are "
    "family, ask them to add you to the heirs' list on their case page, or call 12345."
)
ALREADY_COMPLETED = _(
    "This person's affairs were already settled in one case: each death is one case, for "
    "good, and it cannot be filed again. We have told the family member who applied that "
    "someone else tried. If you are family, ask them to add you to the heirs. Anything "
    "found later (a bank account, a housing fund, an insurance policy) is added to that "
    "case from its page (“Add something found later”), or call 12345."
)
# Cases that hold a death: every status but withdrawn and reversed.
HOLDING = [CaseStatus.IN_PROGRESS, CaseStatus.COMPLETED]


class CaseAlreadyOpen(ValidationError):
    """The death already has a case (in progress, or completed)."""

    def __init__(self, completed=False):
        self.completed = completed
        super().__init__({"deceased.id_number": [refusal(completed)]}, code="case_already_open")


def refusal(completed):
    """What a second applicant is told: the fact and the way forward."""
    return ALREADY_COMPLETED if completed else ALREADY_OPEN


def deceased_key(id_number):
    """What ``Case.deceased_id_hash`` holds for this ID number."""
    return hash_for(Person, "id_number", id_number)


def case_of_death(id_number):
    """The case that holds the death of the person with this ID number (in
    progress or completed), or None."""
    key = deceased_key(id_number) if id_number else ""
    if not key:
        return None
    return (
        Case.objects.filter(deceased_id_hash=key, status__in=HOLDING)
        .select_related("applicant")
        .first()
    )


def someone_else_tried(case, *, attempt):
    """Text the applicant of the death's case, once per ``attempt`` (a draft, a call)."""
    return notify(
        "case_already_open",
        phone=case.applicant.phone,
        case=case,
        context={"reference": case.display_reference},
        dedupe_key=f"case:{case.pk}:another-application:{attempt}",
    )
