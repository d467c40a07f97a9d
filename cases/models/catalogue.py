"""The catalogue: departments and the matters they handle.

It is data, edited in the admin. Cases copy what they need of a matter into
their tasks when they are submitted, so an edit here never changes a case
that already exists.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from ..constants import ExternalEvent, ProfileFlag, Scenario
from ..fields import EncryptedTextField
from ..limits import LimitUnit, TimeLimit


def in_active_language(chinese, english):
    """Chinese unless English is active and there is an English text."""
    language = (get_language() or "zh-hans").lower()
    return english if language.startswith("en") and english else chinese


class BilingualNameMixin:
    @property
    def name(self):
        return in_active_language(self.name_zh, self.name_en)


class DepartmentKind(models.TextChoices):
    GOVERNMENT = "government", _("Government department")
    # Each bank and insurer answers for itself (catalogue.md: one notice,
    # every bank), under the finance group that coordinates them.
    FINANCIAL_INSTITUTION = "financial_institution", _("Bank (financial institution)")
    INSURER = "insurer", _("Insurer")


class Department(BilingualNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=30, choices=DepartmentKind.choices, default=DepartmentKind.GOVERNMENT
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("within"),
        help_text=_("A bank or insurer: the finance group it belongs to."),
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Membership of these groups is what makes a user a clerk or a supervisor
    # of this department; object-level permissions follow from it.
    clerk_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clerk_of_department",
        verbose_name=_("clerks' group"),
    )
    supervisor_group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervisor_of_department",
        verbose_name=_("supervisors' group"),
    )

    # How ready tasks reach the department: the admin workbench, or its own
    # system over signed HTTP (see cases.connectors).
    connector = models.CharField(
        _("connector"),
        max_length=40,
        default="workbench",
        help_text=_(
            "workbench: clerks work the task in this admin; http_json: sent to the endpoint."
        ),
    )
    endpoint_url = models.URLField(_("endpoint URL"), blank=True)
    public_phone = models.CharField(
        _("phone for families"),
        max_length=20,
        blank=True,
        help_text=_("Given in the family's texts (e.g. the funeral home's, 0572-2123456)."),
    )
    shared_secret = EncryptedTextField(_("shared secret"))

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class MatterQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Matter(BilingualNameMixin, models.Model):
    """One of the matters (事项) a death sets off, handled by one department."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="matters", verbose_name=_("department")
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    scenarios = models.JSONField(
        _("death scenarios"),
        default=list,
        blank=True,
        help_text=_("The matter applies only in these scenarios; none ticked means all."),
    )
    required_flag = models.CharField(
        _("applies when the deceased"),
        max_length=40,
        choices=ProfileFlag.choices,
        blank=True,
        help_text=_("Leave empty when the matter applies to everyone."),
    )
    depends_on = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="dependants",
        blank=True,
        verbose_name=_("after"),
        help_text=_(
            "Matters that must be finished first. When one does not apply to a case, "
            "the case waits for what that one would have waited for."
        ),
    )
    time_limit = models.PositiveSmallIntegerField(
        _("time limit"),
        help_text=_("Counted from the moment the task becomes ready. 0 means the same day."),
    )
    time_limit_unit = models.CharField(
        _("unit"), max_length=2, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    # {"home": [1, "wd"]}: where one scenario has a limit of its own (the
    # hospital issues the death certificate in hours, the community health
    # centre within a working day of its visit).
    time_limits_by_scenario = models.JSONField(
        _("time limit by scenario"), default=dict, blank=True
    )
    starts_case_clock = models.BooleanField(
        _("starts the case clock"),
        default=False,
        help_text=_(
            "The death certificate: the 3 working days of the case count from its completion."
        ),
    )
    starts_after = models.CharField(
        _("also waits for"),
        max_length=20,
        choices=ExternalEvent.choices,
        blank=True,
        help_text=_(
            "Something outside the departments the matter waits for; the case clock does "
            "not run meanwhile."
        ),
    )
    starts_after_scenarios = models.JSONField(
        _("waits for it in"),
        default=list,
        blank=True,
        help_text=_("The scenarios where it waits for that; none means all."),
    )
    is_automatic = models.BooleanField(
        _("done by the system"),
        default=False,
        help_text=_("Completed at submission when the shared registry confirms the identity."),
    )
    requires_consent = models.BooleanField(
        _("needs the heirs' consent"),
        default=False,
        help_text=_("Money is paid to one heir: the other first-order heirs must authorise it."),
    )
    issues_certificate = models.BooleanField(_("issues a sealed certificate"), default=False)
    certificate_name_zh = models.CharField(_("certificate (Chinese)"), max_length=100, blank=True)
    certificate_name_en = models.CharField(_("certificate (English)"), max_length=100, blank=True)
    # What the department must receive from the case (cases.needs.NEEDS).
    needs = models.JSONField(
        _("what the department needs from the case"),
        default=list,
        blank=True,
        help_text=_(
            "The department sees exactly these items of a case, on the workbench and in its "
            "system's payload; tasks keep the list they were created with."
        ),
    )
    on_request = models.BooleanField(
        _("only when the family asks"),
        default=False,
        help_text=_(
            "Not part of a new case: the family asks for it on the case page (an ecological "
            "burial or a columbarium niche)."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Untick to stop creating this matter for new cases; existing cases keep it."),
    )

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self):
        return f"{self.code} {self.name}"

    def time_limit_for(self, scenario):
        override = (self.time_limits_by_scenario or {}).get(scenario)
        if override:
            return TimeLimit(int(override[0]), override[1])
        return TimeLimit(self.time_limit, self.time_limit_unit)

    def time_limit_phrase(self):
        """The limit as people read it, with any scenario's own."""
        text = TimeLimit(self.time_limit, self.time_limit_unit).phrase()
        extra = [
            gettext("%(scenario)s: %(limit)s")
            % {
                "scenario": Scenario(scenario).label,
                "limit": self.time_limit_for(scenario).phrase(),
            }
            for scenario in sorted(self.time_limits_by_scenario or {})
        ]
        if not extra:
            return text
        return gettext("%(limit)s (%(others)s)") % {
            "limit": text,
            "others": gettext("; ").join(extra),
        }

    def applies_to(self, scenario, profile) -> bool:
        if self.on_request:
            return False
        if self.scenarios and scenario not in self.scenarios:
            return False
        if self.required_flag and not profile.get(self.required_flag):
            return False
        return True
