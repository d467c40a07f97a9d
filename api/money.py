"""Money in the app: overpaid benefits — what was paid after the death, what
was deducted, what is left to return, and the payee's one agreement
(``cases.services.offsets``) — and the banks' statements of the months
before the death (``cases.services.statements``)."""

import graphene
from django.urls import reverse

from cases.roles import files_for_families
from cases.services import offsets, statements


class OverpaymentType(graphene.ObjectType):
    class Meta:
        name = "Overpayment"

    matter = graphene.String(required=True, description="The benefit stopped.")
    department = graphene.String(required=True)
    amount = graphene.String(required=True, description="Paid for months after the death.")
    offset = graphene.String(required=True, description="Deducted from payments so far.")
    to_return = graphene.String(
        description="Once settled: what the family must return (null before, or when nothing)."
    )
    department_phone = graphene.String(description="Where to ask how to return it.")

    def resolve_matter(overpayment, info):
        return overpayment.task.matter_name

    def resolve_department(overpayment, info):
        return overpayment.department.name

    def resolve_amount(overpayment, info):
        return f"{overpayment.amount:.2f}"

    def resolve_offset(overpayment, info):
        return f"{overpayment.offset:.2f}"

    def resolve_to_return(overpayment, info):
        if overpayment.settled_at is None or not overpayment.remaining:
            return None
        return f"{overpayment.remaining:.2f}"

    def resolve_department_phone(overpayment, info):
        return overpayment.department.public_phone or None


class BankStatementState(graphene.Enum):
    class Meta:
        name = "BankStatementState"

    SENT = "sent"
    COMING = "coming"
    NO_ACCOUNT = "no_account"
    NOT_ASKED = "not_asked"


class BankStatementType(graphene.ObjectType):
    class Meta:
        name = "BankStatement"

    bank = graphene.String(required=True)
    state = graphene.Field(
        BankStatementState,
        required=True,
        description="SENT: download it; COMING: with the bank's answer; NO_ACCOUNT: none will "
        "come; NOT_ASKED: the bank had answered before the request (call 12345).",
    )
    period_start = graphene.Date()
    period_end = graphene.Date()
    download_url = graphene.String(
        description="The PDF; send the same Authorization header. Null until sent."
    )

    def resolve_bank(row, info):
        return row["bank"].name

    def resolve_state(row, info):
        return row["state"]

    def resolve_period_start(row, info):
        return row["statement"].period_start if row["statement"] else None

    def resolve_period_end(row, info):
        return row["statement"].period_end if row["statement"] else None

    def resolve_download_url(row, info):
        if row["statement"] is None:
            return None
        url = reverse("statement_pdf", kwargs={"pk": row["statement"].pk})
        return info.context.build_absolute_uri(url)


class CaseMoneyFields:
    """The case's overpayment fields (mixed into the Case type)."""

    overpayments = graphene.List(
        graphene.NonNull(OverpaymentType),
        required=True,
        description="Benefits paid for months after the death, and how they are settled.",
    )
    may_agree_offset = graphene.Boolean(
        required=True,
        description="Ask the payee (agreeOffset): deduct overpaid benefits from the payments?",
    )
    offset_agreed_at = graphene.DateTime()

    def resolve_overpayments(case, info):
        return list(case.overpayments.select_related("department", "task").order_by("created_at"))

    def resolve_may_agree_offset(case, info):
        return offsets.may_agree(case)

    statements_requested_at = graphene.DateTime(
        description="When the heirs asked the banks for the transactions before the death."
    )
    may_request_statements = graphene.Boolean(
        required=True,
        description="Offer requestStatements: a bank is still to answer and none was asked yet.",
    )
    bank_statements = graphene.List(
        graphene.NonNull(BankStatementType),
        required=True,
        description="Each bank's statement of the 6 months before the death, once asked for.",
    )

    def resolve_may_request_statements(case, info):
        if files_for_families(info.context.user):
            return False
        return statements.may_request(case)

    def resolve_bank_statements(case, info):
        if files_for_families(info.context.user):
            return []
        return statements.for_family(case)
