"""A close relative's requests about the deceased's personal information in
the app (PIPL Art. 49), through the same services as the web pages: ask for
a code, prove who you are and send the request; later, prove again and read
the answer, with links to the copy that work for 15 minutes. No sign-in is
needed: the code texted for this purpose and the end of the relative's own
ID number are the proof."""

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from cases.constants import Channel
from cases.models import DataRequest, RequestKind
from cases.services import rights
from cases.services.rights_copy import download_token
from web.network import client_ip

from .errors import ApiError, answers_errors

REFUSED = ((rights.RequestRefused, "refused"),)


class DataRequestKind(graphene.Enum):
    class Meta:
        name = "DataRequestKind"

    COPY = RequestKind.COPY.value
    CORRECTION = RequestKind.CORRECTION.value
    DELETION = RequestKind.DELETION.value


class DataRequestType(graphene.ObjectType):
    class Meta:
        name = "DataRequest"

    reference = graphene.String(required=True)
    kind = graphene.String(required=True, description="copy, correction or deletion.")
    kind_label = graphene.String(required=True)
    status = graphene.String(
        required=True, description="received, at_department, answered or refused."
    )
    status_label = graphene.String(required=True)
    due_date = graphene.Date(required=True, description="The answer is due by this day.")
    answer = graphene.String(description="Once answered or refused: the answer in words.")
    copy_pdf_url = graphene.String(description="The copy as a PDF, for 15 minutes.")
    copy_json_url = graphene.String(description="The copy as JSON, for 15 minutes.")

    def resolve_kind_label(made, info):
        return made.get_kind_display()

    def resolve_status_label(made, info):
        return made.get_status_display()

    def resolve_answer(made, info):
        return made.answer or None

    def resolve_copy_pdf_url(made, info):
        return _copy_url(made, "pdf", info)

    def resolve_copy_json_url(made, info):
        return _copy_url(made, "json", info)


def _copy_url(made, what, info):
    # Only a request the relative has just proven carries its links.
    if not getattr(made, "proven", False) or not getattr(made, f"copy_{what}"):
        return None
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return f"{base}/rights/{made.reference}/copy.{what}?t={download_token(made, what)}"


class AskDataRightsCode(graphene.Mutation):
    """Text a code to ``phone`` if the case lists it for the deceased's
    spouse, parent or child. The answer is the same either way."""

    class Arguments:
        reference = graphene.String(required=True, description="The case's reference.")
        phone = graphene.String(required=True)

    accepted = graphene.Boolean(required=True)

    @answers_errors(*REFUSED)
    def mutate(root, info, reference, phone):
        rights.ask_code(reference, phone, client_ip=client_ip(info.context))
        return AskDataRightsCode(accepted=True)


class SubmitDataRequest(graphene.Mutation):
    """Prove who you are and send the request."""

    class Arguments:
        reference = graphene.String(required=True)
        phone = graphene.String(required=True)
        code = graphene.String(required=True)
        id_number_suffix = graphene.String(required=True)
        kind = DataRequestKind(required=True)
        fact = graphene.String(description="For a correction: name, place_of_death, …")
        details = graphene.String()

    request = graphene.Field(DataRequestType, required=True)

    @answers_errors(*REFUSED)
    def mutate(root, info, reference, phone, code, id_number_suffix, kind, fact="", details=""):
        case, person = rights.prove(
            reference,
            phone,
            code=code,
            id_suffix=id_number_suffix,
            client_ip=client_ip(info.context),
        )
        made = rights.submit(
            case,
            person,
            kind=getattr(kind, "value", kind),
            fact=fact or "",
            details=details or "",
            channel=Channel.MOBILE,
        )
        return SubmitDataRequest(request=made)


def _request(reference):
    made = DataRequest.objects.select_related("case").filter(reference=reference).first()
    if made is None or not made.requester_phone:
        raise ApiError(_("No such request."), code="not_found")
    return made


class AskDataRequestCode(graphene.Mutation):
    """Text a code to the number that made the request, to read its answer."""

    class Arguments:
        request_reference = graphene.String(required=True)

    accepted = graphene.Boolean(required=True)

    @answers_errors(*REFUSED)
    def mutate(root, info, request_reference):
        rights.ask_request_code(_request(request_reference), client_ip=client_ip(info.context))
        return AskDataRequestCode(accepted=True)


class OpenDataRequest(graphene.Mutation):
    """Prove again who asked, and read the request with its answer."""

    class Arguments:
        request_reference = graphene.String(required=True)
        code = graphene.String(required=True)
        id_number_suffix = graphene.String(required=True)

    request = graphene.Field(DataRequestType, required=True)

    @answers_errors(*REFUSED)
    def mutate(root, info, request_reference, code, id_number_suffix):
        made = _request(request_reference)
        rights.prove_request(
            made, code=code, id_suffix=id_number_suffix, client_ip=client_ip(info.context)
        )
        made.proven = True
        return OpenDataRequest(request=made)


class RightsMutations(graphene.ObjectType):
    ask_data_rights_code = AskDataRightsCode.Field()
    submit_data_request = SubmitDataRequest.Field()
    ask_data_request_code = AskDataRequestCode.Field()
    open_data_request = OpenDataRequest.Field()
