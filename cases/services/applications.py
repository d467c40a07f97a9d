"""An application becomes a case, whichever face brings it: the web wizard,
a funeral assistant filing with the family (代办), a 12345 agent filing for
a caller (电话办), and — as it comes — the app. The rules every channel
shares live here: who may file on whose behalf, the family's proof that they
agreed, and the documents that come with the application, written in the
same transaction as the case."""

from django.db import transaction
from django.utils.translation import gettext as _

from ..constants import Channel
from ..roles import is_funeral_assistant, is_hotline_agent
from ..validators import normalise_phone
from .documents import attach
from .submission import submit_case

# Channels where someone files for the family: the applicant confirms from
# their own phone before the case exists.
FAMILY_CONFIRMS = frozenset({Channel.ASSISTED, Channel.HOTLINE})


class FamilyNotConfirmed(Exception):
    """The applicant has not confirmed this application from their phone."""

    def __init__(self):
        super().__init__(
            _("The family has not confirmed this application with the code sent to their phone.")
        )


def channel_for(user, requested):
    """A funeral assistant always files on the assisted channel, a hotline
    agent on the hotline's: the family then confirms by a code."""
    if is_funeral_assistant(user):
        return Channel.ASSISTED
    if is_hotline_agent(user):
        return Channel.HOTLINE
    return requested


def family_confirmed(confirmed_phone, applicant_phone):
    """A confirmation counts only for the number it was sent to: if the
    applicant's number changes afterwards, the family confirms again."""
    if not confirmed_phone or not applicant_phone:
        return False
    return normalise_phone(confirmed_phone) == normalise_phone(applicant_phone)


def submit_application(
    *,
    scenario,
    channel,
    deceased,
    applicant,
    profile,
    submitted_by,
    form_revision_id=None,
    answers=None,
    documents=(),
    confirmed_phone="",
):
    """Submit the case with its documents; return the case.

    Raises FamilyNotConfirmed on a channel where the family must confirm and
    has not (for this applicant's number), and ValidationError (keyed as
    ``submit_case`` keys it) when an answer is refused; nothing is written
    then."""
    if channel in FAMILY_CONFIRMS and not family_confirmed(confirmed_phone, applicant.phone):
        raise FamilyNotConfirmed
    with transaction.atomic():
        case = submit_case(
            scenario=scenario,
            channel=channel,
            deceased=deceased,
            applicant=applicant,
            profile=profile,
            submitted_by=submitted_by,
            form_revision_id=form_revision_id,
            answers=answers,
        )
        attach(case, documents, actor=submitted_by)
    return case
