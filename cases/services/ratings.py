"""政务服务"好差评": the family of a done case rates each department once,
on the national five levels, on the web, in the app or from the link in the
completion text. A poor rating (the two lowest levels, a reason required)
opens a review for that department's supervisors, who answer the family by
a deadline (``RATING_REVIEW_WORKING_DAYS``)."""

import dataclasses

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record
from ..constants import CaseStatus
from ..limits import LimitUnit, TimeLimit
from ..models import (
    POOR_LEVELS,
    AuditEventKind,
    Case,
    Department,
    Rating,
    SatisfactionLevel,
)
from ..notifications import notify
from ..roles import files_for_families, is_supervisor, supervised_departments
from ..workdays import calendar_for

REASON_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 500


def rating_link(case):
    """The page the completion text sends the family to."""
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/cases/{case.reference}/rate/"


def case_departments(case):
    """The departments that worked on ``case``, in the catalogue's order."""
    return Department.objects.filter(pk__in=case.tasks.values("department_id")).order_by(
        "sort_order", "pk"
    )


def to_rate(case):
    """The departments of a done case the family has not rated yet."""
    if case.status != CaseStatus.COMPLETED:
        return []
    return list(case_departments(case).exclude(pk__in=case.ratings.values("department_id")))


def ratings_of(case):
    """The ratings given for ``case``, in the order they were given, with
    their departments: what the family reads back on the web and in the app."""
    return case.ratings.select_related("department").order_by("rated_at")


def may_rate(user, case):
    """The family rates; staff who filed for them do not rate for them."""
    return case.status == CaseStatus.COMPLETED and not files_for_families(user)


def rate(case, department, level, reason="", *, actor, channel):
    """Record the family's rating of ``department`` for ``case``; a poor one
    opens a review. ValidationError says in the family's words what is wrong."""
    if files_for_families(actor):
        raise PermissionDenied("Staff who file for a family do not rate for it.")
    reason = (reason or "").strip()
    try:
        level = SatisfactionLevel(int(level))
    except (TypeError, ValueError):
        raise ValidationError(
            {"level": _("Choose one of the five levels.")}, code="level"
        ) from None
    if level in POOR_LEVELS and not reason:
        raise ValidationError(
            {"reason": _("Please tell us what went wrong, so the department can put it right.")},
            code="reason_required",
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Please keep it under %(count)s characters.")
                % {"count": REASON_MAX_LENGTH}
            },
            code="reason_length",
        )
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status != CaseStatus.COMPLETED:
            raise ValidationError(
                _("Services can be rated once every matter of the case is done."),
                code="not_done",
            )
        if not case.tasks.filter(department=department).exists():
            raise ValidationError(
                _("%(department)s did not work on this case.") % {"department": department.name},
                code="not_in_case",
            )
        review_due = None
        if level in POOR_LEVELS:
            limit = TimeLimit(settings.RATING_REVIEW_WORKING_DAYS, LimitUnit.WORKING_DAYS)
            review_due = limit.due(now, calendar_for([limit], now))
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    case=case,
                    department=department,
                    level=level,
                    reason=reason,
                    channel=channel,
                    rated_by=actor if getattr(actor, "is_authenticated", False) else None,
                    rated_at=now,
                    review_due=review_due,
                )
                record(
                    AuditEventKind.SERVICE_RATED,
                    actor=actor,
                    case=case,
                    subject=f"rating:{rating.pk}",
                    department=department.code,
                    outcome=int(level),
                )
        except IntegrityError:
            raise ValidationError(
                _("You have already rated %(department)s for this case. Thank you.")
                % {"department": department.name},
                code="already_rated",
            ) from None
    return rating


def open_reviews(user):
    """The poor ratings the user's departments have still to answer, the
    soonest due first."""
    return (
        Rating.objects.filter(
            review_due__isnull=False,
            answered_at__isnull=True,
            department__in=supervised_departments(user),
        )
        .select_related("department", "case")
        .order_by("review_due", "pk")
    )


def answer_review(rating, answer, *, actor):
    """The department's supervisor answers a poor rating; the family gets a
    text and reads the answer on the case page."""
    if not is_supervisor(actor, rating.department):
        raise PermissionDenied("Only the department's supervisors answer its ratings.")
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer to the family.")}, code="required")
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            {"answer": _("Keep it under %(count)s characters.") % {"count": ANSWER_MAX_LENGTH}},
            code="answer_length",
        )
    with transaction.atomic(), acting_as(actor):
        rating = (
            Rating.objects.select_for_update()
            .select_related("department", "case__applicant")
            .get(pk=rating.pk)
        )
        if rating.review_due is None:
            raise ValidationError(_("Only a poor rating is reviewed."), code="not_poor")
        if rating.answered_at is not None:
            raise ValidationError(_("This rating has already been answered."), code="answered")
        rating.answer = answer
        rating.answered_by = actor
        rating.answered_at = timezone.now()
        rating.save(update_fields=["answer", "answered_by", "answered_at"])
        record(
            AuditEventKind.RATING_ANSWERED,
            actor=actor,
            case=rating.case,
            subject=f"rating:{rating.pk}",
            department=rating.department.code,
        )
        case = rating.case
        english = case.language.startswith("en")
        notify(
            "rating_answered",
            phone=case.applicant.phone,
            case=case,
            context={
                "reference": case.display_reference,
                "department": (rating.department.name_en if english else "")
                or rating.department.name_zh,
            },
            dedupe_key=f"rating:{rating.pk}:answered",
        )
    return rating


def review_of(user, pk, *, remote_addr=None):
    """A poor rating for its department's supervisor to review: reading the
    family's words is an access event."""
    rating = (
        Rating.objects.filter(review_due__isnull=False, department__in=supervised_departments(user))
        .select_related("department", "case")
        .get(pk=pk)
    )
    record(
        AuditEventKind.RATING_READ,
        actor=user,
        case=rating.case,
        subject=f"#{rating.pk}",
        remote_addr=remote_addr,
        department=rating.department.code,
    )
    return rating


@dataclasses.dataclass
class RatingFigures:
    """Ratings of one department or matter in a period."""

    name: str
    count: int
    average: float | None
    poor: int
    satisfied: int  # the three upper levels

    @property
    def satisfied_rate(self):
        return self.satisfied / self.count if self.count else None


def rating_figures(departments, begin, finish):
    """Ratings given in [begin, finish) to ``departments`` (ids): per
    department, and per matter (a rating counts for each matter the rated
    department handled in that case). Grouped in the database: the rows
    read are the period's ratings, not the tasks of all time."""
    ratings = Rating.objects.filter(
        department_id__in=departments, rated_at__gte=begin, rated_at__lt=finish
    )
    figures = {
        "count": Count("pk"),
        "average": Avg("level"),
        "poor": Count("pk", filter=Q(level__in=POOR_LEVELS)),
        "satisfied": Count("pk", filter=Q(level__gte=SatisfactionLevel.FAIRLY_SATISFIED)),
    }
    by_department = (
        ratings.values("department__name_zh", "department__sort_order")
        .annotate(**figures)
        .order_by("department__sort_order", "department__name_zh")
    )
    # A rating counts for each matter its department handled in that case.
    by_matter = (
        ratings.filter(case__tasks__department_id=F("department_id"))
        .values("case__tasks__matter_code", "case__tasks__matter_name_zh")
        .annotate(**figures)
        .order_by("case__tasks__matter_code")
    )
    return (
        [_figures(row["department__name_zh"], row) for row in by_department],
        [
            _figures(f"{row['case__tasks__matter_code']} {row['case__tasks__matter_name_zh']}", row)
            for row in by_matter
        ],
    )


def _figures(name, row):
    average = row["average"]
    return RatingFigures(
        name=name,
        count=row["count"],
        average=round(average, 2) if average is not None else None,
        poor=row["poor"],
        satisfied=row["satisfied"],
    )
