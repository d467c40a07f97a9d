"""Which matters a case gets, and in what order they can be handled."""

from dataclasses import dataclass, field

from ..constants import RESOLVED_TASK_STATUSES, TaskStatus


@dataclass
class PlannedTask:
    matter: object
    depends_on: list = field(default_factory=list)
    status: str = TaskStatus.WAITING


def applicable_matters(matters, scenario, profile):
    """The matters that apply to a death in ``scenario`` of someone with ``profile``."""
    return [matter for matter in matters if matter.applies_to(scenario, profile)]


def plan_tasks(matters, scenario, profile, *, identity_verified):
    """One planned task per applicable matter, with its dependencies among them
    and its starting status.

    ``matters`` must have ``depends_on`` prefetched. A dependency on a matter
    that does not apply is replaced by that matter's own dependencies: "after
    H01, P01" means "after whichever of the two this scenario has", and the
    survivors' benefit (after the pension stop) still waits for the death
    certificate when the deceased had no pension. Automatic matters (the identity
    check) start completed when the registry confirmed the identity. Consent
    matters start waiting whatever they depend on: no heir has consented yet.
    """
    catalogue = {matter.code: matter for matter in matters}
    applicable = applicable_matters(matters, scenario, profile)
    by_code = {matter.code: PlannedTask(matter) for matter in applicable}
    for planned in by_code.values():
        planned.depends_on = [
            by_code[code] for code in applicable_dependencies(planned.matter, catalogue, by_code)
        ]
    settled = False
    while not settled:
        settled = True
        for planned in by_code.values():
            if planned.status != TaskStatus.WAITING or planned.matter.requires_consent:
                continue
            if all(dep.status in RESOLVED_TASK_STATUSES for dep in planned.depends_on):
                automatic = planned.matter.is_automatic and identity_verified
                planned.status = TaskStatus.COMPLETED if automatic else TaskStatus.READY
                settled = False
    return list(by_code.values())


def applicable_dependencies(matter, catalogue, applicable, seen=None):
    """Codes of the applicable matters ``matter`` waits for, looking through
    the ones that do not apply. Matters outside ``catalogue`` (retired) count
    as absent."""
    seen = set() if seen is None else seen
    codes = []
    for dependency in matter.depends_on.all():
        if dependency.code in seen or dependency.code not in catalogue:
            continue
        seen.add(dependency.code)
        if dependency.code in applicable:
            codes.append(dependency.code)
        else:
            codes.extend(
                applicable_dependencies(catalogue[dependency.code], catalogue, applicable, seen)
            )
    return codes
