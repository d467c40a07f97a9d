"""An assistant in every village (村村都有) and one team to the end
(一支团队跟到底): which assistant serves a village, how many villages have a
trained one, and who follows each case.

An assistant counts for a village only while active and trained: a training
whose refresher is not yet due. A new case goes to such an assistant of the
deceased's village (from the registry's household address); a case an
assistant filed with the family stays with them when the village has none.
A supervisor of civil affairs may hand a case to another assistant, with a
reason; every assignment is a write event.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..models import (
    Area,
    AreaLevel,
    AssistantTraining,
    AuditEventKind,
    Case,
    Department,
    FuneralAssistant,
)
from ..roles import is_supervisor

# The form's answer that names the deceased's village (forms.domain).
VILLAGE_KEY = "deceased.village"
# The department whose supervisors run the network of assistants.
NETWORK_DEPARTMENT = "civil_affairs"


def trained_assistants(today):
    """Active assistants with a training whose refresher is not yet due."""
    current = AssistantTraining.objects.filter(assistant=OuterRef("pk"), refresher_due__gte=today)
    return FuneralAssistant.objects.filter(Exists(current), active=True)


def assistant_for(village, today):
    """The assistant a new case of ``village`` goes to: a trained one who
    serves it, the one with the fewest open cases first; or None."""
    if village is None:
        return None
    return (
        trained_assistants(today)
        .filter(villages=village)
        .annotate(open_cases=Count("cases", filter=Q(cases__status="in_progress")))
        .order_by("open_cases", "pk")
        .first()
    )


def villages_by_town():
    """The active villages for a family to choose from, grouped under
    "county town" as a select's option groups: [(group, [(code, name)])]."""
    villages = (
        Area.objects.filter(level=AreaLevel.VILLAGE, active=True)
        .select_related("parent__parent")
        .order_by("code")
    )
    groups = {}
    for village in villages:
        town = village.parent
        county = town.parent if town is not None else None
        group = " ".join(area.name for area in (county, town) if area is not None)
        groups.setdefault(group, []).append((village.code, village.name))
    return list(groups.items())


def area_path(area):
    """ "吴兴区 月河街道 第1社区": the area under its county and town."""
    names = []
    while area is not None:
        names.append(area.name)
        area = area.parent
    return " ".join(reversed(names))


def village_of(area_code):
    """The active village with that 12-digit code, or None."""
    if not area_code:
        return None
    return Area.objects.filter(code=area_code, level=AreaLevel.VILLAGE, active=True).first()


def assign_on_submission(case, *, area_code, filed_by_assistant=None):
    """Give a new case its village and assistant. Call inside the transaction
    that files it."""
    today = timezone.localdate()
    case.village = village_of(area_code)
    case.assistant = assistant_for(case.village, today) or filed_by_assistant
    if case.village is None and case.assistant is None:
        return case
    case.save(update_fields=["village", "assistant", "updated_at"])
    if case.assistant is not None:
        record_event(
            AuditEventKind.ASSISTANT_ASSIGNED,
            actor=None,
            case=case,
            subject=f"assistant:{case.assistant.pk}",
            outcome="village" if case.assistant != filed_by_assistant else "filed",
        )
    return case


def may_run_the_network(user):
    department = Department.objects.filter(code=NETWORK_DEPARTMENT).first()
    return department is not None and is_supervisor(user, department)


def reassign(case, assistant, *, by, reason):
    """A supervisor of civil affairs hands ``case`` to ``assistant``."""
    if not may_run_the_network(by):
        raise PermissionDenied(_("Only a supervisor of civil affairs assigns funeral assistants."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case changes assistant.")})
    if not assistant.active:
        raise ValidationError({"assistant": _("This assistant is not active.")})
    with transaction.atomic(), acting_as(by):
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.assistant = assistant
        case.save(update_fields=["assistant", "updated_at"])
        record_event(
            AuditEventKind.ASSISTANT_ASSIGNED,
            actor=by,
            case=case,
            subject=f"assistant:{assistant.pk}",
            outcome="reassigned",
        )
    return case


@dataclasses.dataclass(frozen=True)
class CountyCoverage:
    county: Area
    villages: int
    covered: int

    @property
    def percent(self):
        return round(100 * self.covered / self.villages, 1) if self.villages else 100.0


def _villages_with_cover(today):
    served = trained_assistants(today).filter(villages=OuterRef("pk"))
    return Area.objects.filter(level=AreaLevel.VILLAGE, active=True).annotate(
        covered=Exists(served)
    )


def coverage(today):
    """村村都有 measured: per county, its active villages and how many of them
    have an active, trained assistant (one grouped query)."""
    rows = (
        _villages_with_cover(today)
        .values("parent__parent")
        .annotate(villages=Count("pk"), covered=Count("pk", filter=Q(covered=True)))
    )
    counties = Area.objects.in_bulk([row["parent__parent"] for row in rows])
    return sorted(
        (
            CountyCoverage(counties[row["parent__parent"]], row["villages"], row["covered"])
            for row in rows
            if row["parent__parent"] in counties
        ),
        key=lambda row: row.county.code,
    )


# How far ahead the coverage page warns of trainings falling due.
REFRESHER_WARNING_DAYS = 30


def refreshers_due(today, within_days=REFRESHER_WARNING_DAYS):
    """Active assistants trained today whose last training's refresher falls
    due within ``within_days``: without a new course their villages lose
    cover on that day. Each with ``refresher_due`` (their latest)."""
    return (
        trained_assistants(today)
        .annotate(refresher_due=Max("trainings__refresher_due"))
        .filter(refresher_due__lte=today + datetime.timedelta(days=within_days))
        .order_by("refresher_due", "name")
    )


def uncovered_villages(today):
    """Active villages with no active, trained assistant, by code."""
    return (
        _villages_with_cover(today)
        .filter(covered=False)
        .select_related("parent__parent")
        .order_by("code")
    )
