"""Who may see which case. The portal, the API and the hotline ask here."""

from ..fields import hash_for
from ..models import Case, Person, PhoneDevice


def cases_visible_to(user):
    """The cases a signed-in citizen may open: those they submitted and those
    naming their verified mobile number as the applicant's.

    The two are found apart and joined with UNION: one OR across the join to
    the applicant made PostgreSQL scan the case and person tables whole
    (375 ms at 100,000 cases against 0.59 ms for the two index look-ups)."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    mine = Case.objects.filter(submitted_by=user).order_by().values("pk")
    # A funeral assistant follows the families of their cases to the end
    # (一对一、面对面), whoever filed them.
    if getattr(user, "is_staff", False):
        mine = mine.union(Case.objects.filter(assistant__user=user).order_by().values("pk"))
    device = PhoneDevice.objects.filter(user=user).only("phone").first()
    if device is not None:
        as_applicant = (
            Case.objects.filter(applicant__phone_hash=hash_for(Person, "phone", device.phone))
            .order_by()
            .values("pk")
        )
        mine = mine.union(as_applicant)
    return Case.objects.filter(pk__in=mine)
