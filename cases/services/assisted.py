"""Filing for a family — the assisted channel (代办: a funeral assistant fills
in the application with the family) and the hotline (电话办: a 12345 agent
fills it in for a caller): the family's applicant confirms it with a code
sent to their own phone before it is submitted.

The code confirms that one application and nothing else: it is read aloud to
the assistant or the agent, so it must never sign anyone in as the family (their cases,
heirs and account would be the assistant's to read). The family signs in
with a sign-in code of their own, sent when they ask for it."""

from ..constants import Channel
from ..masking import mask_name
from ..models import CodePurpose
from . import codes

# Who files says who asks: the text names the assistant or the hotline.
TEMPLATES = {Channel.ASSISTED: "assisted_confirmation", Channel.HOTLINE: "hotline_confirmation"}


def send_family_confirmation(
    phone, *, application, deceased_name, channel=Channel.ASSISTED, client_ip=None
):
    """Text the applicant a code that confirms ``application`` (the draft's
    id) only; returns codes.CodeRequest."""
    return codes.send(
        CodePurpose.FAMILY_CONFIRMATION,
        application,
        phone,
        template=TEMPLATES[channel],
        context={"deceased": mask_name(deceased_name)},
        client_ip=client_ip,
    )


def confirm_family(phone, code, *, application, client_ip=None):
    """Raise codes.CodeRefused unless ``code`` is the one sent to ``phone``
    to confirm ``application``."""
    codes.confirm(CodePurpose.FAMILY_CONFIRMATION, application, phone, code, client_ip=client_ip)
