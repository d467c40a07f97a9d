"""Overpaid benefits in the app: what was paid after the death, what was
deducted, what is left to return, and the payee's one agreement
(``cases.services.offsets``)."""

import graphene

from cases.services import offsets


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
