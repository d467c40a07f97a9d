"""Benefits stopped from the right day (catalogue.md, "Benefits").

A benefit paid monthly — the basic pension (R01), social assistance (C03),
the old-age allowance (C05), the disability subsidies (D02), veterans'
benefits (V01) — is due for the month of the death and stops from the
month after it. The department records the last day it paid for and the
monthly amount; what was paid for later months is an overpayment, what was
not yet paid for the months up to the death is owed to the family. Both are
worked out here, once, and kept in the task's result, so that the case page,
the result list and the statistics read the same figures and no department
writes to the family months later."""

import dataclasses
import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

BENEFIT_STOPS = frozenset({"R01", "C03", "C05", "D02", "V01"})
CENTS = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class Stop:
    stopped_from: datetime.date  # the first day of the month after the death
    paid_through: datetime.date
    monthly: Decimal
    months_overpaid: int
    months_owed: int

    @property
    def overpaid(self):
        return (self.monthly * self.months_overpaid).quantize(CENTS)

    @property
    def owed(self):
        return (self.monthly * self.months_owed).quantize(CENTS)

    def as_result(self):
        """The stop as the task's result keeps it (strings: JSON)."""
        return {
            "stopped_from": self.stopped_from.isoformat(),
            "paid_through": self.paid_through.isoformat(),
            "monthly": f"{self.monthly:.2f}",
            "months_overpaid": self.months_overpaid,
            "overpaid": f"{self.overpaid:.2f}",
            "months_owed": self.months_owed,
            "owed": f"{self.owed:.2f}",
        }


def stops_a_benefit(task):
    return task.matter_code in BENEFIT_STOPS


def stopped_from(died_on):
    """The first day of the month after the death."""
    return (died_on.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _months(earlier, later):
    """Whole calendar months from ``earlier``'s month to ``later``'s."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def stop(died_on, paid_through, monthly):
    """The stop of a benefit of ``monthly`` yuan, paid for every month up to
    and including ``paid_through``'s, for a death on ``died_on``."""
    monthly = Decimal(monthly).quantize(CENTS)
    start = stopped_from(died_on)
    overpaid = _months(start, paid_through) + 1 if paid_through >= start else 0
    owed = max(_months(paid_through, died_on), 0)
    return Stop(start, paid_through, monthly, overpaid, owed)


def check_stop(task, paid_through, monthly):
    """The stop the clerk records for ``task``, or None where the matter
    stops no benefit; ValidationError (by field) for what cannot be."""
    if not stops_a_benefit(task):
        if paid_through or monthly is not None:
            raise ValidationError(
                {"paid_through": _("This matter stops no benefit: leave the dates empty.")}
            )
        return None
    errors = {}
    if paid_through is None:
        errors["paid_through"] = _(
            "Say up to which day the benefit was paid: the family's overpayment or arrears "
            "are worked out from it."
        )
    elif paid_through > timezone.localdate() + datetime.timedelta(days=366):
        errors["paid_through"] = _("A benefit is not paid more than a year ahead.")
    if monthly is None:
        errors["monthly"] = _("Say how much the benefit was a month.")
    elif monthly <= 0:
        errors["monthly"] = _("A monthly amount is more than nothing.")
    if errors:
        raise ValidationError(errors)
    return stop(task.case.death_day, paid_through, monthly)


def with_stop(task, result):
    """A department system's result for ``task``, with the stop worked out
    here when it sent ``paid_through`` (YYYY-MM-DD) and ``monthly``: the
    same figures as a clerk's, whoever records them. Kept as sent when the
    matter stops no benefit or the two cannot be read."""
    if not stops_a_benefit(task) or "benefit" in result:
        return result
    try:
        paid_through = datetime.date.fromisoformat(str(result["paid_through"]))
        monthly = Decimal(str(result["monthly"]))
        stopped = check_stop(task, paid_through, monthly)
    except (KeyError, ValueError, ArithmeticError, ValidationError):
        return result
    return {**result, "benefit": stopped.as_result()}
