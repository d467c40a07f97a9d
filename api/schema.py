import graphene
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cases.models import Certificate, DepartmentTask, HeirDeclaration
from cases.references import parse_reference
from content.models import MatterPage, ScenarioGuidePage

from . import auth
from .applications import ApplicationQueries
from .delegations import DelegationType, my_delegations
from .errors import ApiError, answers_errors, not_found
from .heirs import HeirQueries
from .mutations import Mutation
from .ratings import RatingQueries
from .types import (
    CaseType,
    HotlineCaseType,
    MatterGuideType,
    ScenarioGuideType,
    visible_cases,
)

LANGUAGES = {"zh-hans", "en"}


def visible_with_tasks(info):
    """The viewer's cases, each with what CaseStatus and myCases show."""
    return with_status_rows(visible_cases(info))


def with_status_rows(cases):
    """``cases`` with their tasks, certificates, assistant and current heirs'
    declaration fetched in one query each.

    The related rows are not filtered again by their types' get_queryset:
    they hang off cases already limited to the viewer's, and the filter's
    UNION subquery ran once more per prefetch (issue 36)."""
    return cases.select_related("assistant").prefetch_related(
        Prefetch("tasks", queryset=DepartmentTask.objects.select_related("department")),
        Prefetch("certificates", queryset=Certificate.objects.select_related("department")),
        Prefetch(
            "heir_declarations",
            queryset=HeirDeclaration.objects.current().prefetch_related("delegations"),
            to_attr="current_declarations",
        ),
    )


class Query(ApplicationQueries, HeirQueries, RatingQueries, graphene.ObjectType):
    my_cases = graphene.List(
        graphene.NonNull(CaseType), required=True, description="The signed-in family's cases."
    )
    case = graphene.Field(CaseType, reference=graphene.String(required=True))
    my_delegations = graphene.List(
        graphene.NonNull(DelegationType),
        required=True,
        description="Authorizations the signed-in citizen was asked for as an heir.",
    )
    scenario_guides = graphene.List(
        graphene.NonNull(ScenarioGuideType),
        required=True,
        language=graphene.String(default_value="zh-hans"),
    )
    matter_guides = graphene.List(
        graphene.NonNull(MatterGuideType),
        required=True,
        language=graphene.String(default_value="zh-hans"),
    )
    hotline_lookup = graphene.Field(
        HotlineCaseType,
        caller_phone=graphene.String(required=True),
        reference=graphene.String(),
        deceased_id_number=graphene.String(),
        description="For hotline agents: a case the caller is on, masked. Logged.",
    )

    def resolve_my_cases(root, info):
        return list(visible_with_tasks(info).order_by("-submitted_at")[:100])

    def resolve_my_delegations(root, info):
        return my_delegations(info)

    def resolve_case(root, info, reference):
        auth.citizen(info)
        try:
            stored = parse_reference(reference)
        except ValidationError:  # a malformed reference is simply not a case
            raise not_found() from None
        case = visible_with_tasks(info).filter(reference=stored).first()
        if case is None:
            raise not_found()
        return case

    def resolve_scenario_guides(root, info, language):
        return list(
            ScenarioGuidePage.objects.live()
            .public()
            .filter(locale__language_code=_language(language))
            .order_by("path")
        )

    def resolve_matter_guides(root, info, language):
        return list(
            MatterPage.objects.live()
            .public()
            .filter(locale__language_code=_language(language))
            .select_related("matter__department")
            .order_by("matter__code")
        )

    @answers_errors()
    def resolve_hotline_lookup(root, info, caller_phone, reference="", deceased_id_number=""):
        from cases.models import HotlineAccess
        from cases.services.hotline import LookupRefused, look_up

        agent = auth.hotline_agent(info)
        try:
            return look_up(
                agent,
                caller_phone=caller_phone,
                reference=reference or "",
                deceased_id_number=deceased_id_number or "",
                via=HotlineAccess.Via.API,
            )
        except LookupRefused as refused:
            if refused.reason == HotlineAccess.Reason.LOCKED:
                token = getattr(info.context, "api_token", None)
                if token is not None and token.revoked_at is None:
                    token.revoke("locked: too many refused lookups")
            raise


def _language(language):
    if language not in LANGUAGES:
        raise ApiError(_("Unknown language; use zh-hans or en."))
    return language


schema = graphene.Schema(query=Query, mutation=Mutation, auto_camelcase=True)
