"""Who may see which case. The portal, the API and the hotline ask here."""

from django.db.models import Q

from ..fields import hash_for
from ..models import Case, Person, PhoneDevice


def cases_visible_to(user):
    """The cases a signed-in citizen may open: those they submitted and those
    naming their verified mobile number as the applicant's."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    condition = Q(submitted_by=user)
    device = PhoneDevice.objects.filter(user=user).only("phone").first()
    if device is not None:
        condition |= Q(applicant__phone_hash=hash_for(Person, "phone", device.phone))
    return Case.objects.filter(condition)
