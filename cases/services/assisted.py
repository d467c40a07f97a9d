"""The assisted channel (代办): a funeral assistant fills in the application
with the family; the family's applicant confirms it with a code sent to their
own phone before it is submitted. The code goes through the same SMS device,
throttling and lockout as signing in, and it gives the family an account, so
they can follow the case themselves."""

from ..masking import mask_name
from . import sign_in


def send_family_confirmation(phone, *, deceased_name):
    """Text the applicant a confirmation code; returns sign_in.CodeRequest."""
    return sign_in.request_sign_in_code(
        phone,
        template="assisted_confirmation",
        context={"deceased": mask_name(deceased_name)},
    )


def confirm_family(phone, code):
    """Raise sign_in.SignInRefused unless ``code`` is the one sent to ``phone``."""
    user, _device = sign_in.verify_sign_in_code(phone, code)
    return user
