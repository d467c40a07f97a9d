"""Funeral services in the app: the published list of the funeral home
serving the case (with what the county waives) and the case's bill; the
mutation that chooses is with the others (``api.mutations``). Both call
``cases.services.fees``, as the portal does."""

import graphene

from cases.services import fees


class FeeType(graphene.ObjectType):
    class Meta:
        name = "FuneralFee"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    unit = graphene.String(required=True, description="each, day, year or piece.")
    unit_label = graphene.String(required=True)
    price = graphene.String(required=True, description="Yuan, as published.")
    basic = graphene.Boolean(required=True, description="A basic public service.")
    waived_up_to = graphene.String(
        description="What the county waives of it: the price itself when all; null for none."
    )
    most = graphene.Int(required=True, description="The largest quantity that can be chosen.")

    # Each fee comes as {"item": FeeItem, "waivers": the county's waivers}.
    def resolve_id(row, info):
        return row["item"].pk

    def resolve_name(row, info):
        return row["item"].name

    def resolve_unit(row, info):
        return row["item"].unit

    def resolve_unit_label(row, info):
        return row["item"].get_unit_display()

    def resolve_price(row, info):
        return f"{row['item'].price:.2f}"

    def resolve_basic(row, info):
        return row["item"].basic

    def resolve_waived_up_to(row, info):
        item, waivers = row["item"], row["waivers"]
        if not fees.is_waived(item, waivers):
            return None
        up_to = waivers[item.service]
        return f"{(item.price if up_to is None else up_to):.2f}"

    def resolve_most(row, info):
        return fees.MAX_QUANTITY[row["item"].unit]


class FuneralHomeOptionType(graphene.ObjectType):
    class Meta:
        name = "FuneralHomeOption"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    phone = graphene.String(required=True)
    list_in_force_from = graphene.Date(required=True)
    fees = graphene.List(graphene.NonNull(FeeType), required=True)

    def resolve_id(option, info):
        return option["home"].pk

    def resolve_name(option, info):
        return option["home"].name

    def resolve_phone(option, info):
        return option["home"].phone

    def resolve_list_in_force_from(option, info):
        return option["fee_list"].effective_from

    def resolve_fees(option, info):
        return [
            {"item": item, "waivers": option["waivers"]} for item in option["fee_list"].items.all()
        ]


class BillLineType(graphene.ObjectType):
    class Meta:
        name = "FuneralBillLine"

    name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.String(required=True)
    amount = graphene.String(required=True)
    waived = graphene.String(required=True)
    family_pays = graphene.String(required=True)

    def resolve_name(line, info):
        return line.name

    def resolve_unit_price(line, info):
        return f"{line.unit_price:.2f}"

    def resolve_amount(line, info):
        return f"{line.amount:.2f}"

    def resolve_waived(line, info):
        return f"{line.waived:.2f}"

    def resolve_family_pays(line, info):
        return f"{line.family_pays:.2f}"


class BillType(graphene.ObjectType):
    class Meta:
        name = "FuneralBill"

    home = graphene.String(required=True)
    priced_on = graphene.Date(required=True, description="The prices are this day's list's.")
    lines = graphene.List(graphene.NonNull(BillLineType), required=True)
    total = graphene.String(required=True)
    waived = graphene.String(required=True, description="Settled by the home with civil affairs.")
    family_pays = graphene.String(required=True)

    def resolve_home(bill, info):
        return bill.home.name

    def resolve_lines(bill, info):
        return list(bill.lines.all())

    def resolve_total(bill, info):
        return f"{bill.total:.2f}"

    def resolve_waived(bill, info):
        return f"{bill.waived:.2f}"

    def resolve_family_pays(bill, info):
        return f"{bill.family_pays:.2f}"


class CaseFuneralFields:
    """The case's funeral fields (mixed into the Case type)."""

    may_choose_funeral_services = graphene.Boolean(
        required=True,
        description="Offer chooseFuneralServices: until the funeral home completes C01.",
    )
    funeral_homes = graphene.List(
        graphene.NonNull(FuneralHomeOptionType),
        required=True,
        description="The homes serving the case, each with its published list in force.",
    )
    funeral_bill = graphene.Field(BillType)

    def resolve_may_choose_funeral_services(case, info):
        return fees.may_choose(case)

    def resolve_funeral_homes(case, info):
        return fees.offers_for(case)

    def resolve_funeral_bill(case, info):
        return fees.bill_of(case)
