"""Staff in tests sign in as in the admin: password, then a verified TOTP device."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def staff_login(client, user):
    """Sign ``user`` in with a confirmed authenticator, as after the second step."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or (
        TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def department_member(code, *, supervisor=False):
    """A member of staff in a department's clerks' (or supervisors') group."""
    from cases.models import Department
    from tests.factories import UserFactory

    department = Department.objects.get(code=code)
    user = UserFactory(is_staff=True)
    user.groups.add(department.supervisor_group if supervisor else department.clerk_group)
    return user
