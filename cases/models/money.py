"""Money the family owes back, settled inside the case: a benefit paid for
months after the death (``cases.services.benefits``) is offset against the
same department's payments to the family, where the payee agreed, and what
cannot be offset is shown once, with how to return it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..storage import document_storage


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


def _statement_path(instance, filename):
    return f"statements/{instance.case_id}/{uuid.uuid4().hex}.pdf"


class BankStatement(models.Model):
    """The 6 months of transactions before the death at one bank (交易明细),
    which the heirs asked for: a PDF the bank's clerk sends with its answer,
    encrypted at rest like every file of the case, for the family only."""

    wagtail_reference_index_ignore = True

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="statements")
    # The bank's deposit task (B01); one statement each, a new one replacing it.
    task = models.ForeignKey(
        "cases.DepartmentTask", on_delete=models.CASCADE, related_name="statements"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    file = models.FileField(_("file"), storage=document_storage, upload_to=_statement_path)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task"], name="one_statement_per_bank")]
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")

    def __str__(self):
        return f"statement {self.pk}"
