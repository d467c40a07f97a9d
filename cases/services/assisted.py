"""The assisted channel (代办): a funeral assistant fills in the application
with the family; the family's applicant confirms it with a code sent to their
own phone before it is submitted.

The code confirms that one application and nothing else: it is read aloud to
the assistant, so it must never sign anyone in as the family (their cases,
heirs and account would be the assistant's to read). The family signs in
with a sign-in code of their own, sent when they ask for it."""

from ..masking import mask_name
from ..models import CodePurpose
from . import codes


def send_family_confirmation(phone, *, application, deceased_name, client_ip=None):
    """Text the applicant a code that confirms ``application`` (the draft's
    id) only; returns codes.CodeRequest."""
    return codes.send(
        CodePurpose.FAMILY_CONFIRMATION,
        application,
        phone,
        template="assisted_confirmation",
        context={"deceased": mask_name(deceased_name)},
        client_ip=client_ip,
    )


def confirm_family(phone, code, *, application, client_ip=None):
    """Raise codes.CodeRefused unless ``code`` is the one sent to ``phone``
    to confirm ``application``."""
    codes.confirm(CodePurpose.FAMILY_CONFIRMATION, application, phone, code, client_ip=client_ip)
