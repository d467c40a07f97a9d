"""A death reported in error, undone from the case (DESIGN.md, "One death,
one record"): the issuing department retracted its certificate, and every
department that acted undoes its part on a one-working-day clock."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reversal(models.Model):
    """The reversal of one case: who retracted the death and why, its
    clock, and the payouts already made that are to be returned."""

    wagtail_reference_index_ignore = True

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="reversal")
    # The department whose death certificate was retracted (health or police).
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="reversals"
    )
    reason = models.TextField(_("why the death is retracted"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened at"))
    # One working day from opening: every compensating task's limit too.
    due_at = models.DateTimeField(_("everything undone by"))
    completed_at = models.DateTimeField(_("everything undone at"), null=True, blank=True)
    # [{"code", "matter_zh", "matter_en", "department_zh", "department_en",
    #   "amount", "account" (masked), "payee" (masked)}]: money paid out, to return.
    payouts = models.JSONField(_("payouts to be returned"), default=list, blank=True)

    class Meta:
        verbose_name = _("reversal of a death reported in error")
        verbose_name_plural = _("reversals of deaths reported in error")
        indexes = [
            # The statistics: a department's reversals in a period.
            models.Index(fields=["department", "opened_at"]),
            models.Index(fields=["completed_at", "due_at"]),
        ]

    def __str__(self):
        return f"reversal of {self.case}"
