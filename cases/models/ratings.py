"""政务服务"好差评": when a case is done the family rates each department
once, on the national five levels; a poor rating is reviewed by that
department's supervisor, who answers the family."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Channel
from ..fields import EncryptedTextField


class SatisfactionLevel(models.IntegerChoices):
    # The five levels of the national 好差评 system, best first.
    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    FAIRLY_SATISFIED = 3, _("Fairly satisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")


# The two lowest levels: a reason is required and a supervisor reviews them.
POOR_LEVELS = frozenset({SatisfactionLevel.DISSATISFIED, SatisfactionLevel.VERY_DISSATISFIED})


class Rating(models.Model):
    """One department's rating by the family of one case, and, for a poor
    one, the supervisor's review and answer."""

    wagtail_reference_index_ignore = True

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="ratings")
    department = models.ForeignKey(
        "cases.Department", on_delete=models.PROTECT, related_name="ratings"
    )
    level = models.PositiveSmallIntegerField(_("rating"), choices=SatisfactionLevel.choices)
    # The family's own words may name people: encrypted like every free text.
    reason = EncryptedTextField(_("why"))
    channel = models.CharField(_("rated through"), max_length=20, choices=Channel.choices)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rated_at = models.DateTimeField(_("rated at"))
    # A poor rating's review: the supervisor answers by ``review_due``.
    review_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    answer = EncryptedTextField(_("answer to the family"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")
        constraints = [
            # Once: a family rates each department of a case one time.
            models.UniqueConstraint(fields=["case", "department"], name="rating_once"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="rating_level_in_range"
            ),
        ]
        indexes = [
            # The statistics: a department's ratings in a period.
            models.Index(fields=["department", "rated_at"]),
            # A supervisor's reviews still to answer, soonest due first.
            models.Index(
                fields=["department", "review_due"],
                condition=models.Q(review_due__isnull=False, answered_at__isnull=True),
                name="rating_review_open",
            ),
        ]

    def __str__(self):
        return f"rating {self.level} of {self.department_id} for {self.case_id}"
