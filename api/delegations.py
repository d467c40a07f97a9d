"""Delegated authorization in the app: an heir reads what they are asked to
authorize and answers, through the same services as the personal link."""

import graphene
from django.utils.translation import gettext as _

from cases.masking import mask_name
from cases.models import DelegationStatus
from cases.services import delegations as service
from web.network import client_ip

from . import auth
from .errors import ApiError, answers_errors
from .types import in_english


class AuthorizedMatterType(graphene.ObjectType):
    class Meta:
        name = "AuthorizedMatter"

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    department = graphene.String(required=True)
    amount = graphene.String(description="Yuan, when the department has determined it.")

    def resolve_name(matter, info):
        english = in_english() and matter.get("name_en")
        return matter["name_en"] if english else matter["name_zh"]

    def resolve_department(matter, info):
        english = in_english() and matter.get("department_en")
        return matter["department_en"] if english else matter["department_zh"]

    def resolve_code(matter, info):
        return matter["code"]

    def resolve_amount(matter, info):
        return matter.get("amount")


class DelegationType(graphene.ObjectType):
    """One heir's authorization, as that heir sees it."""

    class Meta:
        name = "Delegation"

    id = graphene.ID(required=True)
    status = graphene.String(
        required=True,
        description="pending, confirmed, declined, offline, expired, revoked or void.",
    )
    status_label = graphene.String(required=True)
    case_reference = graphene.String(required=True)
    deceased = graphene.String(required=True, description="Masked.")
    payee_name = graphene.String(required=True)
    payee_account = graphene.String(required=True, description="Masked: the last four digits.")
    matters = graphene.List(graphene.NonNull(AuthorizedMatterType), required=True)
    authorization_text = graphene.String(required=True)
    expires_at = graphene.DateTime()
    decided_at = graphene.DateTime()
    can_revoke = graphene.Boolean(required=True)

    @classmethod
    def get_queryset(cls, info):
        """The authorizations the signed-in citizen was asked for as an heir."""
        return service.delegations_given_by(auth.citizen(info))

    @classmethod
    def for_id(cls, info, delegation_id):
        """The viewer's authorization with this id, or None (also for an id
        that is not one of our keys: a GraphQL ID is any string)."""
        text = str(delegation_id or "")
        if not text.isdigit() or len(text) > 18:  # beyond a 64-bit key: none of ours
            return None
        return cls.get_queryset(info).filter(pk=int(delegation_id)).first()

    def resolve_id(delegation, info):
        return delegation.pk

    def resolve_status_label(delegation, info):
        return delegation.get_status_display()

    def resolve_case_reference(delegation, info):
        return delegation.authorized.get("reference", "")

    def resolve_deceased(delegation, info):
        return mask_name(delegation.authorized.get("deceased_name", ""))

    def resolve_payee_name(delegation, info):
        return delegation.authorized.get("payee_name", "")

    def resolve_payee_account(delegation, info):
        return delegation.authorized.get("payee_account", "")

    def resolve_matters(delegation, info):
        return delegation.authorized.get("matters", [])

    def resolve_authorization_text(delegation, info):
        return service.authorization_text(delegation.authorized)

    def resolve_can_revoke(delegation, info):
        return delegation.status == DelegationStatus.CONFIRMED


def my_delegations(info):
    return list(DelegationType.get_queryset(info)[:50])


def _find(info, token, delegation_id):
    """By the link's token (anyone holding it), or by id (the signed-in heir)."""
    if token:
        return service.delegation_for_token(token)
    if delegation_id:
        found = DelegationType.for_id(info, delegation_id)
        if found is not None:
            return found
    raise service.DelegationRefused(_("No such authorization request."))


class RequestDelegationCode(graphene.Mutation):
    """Text the heir a code to their own phone."""

    class Arguments:
        token = graphene.String(description="From the personal link in the SMS.")
        id = graphene.ID(description="Or the request's id, for the signed-in heir.")

    sent = graphene.Boolean(required=True)
    next_code_at = graphene.DateTime(required=True)

    @answers_errors()
    def mutate(root, info, token="", id=None):
        delegation = _find(info, token, id)
        result = service.send_code(delegation, client_ip=client_ip(info.context))
        return RequestDelegationCode(sent=result.sent, next_code_at=result.next_code_at)


class Decision(graphene.Enum):
    CONFIRM = service.CONFIRM
    DECLINE = service.DECLINE
    OFFLINE = service.OFFLINE


class AnswerDelegation(graphene.Mutation):
    """Prove who you are (last six characters of your ID number and the
    code) and answer. The request is then used up."""

    class Arguments:
        token = graphene.String()
        id = graphene.ID()
        id_number_suffix = graphene.String(required=True)
        code = graphene.String(required=True)
        decision = Decision(required=True)
        reason = graphene.String(default_value="")

    delegation = graphene.Field(DelegationType, required=True)

    @answers_errors()
    def mutate(root, info, id_number_suffix, code, decision, reason, token="", id=None):
        request = info.context
        delegation = _find(info, token, id)
        heir = service.verify_heir(
            delegation,
            id_suffix=id_number_suffix,
            code=code.strip(),
            client_ip=client_ip(request),
        )
        answered = service.answer_delegation(
            delegation,
            decision=getattr(decision, "value", decision),
            heir_user=heir,
            client_ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            reason=reason,
        )
        return AnswerDelegation(delegation=answered)


class RevokeDelegation(graphene.Mutation):
    """The signed-in heir withdraws a confirmation (until the money is paid)."""

    class Arguments:
        id = graphene.ID(required=True)

    delegation = graphene.Field(DelegationType, required=True)

    @answers_errors()
    def mutate(root, info, id):
        user = auth.citizen(info)
        delegation = DelegationType.for_id(info, id)
        if delegation is None:
            raise ApiError(_("No such authorization request."), code="not_found")
        revoked = service.revoke_delegation(
            delegation, heir_user=user, client_ip=client_ip(info.context)
        )
        return RevokeDelegation(delegation=revoked)
