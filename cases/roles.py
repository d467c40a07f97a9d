"""Whether a user holds one of the roles of ``StaffRole`` (a group of that
name, created by migration)."""

from .constants import StaffRole


def has_role(user, *roles):
    """In any of the groups ``roles`` names."""
    return bool(
        getattr(user, "is_authenticated", False) and user.groups.filter(name__in=roles).exists()
    )


def is_administrator(user):
    return bool(getattr(user, "is_superuser", False)) or has_role(
        user, StaffRole.SYSTEM_ADMINISTRATOR
    )
