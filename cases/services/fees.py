"""The funeral bill of a case (catalogue.md, "Funerals"; 2026 《殡葬管理条例》).

The family — or the assistant, or the funeral home's clerk — picks services
from the home's fee list in force on the booking day; the bill copies their
prices and computes, line by line, what the county waives of each basic
service and what the family pays. Nothing outside the list is charged, and
no price other than the list's: the service refuses both. The bill can
change until the funeral home completes the booking (C01); its prices stay
those of its first booking day whatever list is published later."""

import dataclasses
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..constants import RESOLVED_TASK_STATUSES, CaseStatus
from ..models import BillLine, Case, FeeList, FeeUnit, FeeWaiver, FuneralBill, FuneralHome
from .burial import county_of

BOOKING_MATTER = "C01"
# A stay counted in days or years is bounded: a slip of the finger (300
# days of cold storage) is refused in words, not billed.
MAX_QUANTITY = {FeeUnit.EACH: 1, FeeUnit.PIECE: 5, FeeUnit.DAY: 30, FeeUnit.YEAR: 10}


@dataclasses.dataclass
class PricedLine:
    item: object
    quantity: int
    amount: Decimal
    waived: Decimal

    @property
    def family_pays(self):
        return self.amount - self.waived


@dataclasses.dataclass
class Priced:
    home: FuneralHome
    fee_list: FeeList
    day: object
    lines: list

    @property
    def total(self):
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def waived(self):
        return sum((line.waived for line in self.lines), Decimal(0))

    @property
    def family_pays(self):
        return self.total - self.waived


def homes_for(case):
    """The funeral homes serving the deceased's county (every active one
    where the county is not known)."""
    homes = FuneralHome.objects.filter(active=True).select_related("county")
    county = county_of(case)
    if county is not None and homes.filter(county=county).exists():
        homes = homes.filter(county=county)
    return list(homes)


def pricing_day(bill, home, day=None):
    """The day whose prices a choice at ``home`` takes: the bill's first
    booking day at the same home, else ``day`` (today)."""
    if bill is not None and bill.home_id == home.pk:
        return bill.priced_on
    return day or timezone.localdate()


def offer(home, day):
    """The home's list in force on ``day`` with its county's waivers, as the
    family and the public read it; None without a published list."""
    fee_list = list_in_force(home, day)
    if fee_list is None:
        return None
    return {"home": home, "fee_list": fee_list, "waivers": waivers_in_force(home.county, day)}


def offers_for(case):
    """Each home serving the case with the list the family would choose from."""
    bill = bill_of(case)
    offers = (offer(home, pricing_day(bill, home)) for home in homes_for(case))
    return [found for found in offers if found is not None]


def list_in_force(home, day):
    """The home's published list in force on ``day``, or None."""
    return (
        FeeList.objects.filter(home=home, live=True, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )


def waivers_in_force(county, day):
    """What the county waives on ``day``, by service: None for all of it,
    or the amount it waives at most."""
    waivers = {}
    for waiver in FeeWaiver.objects.filter(county=county, effective_from__lte=day).order_by(
        "effective_from"
    ):
        waivers[waiver.service] = waiver.up_to  # the latest in force wins
    return waivers


def price(home, day, quantities):
    """The bill for ``quantities`` ({fee item id: how many}) at ``home`` on
    ``day``; ValidationError for an item not on that day's list, or a
    quantity its unit does not allow."""
    fee_list = list_in_force(home, day)
    if fee_list is None:
        raise ValidationError(
            _("%(home)s has no published fee list for this day. Please call 12345.")
            % {"home": home.name}
        )
    items = {item.pk: item for item in fee_list.items.all()}
    waivers = waivers_in_force(home.county, day)
    lines = []
    for item_id, quantity in quantities.items():
        item = items.get(int(item_id))
        if item is None:
            raise ValidationError(
                _("That service is not on the funeral home's published list: it cannot be charged.")
            )
        if not 1 <= quantity <= MAX_QUANTITY[item.unit]:
            raise ValidationError(
                _("%(service)s: choose between 1 and %(most)s.")
                % {"service": item.name, "most": MAX_QUANTITY[item.unit]}
            )
        amount = item.price * quantity
        lines.append(PricedLine(item, quantity, amount, _waived(item, amount, waivers)))
    return Priced(home=home, fee_list=fee_list, day=day, lines=lines)


def is_waived(item, waivers):
    """Whether the county waives ``item`` (a basic service it names)."""
    return item.basic and item.service in waivers


def _waived(item, amount, waivers):
    if not is_waived(item, waivers):
        return Decimal(0)
    up_to = waivers[item.service]
    return amount if up_to is None else min(amount, up_to)


def bill_of(case):
    return FuneralBill.objects.filter(case=case).select_related("home").first()


def may_choose(case):
    """While the funeral home has not completed the booking (C01)."""
    if case.status != CaseStatus.IN_PROGRESS:
        return False
    booking = case.tasks.filter(matter_code=BOOKING_MATTER).first()
    return booking is not None and booking.status not in RESOLVED_TASK_STATUSES


def choose(case, home, quantities, *, actor, day=None):
    """Keep the bill of ``case``: the services and quantities chosen, at the
    prices of its first booking day."""
    if not quantities:
        raise ValidationError(_("Choose at least one service."))
    with transaction.atomic(), acting_as(actor):
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not may_choose(case):
            raise ValidationError(
                _(
                    "The funeral home has completed the booking: the services can no longer "
                    "be changed here. Please call the funeral home."
                )
            )
        if home not in homes_for(case):
            raise ValidationError(_("This funeral home does not serve the deceased's county."))
        bill = FuneralBill.objects.select_for_update().filter(case=case).first()
        day = pricing_day(bill, home, day)
        priced = price(home, day, quantities)
        return _keep(case, bill, priced, actor)


def add_service(case, *, name_zh, unit_price, quantity, by):
    """The funeral home's clerk records a service in the case's bill: only
    one of its published list, at the list's price."""
    with transaction.atomic(), acting_as(by):
        case = Case.objects.select_for_update().get(pk=case.pk)
        bill = FuneralBill.objects.select_for_update().filter(case=case).first()
        if bill is None:
            raise ValidationError(_("The family has not chosen the services yet."))
        if not may_choose(case):
            raise ValidationError(_("The booking is completed: its bill no longer changes."))
        item = bill.fee_list.items.filter(name_zh=name_zh).first()
        if item is None:
            raise ValidationError(
                _("%(service)s is not on the published fee list: it cannot be charged.")
                % {"service": name_zh}
            )
        if unit_price is None or Decimal(unit_price) != item.price:
            raise ValidationError(
                _("The published price of %(service)s is ¥%(price)s: no other may be charged.")
                % {"service": item.name, "price": item.price}
            )
        quantities = chosen_quantities(bill)
        quantities[item.pk] = quantities.get(item.pk, 0) + quantity
        priced = price(bill.home, bill.priced_on, quantities)
        return _keep(case, bill, priced, by)


def published_price(case, name_zh):
    """The price of ``name_zh`` on the list of the case's bill, or None."""
    bill = bill_of(case)
    item = bill.fee_list.items.filter(name_zh=name_zh).first() if bill is not None else None
    return item.price if item is not None else None


def chosen_quantities(bill):
    """The bill's quantities by fee item of its list."""
    items = {(i.service, i.name_zh): i.pk for i in bill.fee_list.items.all()}
    return {
        items[(line.service, line.name_zh)]: line.quantity
        for line in bill.lines.all()
        if (line.service, line.name_zh) in items
    }


def _keep(case, bill, priced, actor):
    if bill is None:
        bill = FuneralBill(case=case)
    bill.home = priced.home
    bill.fee_list = priced.fee_list
    bill.priced_on = priced.day
    bill.total, bill.waived, bill.family_pays = priced.total, priced.waived, priced.family_pays
    bill.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    bill.save()
    bill.lines.all().delete()
    BillLine.objects.bulk_create(
        BillLine(
            bill=bill,
            service=line.item.service,
            name_zh=line.item.name_zh,
            name_en=line.item.name_en,
            unit=line.item.unit,
            unit_price=line.item.price,
            quantity=line.quantity,
            amount=line.amount,
            basic=line.item.basic,
            waived=line.waived,
        )
        for line in priced.lines
    )
    return bill


WAIVER_MATTER = "C06"


def waiver_bill(task):
    """For C06 of a case with a bill, that bill: the waiver is the bill's,
    settled by the funeral home with civil affairs, and nothing is paid to
    the family. None otherwise."""
    return bill_of(task.case) if task.matter_code == WAIVER_MATTER else None


def waiver_result(bill, result):
    """The C06 result from the case's ``bill``: the amount waived and with
    whom it is settled, in the family's words; no payment to the family."""
    waived = f"{bill.waived:.2f}"
    return {
        **{k: v for k, v in result.items() if k not in ("amount", "account")},
        "waived": waived,
        "home": bill.home.name_zh,
        "outcome_text": (
            f"基本殡葬服务费用减免 ¥{waived}，由{bill.home.name_zh}与民政部门结算，您无需垫付"
        ),
        "outcome_text_en": (
            f"basic funeral fees of ¥{waived} waived, settled between "
            f"{bill.home.name_en or bill.home.name_zh} and civil affairs: nothing for you to pay"
        ),
    }


def published_lists(day=None):
    """Every active home with its list in force on ``day`` (today) and its
    county's waivers: what anyone may read, without signing in."""
    day = day or timezone.localdate()
    homes = FuneralHome.objects.filter(active=True).select_related("county")
    return [found for found in (offer(home, day) for home in homes) if found is not None]


def bill_sentence(bill):
    """The bill in one sentence of the active language, for the sealed
    result list: each service, then what the family paid."""
    services = _("; ").join(
        _("%(service)s × %(quantity)s ¥%(amount)s (¥%(waived)s waived)")
        % {
            "service": line.name,
            "quantity": line.quantity,
            "amount": line.amount,
            "waived": line.waived,
        }
        for line in bill.lines.all()
    )
    return _("%(services)s. Total ¥%(total)s, waived ¥%(waived)s, you paid ¥%(paid)s") % {
        "services": services,
        "total": bill.total,
        "waived": bill.waived,
        "paid": bill.family_pays,
    }
