"""Cases, the people in them, and the department tasks they fan out into.

``__str__`` never shows a name or a number: django-auditlog stores it as
``object_repr`` whatever its masking says.
"""

import datetime
import json

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import (
    CaseStatus,
    Channel,
    Gender,
    PauseReason,
    PersonRole,
    Relationship,
    Scenario,
    TaskStatus,
)
from ..fields import BlindIndexField, EncryptedTextField
from ..limits import LimitUnit, TimeLimit
from ..references import format_reference
from ..validators import normalise_bank_account, normalise_id_number, normalise_phone
from .catalogue import in_active_language


class Person(models.Model):
    """Identity data of someone in one case. Each case has its own rows, so
    one family's corrections never touch another case."""

    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True

    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    name = models.CharField(_("name"), max_length=100)
    id_number = EncryptedTextField(_("resident ID number"), normaliser=normalise_id_number)
    id_number_hash = BlindIndexField(source="id_number")
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    phone = EncryptedTextField(_("mobile number"), normaliser=normalise_phone)
    phone_hash = BlindIndexField(source="phone")
    bank_account = EncryptedTextField(_("bank account"), normaliser=normalise_bank_account)
    relationship = models.CharField(
        _("relationship to the deceased"),
        max_length=20,
        choices=Relationship.choices,
        blank=True,
    )
    died_at = models.DateTimeField(_("time of death"), null=True, blank=True)
    place_of_death = models.CharField(_("place of death"), max_length=200, blank=True)
    # As the institution or the family gave it; medical detail, so encrypted.
    cause_of_death = EncryptedTextField(_("cause of death"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.get_role_display()} #{self.pk}"


class Case(models.Model):
    """One application (一件事): everything that follows one death."""

    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True

    reference = models.CharField(_("reference"), max_length=9, unique=True, editable=False)
    scenario = models.CharField(_("scenario"), max_length=20, choices=Scenario.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.IN_PROGRESS
    )
    deceased = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("deceased")
    )
    # The deceased's blind index, kept on the case so that the database itself
    # allows one open case per death (一件事: whichever door, one case).
    deceased_id_hash = models.CharField(max_length=64, editable=False, default="")
    applicant = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("applicant")
    )
    # What the shared registry said, and what the applicant confirmed: both are
    # kept so a correction by the family stays visible as such.
    registry_profile = models.JSONField(_("profile from the shared registry"), default=dict)
    profile = models.JSONField(_("confirmed profile"), default=dict)
    identity_verified = models.BooleanField(_("identity confirmed by the registry"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    # The language the family applied in: their texts are written in it.
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    # The deceased's village (from the registry's household address) and the
    # funeral assistant who follows the family to the end (一支团队跟到底).
    village = models.ForeignKey(
        "cases.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("village or community"),
    )
    assistant = models.ForeignKey(
        "cases.FuneralAssistant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("funeral assistant"),
    )
    due_date = models.DateField(_("due date"))
    # The case clock (cases.services.clock): 3 working days from the death
    # certificate, standing still while the case waits outside the departments.
    clock_started_at = models.DateTimeField(_("clock started at"), null=True, blank=True)
    clock_due_at = models.DateTimeField(_("everything due"), null=True, blank=True)
    paused_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    pause_reason = models.CharField(
        _("waiting for"), max_length=20, choices=PauseReason.choices, blank=True
    )
    # The payee agreed, once, that a benefit paid for months after the death
    # is deducted from what the same department pays the family.
    offset_agreed_at = models.DateTimeField(_("payee agreed to offsets"), null=True, blank=True)
    # The heirs asked each bank for the 6 months of transactions before the
    # death (cases.services.statements).
    statements_requested_at = models.DateTimeField(
        _("bank statements requested"), null=True, blank=True
    )
    cremated_at = models.DateTimeField(_("cremation"), null=True, blank=True)
    body_released_at = models.DateTimeField(_("body released by the police"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # When the family last added something found after completion (补办): the
    # case is in progress again, and its result list is issued anew when done.
    reopened_at = models.DateTimeField(
        _("reopened for a matter found later"), null=True, blank=True
    )
    # Set by the time-limit sweep when the 3-working-day target is missed.
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    # Which published version of the scenario's form the family answered (a
    # Wagtail revision id; not a foreign key, so pruning old revisions never
    # touches a case), and the answers that have no column of their own:
    # [{"name", "label", "value"}], encrypted as they may be personal.
    form_revision_id = models.PositiveIntegerField(_("form revision"), null=True, blank=True)
    answers = EncryptedTextField(_("other answers"))
    # The result feedback list, frozen when the case completes (see
    # cases.services.results); accounts in it are masked.
    result_list = models.JSONField(_("result feedback list"), default=list, blank=True)
    result_list_issued_at = models.DateTimeField(_("result list issued at"), null=True, blank=True)
    # When the retention period ended and the personal data was erased
    # (cases.services.retention): what is left are the anonymous facts.
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The statistics' daily summaries and the dashboard's current day.
            models.Index(fields=["submitted_at"]),
            # The retention sweep: closed cases not yet erased, oldest first.
            models.Index(
                fields=["completed_at"],
                condition=models.Q(erased_at__isnull=True, completed_at__isnull=False),
                name="case_to_erase",
            ),
        ]
        constraints = [
            # One death, one record: a completed case is not filed again
            # (payouts done once per deceased); only a withdrawn one may be.
            # A reversed case (the death was reported in error) holds none.
            models.UniqueConstraint(
                fields=["deceased_id_hash"],
                condition=~models.Q(status__in=[CaseStatus.WITHDRAWN, CaseStatus.REVERSED]),
                name="one_case_per_deceased",
            )
        ]

    def __str__(self):
        return self.display_reference

    def keep_due_date_after(self, day):
        """The case is never due before one of its tasks: push the due date
        to ``day`` if it is later; True if it moved (the caller saves)."""
        if day is not None and day > self.due_date:
            self.due_date = day
            return True
        return False

    @property
    def death_day(self):
        """The local day of the death (Beijing's, not UTC's), or the day the
        case was filed where the time of death is not known."""
        died = self.deceased.died_at
        return timezone.localdate(died) if died else timezone.localdate(self.submitted_at)

    @property
    def display_reference(self):
        return format_reference(self.reference) if self.reference else ""

    @property
    def extra_answers(self):
        return json.loads(self.answers) if self.answers else []

    @property
    def profile_corrections(self):
        """Flags the applicant changed from what the registry said."""
        return {
            flag: value
            for flag, value in self.profile.items()
            if bool(self.registry_profile.get(flag)) != bool(value)
        }


# The open statuses (constants.OPEN_TASK_STATUSES) in a fixed order, for the
# partial indexes of open tasks: a set's order would change their migrations.
_OPEN = [TaskStatus.READY, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_MATERIALS]


class DepartmentTask(models.Model):
    """One matter of one case, in one department.

    The matter's name, time limit and flags are copied here at submission:
    the catalogue may change afterwards, the case does not.
    """

    # Not content: Wagtail's reference index has nothing to learn here.
    wagtail_reference_index_ignore = True

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    matter = models.ForeignKey(
        "cases.Matter", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("matter")
    )
    department = models.ForeignKey(
        "cases.Department",
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("department"),
    )
    matter_code = models.CharField(_("matter code"), max_length=10)
    matter_name_zh = models.CharField(_("matter (Chinese)"), max_length=200)
    matter_name_en = models.CharField(_("matter (English)"), max_length=200, blank=True)
    # The matter's limit for this case's scenario, as it was when filed.
    time_limit = models.PositiveSmallIntegerField(_("time limit"))
    time_limit_unit = models.CharField(
        _("unit"), max_length=2, choices=LimitUnit.choices, default=LimitUnit.WORKING_DAYS
    )
    # The case's deceased_id_hash, copied so that the database itself holds
    # "a payout is made at most once per deceased" across cases (a withdrawn
    # case and the one filed after it).
    deceased_id_hash = models.CharField(max_length=64, editable=False, default="")
    is_automatic = models.BooleanField(default=False)
    requires_consent = models.BooleanField(default=False)
    # Added to the case after it was filed, because the family found it later
    # (补办: a bank account, a housing fund, an insurer).
    found_later = models.BooleanField(_("found later"), default=False)
    # A task that undoes this one, the death having been reported in error.
    compensates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="compensations",
        verbose_name=_("undoes"),
    )
    issues_certificate = models.BooleanField(default=False)
    # The matter's needs (cases.needs) as they were when the case was filed.
    needs = models.JSONField(default=list, blank=True)
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, related_name="dependants", blank=True
    )

    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.WAITING
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    ready_at = models.DateTimeField(_("ready since"), null=True, blank=True)
    # When the limit runs out; due_date is its local date, for lists.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    # The limit stands still while the task waits outside the departments.
    paused_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    pause_reason = models.CharField(
        _("waiting for"), max_length=20, choices=PauseReason.choices, blank=True
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # The workbench queue's order, kept by the database itself: the due date,
    # or after every date for a task waiting for an event. Stored so that the
    # queue's partial index (task_queue_due) serves it in order.
    queue_due = models.GeneratedField(
        expression=Coalesce("due_date", Value(datetime.date.max)),
        output_field=models.DateField(),
        db_persist=True,
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Set by the scheduled time-limit sweep on the first day the task is late.
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    message_to_family = models.TextField(_("message to the family"), blank=True)
    family_reply = models.TextField(_("the family's reply"), blank=True)
    # An appointment the family must keep in person (the notary's, for now).
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    appointment_place = models.CharField(_("appointment place"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("department task")
        verbose_name_plural = _("department tasks")
        constraints = [
            # One per matter, but one per bank (B01) and per insurer (B02).
            models.UniqueConstraint(
                fields=["case", "matter_code", "department"],
                name="one_task_per_matter_and_department",
            ),
            # Money is paid to the heirs once per deceased, per paying
            # department and matter, whatever happens to the cases.
            models.UniqueConstraint(
                fields=["deceased_id_hash", "matter_code", "department"],
                condition=models.Q(requires_consent=True, status=TaskStatus.COMPLETED)
                & ~models.Q(deceased_id_hash=""),
                name="payout_once_per_deceased",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["completed_at"]),
            # The statistics' today, counted live for a supervisor's department:
            # with the day's range alone the planner also read the
            # department's every task (500,000 at 100,000 cases) into a bitmap.
            models.Index(fields=["department", "completed_at"], name="task_done_by_department"),
            # The workbench queue: a department's open tasks in due order,
            # read a page at a time without sorting them all.
            models.Index(
                fields=["department", "queue_due", "id"],
                condition=models.Q(status__in=_OPEN),
                name="task_queue_due",
            ),
            # The statistics' live backlog: open and overdue tasks counted
            # per department from the index alone (the queue's index leaves
            # out whether a task is overdue, so both counts read the heap).
            models.Index(
                fields=["department", "overdue_since"],
                condition=models.Q(status__in=_OPEN),
                name="task_open_by_department",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.matter_code}"

    @property
    def limit(self):
        return TimeLimit(self.time_limit, self.time_limit_unit)

    def start_clock(self, now, calendar):
        """The task is ready from ``now``: its limit runs from here, counted
        on ``calendar`` (``cases.workdays.calendar_for``: one query for the
        tasks started together)."""
        self.ready_at = now
        self.due_at = self.limit.due(now, calendar)
        self.due_date = timezone.localdate(self.due_at)

    @classmethod
    def for_matter(cls, case, matter, department=None, **fields):
        """A new (unsaved) task of ``case`` for ``matter``, with the matter's
        catalogue data copied as it is now; ``department`` where it is not
        the matter's own (a bank of B01, an insurer of B02)."""
        limit = matter.time_limit_for(case.scenario)
        return cls(
            case=case,
            matter=matter,
            department=department or matter.department,
            matter_code=matter.code,
            matter_name_zh=matter.name_zh,
            matter_name_en=matter.name_en,
            deceased_id_hash=case.deceased_id_hash,
            time_limit=limit.amount,
            time_limit_unit=limit.unit,
            is_automatic=matter.is_automatic,
            requires_consent=matter.requires_consent,
            issues_certificate=matter.issues_certificate,
            needs=list(matter.needs),
            **fields,
        )

    @property
    def matter_name(self):
        return in_active_language(self.matter_name_zh, self.matter_name_en)
