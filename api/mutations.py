"""Mutations the app needs. Each one calls the same service as the portal."""

import datetime

import graphene
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext as _

from cases.roles import files_for_families
from cases.services import burial, fees, offsets, statements
from cases.services.found_later import add_found_later
from cases.services.materials import ANSWERABLE, supply_materials
from cases.services.sign_in import SignInRefused, request_sign_in_code, verify_sign_in_code
from cases.services.withdrawal import withdraw_case
from web.network import client_ip

from . import auth
from .applications import ApplicationMutations
from .burial import place_to_book
from .delegations import AnswerDelegation, RequestDelegationCode, RevokeDelegation
from .errors import ApiError, answers_errors, forbidden, not_found
from .heirs import HeirMutations
from .models import ApiToken
from .ratings import RatingMutations
from .rights import RightsMutations
from .types import CaseType, TaskType, case_of


class RequestLoginCode(graphene.Mutation):
    """Text a sign-in code. The answer is the same for every valid number."""

    class Arguments:
        phone = graphene.String(required=True)

    sent = graphene.Boolean(required=True)
    next_code_at = graphene.DateTime(required=True)

    @answers_errors((SignInRefused, "throttled"))
    def mutate(root, info, phone):
        result = request_sign_in_code(phone, client_ip=client_ip(info.context))
        return RequestLoginCode(sent=result.sent, next_code_at=result.next_code_at)


class VerifyLoginCode(graphene.Mutation):
    """Exchange the code for an app token (shown once; stored hashed)."""

    class Arguments:
        phone = graphene.String(required=True)
        code = graphene.String(required=True)

    token = graphene.String(required=True)
    expires_at = graphene.DateTime(required=True)

    @answers_errors()
    def mutate(root, info, phone, code):
        user, _device = verify_sign_in_code(phone, code.strip(), client_ip=client_ip(info.context))
        token, key = ApiToken.issue(
            user, ApiToken.Kind.APP, datetime.timedelta(days=settings.API_APP_TOKEN_DAYS)
        )
        return VerifyLoginCode(token=key, expires_at=token.expires_at)


class RevokeToken(graphene.Mutation):
    """Sign out: the token that sent this stops working."""

    ok = graphene.Boolean(required=True)

    def mutate(root, info):
        token = getattr(info.context, "api_token", None)
        if token is None:
            raise ApiError(_("Only a token can be revoked this way."))
        token.revoke("signed out")
        return RevokeToken(ok=True)


class CorrectionInput(graphene.InputObjectType):
    field = graphene.String(
        required=True,
        description="applicant.name, applicant.id_number, applicant.bank_account or "
        "deceased.place_of_death",
    )
    value = graphene.String(required=True)


class AnswerMaterialsRequest(graphene.Mutation):
    """Answer a department's request, or a rejection, with a note and
    corrected details. (Files are sent from the case page; the app opens it
    in its web view.)"""

    class Arguments:
        reference = graphene.String(required=True)
        task_id = graphene.ID(required=True)
        note = graphene.String(default_value="")
        corrections = graphene.List(graphene.NonNull(CorrectionInput), default_value=[])

    task = graphene.Field(TaskType, required=True)

    @answers_errors()
    def mutate(root, info, reference, task_id, note, corrections):
        user = auth.citizen(info)
        case = case_of(info, reference)
        try:
            task = case.tasks.select_related("department").get(
                pk=int(task_id), status__in=ANSWERABLE
            )
        except (ValidationError, ObjectDoesNotExist, ValueError):
            raise not_found() from None
        task = supply_materials(
            task,
            actor=user,
            corrections={c.field: c.value for c in corrections},
            note=note,
        )
        return AnswerMaterialsRequest(task=task)


class WithdrawCase(graphene.Mutation):
    """Withdraw a case the family no longer wants handled: open matters stop
    and the departments are told. Refused once money has been paid."""

    class Arguments:
        reference = graphene.String(required=True)
        reason = graphene.String(default_value="")

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference, reason):
        user = auth.citizen(info)
        case = case_of(info, reference)
        return WithdrawCase(case=withdraw_case(case, actor=user, reason=reason))


class AddFoundLater(graphene.Mutation):
    """Add to the case what the family found later (补办): the matters it
    brings join the same case, a completed case is in progress again, and
    a payout asks the heirs again. ``item`` is one of foundLaterChoices."""

    class Arguments:
        reference = graphene.String(required=True)
        item = graphene.String(required=True)

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference, item):
        user = auth.citizen(info)
        case = case_of(info, reference)
        add_found_later(case, item, actor=user)
        case.refresh_from_db()
        return AddFoundLater(case=case)


class BookBurial(graphene.Mutation):
    """Book a columbarium niche (``nicheId``) or a place on a burial day
    (``dayId``) of one of the case's burialOptions."""

    class Arguments:
        reference = graphene.String(required=True)
        site_id = graphene.ID(required=True)
        niche_id = graphene.ID()
        day_id = graphene.ID()

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference, site_id, niche_id=None, day_id=None):
        user = auth.citizen(info)
        case = case_of(info, reference)
        site, place = place_to_book(site_id, niche_id, day_id)
        burial.book(case, site, actor=user, **place)
        case.refresh_from_db()
        return BookBurial(case=case)


class FeeChoice(graphene.InputObjectType):
    fee_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ChooseFuneralServices(graphene.Mutation):
    """Keep the case's funeral services, chosen from the published list of
    one of its funeralHomes; the answer holds the bill."""

    class Arguments:
        reference = graphene.String(required=True)
        home_id = graphene.ID(required=True)
        services = graphene.List(graphene.NonNull(FeeChoice), required=True)

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference, home_id, services):
        user = auth.citizen(info)
        case = case_of(info, reference)
        home = next((h for h in fees.homes_for(case) if str(h.pk) == str(home_id)), None)
        if home is None:
            raise ApiError(
                _("This funeral home does not serve the deceased's county."), code="invalid"
            )
        quantities = {}
        for choice in services:
            if not str(choice.fee_id).isdigit():
                raise ApiError(_("Choose at least one service."), code="invalid")
            quantities[int(choice.fee_id)] = choice.quantity
        fees.choose(case, home, quantities, actor=user)
        return ChooseFuneralServices(case=case)


class DeclineBurial(graphene.Mutation):
    """The family wants no ecological burial or niche (it may still book)."""

    class Arguments:
        reference = graphene.String(required=True)

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference):
        user = auth.citizen(info)
        case = case_of(info, reference)
        burial.decline(case, actor=user)
        return DeclineBurial(case=case)


class AgreeOffset(graphene.Mutation):
    """The payee agrees, once for the case, that benefits paid for months
    after the death are deducted from the same department's payments."""

    class Arguments:
        reference = graphene.String(required=True)

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference):
        user = auth.citizen(info)
        case = case_of(info, reference)
        if not offsets.may_agree(case):
            raise ApiError(_("There is nothing to agree to in this case."), code="invalid")
        return AgreeOffset(case=offsets.agree(case, actor=user))


class RequestStatements(graphene.Mutation):
    """The payee asks each bank still to answer for the transactions of the
    6 months before the death, sent with its answer as a PDF."""

    class Arguments:
        reference = graphene.String(required=True)

    case = graphene.Field(CaseType, required=True)

    @answers_errors()
    def mutate(root, info, reference):
        user = auth.citizen(info)
        if files_for_families(user):
            raise forbidden(_("Only the family asks the banks for statements."))
        return RequestStatements(case=statements.request(case_of(info, reference), actor=user))


class Mutation(
    ApplicationMutations, HeirMutations, RatingMutations, RightsMutations, graphene.ObjectType
):
    request_login_code = RequestLoginCode.Field()
    verify_login_code = VerifyLoginCode.Field()
    revoke_token = RevokeToken.Field()
    answer_materials_request = AnswerMaterialsRequest.Field()
    withdraw_case = WithdrawCase.Field()
    add_found_later = AddFoundLater.Field()
    book_burial = BookBurial.Field()
    decline_burial = DeclineBurial.Field()
    choose_funeral_services = ChooseFuneralServices.Field()
    agree_offset = AgreeOffset.Field()
    request_statements = RequestStatements.Field()
    request_delegation_code = RequestDelegationCode.Field()
    answer_delegation = AnswerDelegation.Field()
    revoke_delegation = RevokeDelegation.Field()
