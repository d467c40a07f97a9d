"""The applicant's declaration of the heirs and the payee, from the app: the
same service as the portal's heirs page (``cases.services.heirs``)."""

import graphene
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from cases.constants import FIRST_ORDER_HEIR_CHOICES
from cases.references import parse_reference
from cases.services import heirs as heir_services
from web.network import client_ip

from . import auth
from .application_types import ChoiceType, FieldErrorType, field_errors, problems_of
from .errors import ApiError, answers_errors, not_found
from .types import CaseType, visible_cases


class HeirType(graphene.ObjectType):
    class Meta:
        name = "Heir"

    name = graphene.String(required=True)
    relationship = graphene.String(required=True)
    id_number = graphene.String(required=True)
    phone = graphene.String(required=True, description="Empty for an heir who is offline.")
    online = graphene.Boolean(required=True)


class HeirsFormType(graphene.ObjectType):
    """What the app shows before the applicant declares: the current list
    (or the registry's first-order heirs), the payee and the text agreed to."""

    class Meta:
        name = "HeirsForm"

    heirs = graphene.List(graphene.NonNull(HeirType), required=True)
    relationships = graphene.List(graphene.NonNull(ChoiceType), required=True)
    payee_name = graphene.String(required=True)
    payee_account = graphene.String(
        required=True, description="The current payee's, else the account given when applying."
    )
    declaration_text = graphene.String(required=True)
    declaration_version = graphene.String(required=True, description="Send it back to agree.")


def _paying_case(info, reference):
    try:
        case = (
            visible_cases(info)
            .select_related("deceased", "applicant")
            .get(reference=parse_reference(reference))
        )
    except (ValidationError, ObjectDoesNotExist):
        raise not_found() from None
    if not heir_services.pays_heirs(case):
        raise ApiError(_("No matter of this case pays money to the heirs."), code="refused")
    return case


class HeirQueries(graphene.ObjectType):
    heirs_form = graphene.Field(
        HeirsFormType, required=True, reference=graphene.String(required=True)
    )

    @answers_errors()
    def resolve_heirs_form(root, info, reference):
        auth.citizen(info)
        case = _paying_case(info, reference)
        prefill = heir_services.declaration_prefill(case)
        return HeirsFormType(
            heirs=[
                HeirType(
                    name=h.name,
                    relationship=h.relationship,
                    id_number=h.id_number,
                    phone=h.phone,
                    online=h.online,
                )
                for h in prefill.heirs
            ],
            relationships=[
                ChoiceType(value=value, label=str(label))
                for value, label in FIRST_ORDER_HEIR_CHOICES
            ],
            payee_name=prefill.payee_name,
            payee_account=prefill.payee_account,
            declaration_text=heir_services.declaration_text(),
            declaration_version=heir_services.DECLARATION_VERSION,
        )


class HeirInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    relationship = graphene.String(required=True, description="spouse, child or parent.")
    id_number = graphene.String(required=True)
    phone = graphene.String(default_value="")
    online = graphene.Boolean(
        default_value=True, description="False for an heir who cannot confirm online."
    )


class DeclareHeirs(graphene.Mutation):
    """List the other first-order heirs and the payee; each online heir is
    texted a link to confirm. Refused answers come back in ``errors``, keyed
    ``heirs.<n>.<field>``, ``payeeName``, ``payeeAccount`` or ``consent``."""

    class Arguments:
        reference = graphene.String(required=True)
        heirs = graphene.List(graphene.NonNull(HeirInput), required=True)
        payee_name = graphene.String(required=True)
        payee_account = graphene.String(required=True)
        declaration_version = graphene.String(
            required=True, description="The version of the text the applicant agreed to."
        )

    saved = graphene.Boolean(required=True)
    errors = graphene.List(graphene.NonNull(FieldErrorType), required=True)
    voided_confirmations = graphene.Int(
        required=True, description="Authorizations given before that no longer count."
    )
    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference, heirs, payee_name, payee_account, declaration_version):
        user = auth.citizen(info)
        case = _paying_case(info, reference)
        try:
            declaration = heir_services.declare_heirs(
                case,
                heirs=[
                    heir_services.HeirData(
                        name=h.name,
                        relationship=h.relationship,
                        id_number=h.id_number,
                        phone=h.phone if h.online else "",
                        online=h.online,
                    )
                    for h in heirs
                ],
                payee_name=payee_name,
                payee_account=payee_account,
                consent_version=declaration_version,
                actor=user,
                client_ip=client_ip(info.context),
            )
        except ValidationError as exc:
            return DeclareHeirs(
                saved=False,
                errors=field_errors({_camel(k): v for k, v in problems_of(exc).items()}),
                voided_confirmations=0,
                case=case,
            )
        return DeclareHeirs(
            saved=True,
            errors=[],
            voided_confirmations=declaration.voided_confirmations,
            case=case,
        )


def _camel(key):
    """The service's error keys as the API names its arguments."""
    head, *rest = key.split("_")
    return head + "".join(part.title() for part in rest) if key != "__all__" else key


class HeirMutations(graphene.ObjectType):
    declare_heirs = DeclareHeirs.Field()
