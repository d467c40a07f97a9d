"""Who among the staff may do what: decided here, and nowhere else.

A role is membership of a group (created by migration): each department has
a clerks' and a supervisors' group (linked from ``Department``); the roles
not tied to a department are the groups of ``StaffRole``.

What an administrator (a superuser, or in 系统管理员) may do is a decision:
they run the platform, so they see every department's queue and statistics
and may do what a supervisor does — correct a completed result, revoke a
certificate, release a hotline agent's lock-out — always with a reason, in
the audit trail. They do not do a department's own work (accept, ask the
family, complete, reject, not applicable, move an appointment): that is the
department's legal act, done by its clerks and supervisors.
"""

from django.db.models import Q

from .constants import StaffRole
from .models import Department, MedicalInstitution

# What a department's clerks and supervisors do on its tasks.
DEPARTMENT_ACTIONS = frozenset(
    {
        "accept",
        "request_materials",
        "complete",
        "not_applicable",
        "reject",
        "reopen",
        "appointment",
        "confirm_burial",
        "add_funeral_service",
        "cremation",
        "release_body",
        "rule_natural",
    }
)
# What only a supervisor of the department (or an administrator) does.
SUPERVISOR_ACTIONS = frozenset({"correct", "revoke", "reverse_death"})


def _groups(user):
    """The user's groups (ID → name), read once per user object.

    A page asks many role questions — the task page asked about forty, one
    query each (issue 36) — and the user object lives for one request, so a
    change of groups counts from the next one (and at once on this object,
    when made through it: forget_groups)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return _per_user(user, "groups", lambda: dict(user.groups.values_list("pk", "name")))


# What is worked out from a user's groups, kept on the user object.
_KEPT_ON_USER = {"groups": "_role_groups", "supervises": "_supervises"}


def _per_user(user, name, work_out):
    attribute = _KEPT_ON_USER[name]
    try:
        return getattr(user, attribute)
    except AttributeError:
        setattr(user, attribute, work_out())
        return getattr(user, attribute)


def forget_groups(instance, **_signal):
    """Receiver of User.groups' m2m_changed: what was worked out from the
    groups of a user changed through this object is worked out again."""
    for attribute in _KEPT_ON_USER.values():
        instance.__dict__.pop(attribute, None)


def has_role(user, *roles):
    """In any of the groups ``roles`` names."""
    return any(name in roles for name in _groups(user).values())


def is_staff_member(user):
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


def is_administrator(user):
    return bool(getattr(user, "is_superuser", False)) or has_role(
        user, StaffRole.SYSTEM_ADMINISTRATOR
    )


def is_hotline_agent(user):
    return is_staff_member(user) and has_role(user, StaffRole.HOTLINE_AGENT)


def is_hotline_supervisor(user):
    return is_administrator(user) or (
        is_staff_member(user) and has_role(user, StaffRole.HOTLINE_SUPERVISOR)
    )


def is_funeral_assistant(user):
    return is_staff_member(user) and has_role(user, StaffRole.FUNERAL_ASSISTANT)


def files_for_families(user):
    """Staff who file an application for a family: the funeral assistant
    beside them (代办) and the 12345 agent on the phone (电话办)."""
    return is_funeral_assistant(user) or is_hotline_agent(user)


def is_citizen(user):
    """Signed in, and not a member of staff: a family's own account."""
    return bool(
        getattr(user, "is_authenticated", False) and not (user.is_staff or user.is_superuser)
    )


def may_use_family_pages(user):
    """The family's pages (apply, my cases, heirs, results) are for citizens
    signed in by SMS code, and for the staff who file with a family. Any
    other staff account is not a family: its password and authenticator are
    for its work in the admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_citizen(user) or files_for_families(user)


def member_departments(user):
    """The departments whose clerks' or supervisors' group the user is in."""
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    groups = user.groups.all()
    return Department.objects.filter(Q(clerk_group__in=groups) | Q(supervisor_group__in=groups))


def departments_for(user):
    """The departments whose queues the user sees: their own, or all for an
    administrator."""
    if is_administrator(user):
        return Department.objects.all()
    return member_departments(user)


def is_member(user, department):
    """A clerk or supervisor of ``department``."""
    group_ids = [department.clerk_group_id, department.supervisor_group_id]
    groups = _groups(user)
    return any(pk in groups for pk in group_ids)


def is_supervisor(user, department):
    """A supervisor of ``department``, or an administrator."""
    if is_administrator(user):
        return True
    return department.supervisor_group_id is not None and department.supervisor_group_id in _groups(
        user
    )


def may_act(user, action, department):
    """Whether ``user`` may take the workbench ``action`` on a task of ``department``."""
    if action in SUPERVISOR_ACTIONS:
        return is_supervisor(user, department)
    if action in DEPARTMENT_ACTIONS:
        return is_member(user, department)
    raise ValueError(f"Unknown workbench action {action!r}")


def supervises_a_department(user):
    """A supervisor of at least one department, or an administrator (asked
    by every admin menu: answered once per user object)."""
    if is_administrator(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return _per_user(user, "supervises", lambda: supervised_departments(user).exists())


# The statistics are the supervisors' view of their departments.
may_see_statistics = supervises_a_department


def supervised_departments(user):
    """The departments whose supervisors' group the user is in; all of them
    for an administrator."""
    if is_administrator(user):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(supervisor_group__in=user.groups.all())


def liaison_institutions(user):
    """The medical institutions whose liaisons' group the user is in: whose
    deaths they record and whose certificates they see (only those)."""
    if not is_staff_member(user):
        return MedicalInstitution.objects.none()
    return MedicalInstitution.objects.filter(active=True, liaison_group__in=user.groups.all())


def is_liaison(user):
    return liaison_institutions(user).exists()
