"""Money the family owes back, settled inside the case: a benefit paid for
months after the death (``cases.services.benefits``) is offset against the
same department's payments to the family, where the payee agreed, and what
cannot be offset is shown once, with how to return it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Overpayment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="overpayments")
    # The stop that found it (R01, C03, C05, D02, V01); one per stop. A
    # foreign key, not a one-to-one: the audit log reads a task's reverse
    # one-to-ones on every write, one query each.
    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.CASCADE, related_name="overpayments"
    )
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    amount = models.DecimalField(_("overpaid (yuan)"), max_digits=10, decimal_places=2)
    offset = models.DecimalField(
        _("offset against payments (yuan)"), max_digits=10, decimal_places=2, default=0
    )
    created_at = models.DateTimeField(_("found at"))
    # Once the department owes the family nothing more in this case: what is
    # left is to be returned, and the family is told so, once.
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["department", "created_at"])]
        constraints = [
            models.UniqueConstraint(fields=["task"], name="one_overpayment_per_stop"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="overpayment_positive"),
            models.CheckConstraint(
                condition=models.Q(offset__gte=0, offset__lte=models.F("amount")),
                name="offset_within_overpayment",
            ),
        ]
        verbose_name = _("overpayment")
        verbose_name_plural = _("overpayments")

    def __str__(self):
        return f"{self.case} {self.task.matter_code} ¥{self.amount}"

    @property
    def remaining(self):
        return self.amount - self.offset
