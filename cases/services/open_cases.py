"""One death, one case (一窗受理): whichever door a family uses, a death has
at most one open case. The database holds the rule (a unique index over the
deceased's blind index among open cases); this module says it to people.

Someone who tries to apply for a death that already has an open case learns
only that fact — not who applied, nor anything of the case — and the
applicant of the open case is texted that someone else tried, so that a
relative can be added to the heirs' list (the open case's own page) and a
stranger's attempt does not go unnoticed. A withdrawn or completed case does
not block a new one.
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


class CaseAlreadyOpen(ValidationError):
    def __init__(self):
        super().__init__({"deceased.id_number": [ALREADY_OPEN]}, code="case_already_open")


def deceased_key(id_number):
    """What ``Case.deceased_id_hash`` holds for this ID number."""
    return hash_for(Person, "id_number", id_number)


def open_case_for(id_number):
    """The open case of the person with this ID number, or None."""
    key = deceased_key(id_number) if id_number else ""
    if not key:
        return None
    return (
        Case.objects.filter(deceased_id_hash=key, status=CaseStatus.IN_PROGRESS)
        .select_related("applicant")
        .first()
    )


def someone_else_tried(case, *, attempt):
    """Text the open case's applicant, once per ``attempt`` (a draft, a call)."""
    return notify(
        "case_already_open",
        phone=case.applicant.phone,
        case=case,
        context={"reference": case.display_reference},
        dedupe_key=f"case:{case.pk}:another-application:{attempt}",
    )
