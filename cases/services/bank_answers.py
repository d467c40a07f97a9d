"""What a bank answers for a deceased depositor (金规〔2024〕6号, catalogue.md):
whether it holds accounts, the balances by product — deposits, wealth
products, bonds, gold — and what it paid the heirs without a notary, at most
¥50,000 counted at this bank alone. Over the limit, this bank pays only
through the notary route; the other banks are not affected. A bank that
holds nothing says so, and the family reads "no account", not silence."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEPOSIT_MATTER = "B01"
NOTARY_FREE_LIMIT = Decimal("50000")
PRODUCTS = ("deposits", "wealth", "bonds", "gold")


def answers_for_a_bank(task):
    return task.matter_code == DEPOSIT_MATTER


def check_answer(task, *, found=None, balances=None, amount=None, notarised=False):
    """The bank's answer as the result keeps it (``result["bank"]``), or None
    for a matter that is not a bank's; ValidationError by field otherwise."""
    balances = {key: value for key, value in (balances or {}).items() if value is not None}
    if not answers_for_a_bank(task):
        if found is not None or balances:
            raise ValidationError({"found": _("Only a bank answers about accounts.")})
        return None
    if found is None:
        raise ValidationError({"found": _("Say whether this bank holds accounts of the deceased.")})
    if not found:
        if (balances and any(balances.values())) or amount:
            raise ValidationError(
                {"found": _("No account found: leave the balances and the amount empty.")}
            )
        return {"found": False}
    errors = {}
    for key, value in balances.items():
        if value < 0:
            errors[key] = _("A balance cannot be negative.")
    if errors:
        raise ValidationError(errors)
    total = sum(balances.values(), Decimal(0))
    # Once the notary certified the heirs, the bank pays whatever it holds.
    notary = total > NOTARY_FREE_LIMIT and not notarised
    if notary and amount:
        raise ValidationError(
            {
                "amount": _(
                    "Over ¥50,000 at this bank: it pays only through the notary route. "
                    "Record the balances and pay nothing here."
                )
            }
        )
    if amount and amount > total:
        raise ValidationError({"amount": _("More than this bank holds cannot be paid.")})
    return {
        "found": True,
        **{key: f"{value:.2f}" for key, value in balances.items()},
        "total": f"{total:.2f}",
        "notary": notary,
    }


def outcome_words(answer, english):
    """The family's sentence for a bank's answer."""
    if not answer["found"]:
        return "no account at this bank" if english else "未发现逝者在本行的账户"
    if answer["notary"]:
        if english:
            return f"¥{answer['total']} held; over ¥50,000: paid after a notarised succession"
        return f"共有 ¥{answer['total']}，超过5万元，需办理继承公证后支取"
    return f"¥{answer['total']} held" if english else f"共有 ¥{answer['total']}"
