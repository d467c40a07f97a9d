"""政务服务"好差评" from the app: the same service as the portal's rating
page (``cases.services.ratings``) — each department of a done case rated
once, and the departments' answers to poor ratings."""

import graphene
from django.core.exceptions import ValidationError

from cases.constants import Channel
from cases.models import SatisfactionLevel
from cases.services import ratings as rating_services

from . import auth
from .application_types import ChoiceType, FieldErrorType, field_errors, problems_of
from .errors import answers_errors, not_found
from .types import case_of


class RatingDepartmentType(graphene.ObjectType):
    class Meta:
        name = "RatingDepartment"

    code = graphene.String(required=True, description="Pass it to rateDepartment.")
    name = graphene.String(required=True)


class RatingType(graphene.ObjectType):
    class Meta:
        name = "Rating"

    department = graphene.String(required=True)
    level = graphene.Int(required=True, description="5 very satisfied … 1 very dissatisfied.")
    level_label = graphene.String(required=True)
    review_due = graphene.DateTime(description="A poor rating: answered by then.")
    answer = graphene.String(description="The department's answer to a poor rating.")
    answered_at = graphene.DateTime()

    def resolve_department(rating, info):
        return rating.department.name

    def resolve_level_label(rating, info):
        return rating.get_level_display()

    def resolve_answer(rating, info):
        return rating.answer if rating.answered_at else None


class RatingFormType(graphene.ObjectType):
    """What the app shows: the five levels, the departments still to rate
    (the first is asked next) and the ratings given with their answers."""

    class Meta:
        name = "RatingForm"

    may_rate = graphene.Boolean(
        required=True, description="False until every matter is done, and for staff."
    )
    levels = graphene.List(graphene.NonNull(ChoiceType), required=True)
    reason_required_below = graphene.Int(
        required=True, description="A level below this one needs a reason."
    )
    to_rate = graphene.List(graphene.NonNull(RatingDepartmentType), required=True)
    ratings = graphene.List(graphene.NonNull(RatingType), required=True)


def _form(case, user):
    may_rate = rating_services.may_rate(user, case)
    return RatingFormType(
        may_rate=may_rate,
        levels=[
            ChoiceType(value=str(value), label=label) for value, label in SatisfactionLevel.choices
        ],
        reason_required_below=SatisfactionLevel.FAIRLY_SATISFIED,
        to_rate=[
            RatingDepartmentType(code=d.code, name=d.name)
            for d in (rating_services.to_rate(case) if may_rate else [])
        ],
        ratings=list(rating_services.ratings_of(case)),
    )


class RatingQueries(graphene.ObjectType):
    rating_form = graphene.Field(
        RatingFormType, required=True, reference=graphene.String(required=True)
    )

    @answers_errors()
    def resolve_rating_form(root, info, reference):
        user = auth.citizen(info)
        return _form(case_of(info, reference), user)


class RateDepartment(graphene.Mutation):
    """Rate one department of a done case, once. A level below
    reasonRequiredBelow needs a reason; the department's supervisor answers
    it. Refusals come back in ``errors``, keyed ``level`` or ``reason``."""

    class Arguments:
        reference = graphene.String(required=True)
        department = graphene.String(required=True, description="A code from toRate.")
        level = graphene.Int(required=True)
        reason = graphene.String(default_value="")

    saved = graphene.Boolean(required=True)
    errors = graphene.List(graphene.NonNull(FieldErrorType), required=True)
    form = graphene.Field(RatingFormType, required=True)

    @answers_errors()
    def mutate(root, info, reference, department, level, reason):
        user = auth.citizen(info)
        case = case_of(info, reference)
        chosen = rating_services.case_departments(case).filter(code=department).first()
        if chosen is None:
            raise not_found()
        try:
            rating_services.rate(case, chosen, level, reason, actor=user, channel=Channel.MOBILE)
        except ValidationError as exc:
            return RateDepartment(
                saved=False, errors=field_errors(problems_of(exc)), form=_form(case, user)
            )
        case.refresh_from_db()
        return RateDepartment(saved=True, errors=[], form=_form(case, user))


class RatingMutations(graphene.ObjectType):
    rate_department = RateDepartment.Field()
