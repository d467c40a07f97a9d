"""Submitting a case: one application fans out into department tasks."""

import dataclasses
import datetime
import json

from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import kept
from ..audit import acting_as, log_submission
from ..audit_events import record as record_event
from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import (
    MEDICAL_CERTIFICATE,
    CaseStatus,
    Channel,
    PersonRole,
    ProfileFlag,
    Relationship,
    Scenario,
    TaskStatus,
)
from ..models import AuditEventKind, Case, DepartmentTask, FuneralAssistant, Person
from ..notifications import notify
from ..references import generate_reference
from ..registry.base import RegistryUnavailable
from ..registry.service import SUBMISSION, lookup_person
from ..validators import (
    birth_date_from_id,
    gender_from_id,
    normalise_id_number,
    validate_death_date,
    validate_matches_id,
    validate_mobile,
    validate_person_name,
    validate_resident_id,
)
from ..workdays import WorkingCalendar
from . import clock, institutions, medical_certificates, network
from .eligibility import plan_tasks
from .open_cases import HOLDING, CaseAlreadyOpen, deceased_key
from .release import PAUSE_REASONS, pending_event
from .status_history import record_created

CASE_TIME_LIMIT_DAYS = 3
REFERENCE_ATTEMPTS = 5


@dataclasses.dataclass
class PersonData:
    name: str
    id_number: str = ""
    phone: str = ""
    relationship: str = ""
    gender: str = ""
    birth_date: datetime.date | None = None
    died_at: datetime.datetime | None = None
    place_of_death: str = ""
    bank_account: str = ""
    cause_of_death: str = ""


def submit_case(
    *,
    scenario,
    channel,
    deceased: PersonData,
    applicant: PersonData,
    profile=None,
    submitted_by=None,
    form_revision_id=None,
    answers=None,
):
    """Create a case and its department tasks; return the case.

    ``answers`` are the form's answers that have no field of their own
    (``[{"name", "label", "value"}]``); ``form_revision_id`` names the published
    form they were given on.

    ``profile`` holds the flags the applicant confirmed or corrected; flags it
    leaves out are taken from the shared registry. Raises ValidationError
    (keyed by ``deceased.id_number`` and the like) and writes nothing when the
    input is wrong.
    """
    _validate(scenario, channel, deceased, applicant, profile or {})
    # One open case per death: the unique index decides, even between two
    # submissions at the same moment (_create_case), at no extra query.
    deceased_id_hash = deceased_key(deceased.id_number)
    record = _lookup_registry(deceased.id_number, submitted_by)
    registry_profile = dict(record.flags) if record else {}
    confirmed_profile = {flag: bool(registry_profile.get(flag)) for flag in ProfileFlag.values}
    confirmed_profile.update({flag: bool(value) for flag, value in (profile or {}).items()})
    identity_verified = record is not None and record.name == deceased.name.strip()

    # Asked before the transaction: a search over the network holds no lock.
    banks = institutions.banks_of(record, confirmed_profile, deceased.id_number)
    now = timezone.now()
    today = timezone.localdate(now)
    matters = kept.active_matters()
    plan = plan_tasks(matters, scenario, confirmed_profile, identity_verified=identity_verified)
    longest = max(
        [CASE_TIME_LIMIT_DAYS, *(p.matter.time_limit_for(scenario).span_days() for p in plan)]
    )
    calendar = WorkingCalendar.for_working_days_after(today, longest)

    with transaction.atomic(), acting_as(submitted_by):
        people = Person.objects.bulk_create(
            [
                _person(PersonRole.DECEASED, deceased),
                _person(PersonRole.APPLICANT, applicant),
            ]
        )
        case = _create_case(
            scenario=scenario,
            channel=channel,
            deceased=people[0],
            deceased_id_hash=deceased_id_hash,
            applicant=people[1],
            registry_profile=registry_profile,
            profile=confirmed_profile,
            identity_verified=identity_verified,
            submitted_by=submitted_by if getattr(submitted_by, "is_authenticated", False) else None,
            submitted_at=now,
            language="en" if (get_language() or "").startswith("en") else "zh-hans",
            due_date=calendar.add_working_days(today, CASE_TIME_LIMIT_DAYS),
            form_revision_id=form_revision_id,
            answers=json.dumps(answers, ensure_ascii=False) if answers else "",
        )
        tasks = DepartmentTask.objects.bulk_create(
            [
                _task(case, planned, now, calendar, department)
                for planned in plan
                for department in institutions.departments_for(planned.matter, record, banks)
            ]
        )
        log_submission(case, people, tasks, actor=submitted_by)
        if case.keep_due_date_after(max((t.due_date for t in tasks if t.due_date), default=None)):
            case.save(update_fields=["due_date", "updated_at"])
        record_created(tasks, at=now, actor=submitted_by)
        record_event(
            AuditEventKind.CASE_SUBMITTED, actor=submitted_by, case=case, channel=case.channel
        )
        # A medical certificate issued in the system before the family filed
        # does the certificate matter: it is not sent to the department.
        # One that another (withdrawn) case took up already is not this case's.
        medical = medical_certificates.untaken_for(deceased.id_number)
        dispatch_ready_tasks(
            task
            for task in tasks
            if task.status == TaskStatus.READY
            and not (medical and task.matter_code == MEDICAL_CERTIFICATE)
        )
        notify(
            "case_submitted",
            phone=case.applicant.phone,
            case=case,
            context={"reference": case.display_reference, "due_date": case.due_date},
            dedupe_key=f"case:{case.pk}:submitted",
        )
        # One task per matter, but one per bank and per insurer: each waits
        # for every task of the matters its matter waits for.
        tasks_by_code = {}
        for task in tasks:
            tasks_by_code.setdefault(task.matter_code, []).append(task)
        Through = DepartmentTask.depends_on.through
        Through.objects.bulk_create(
            [
                Through(from_departmenttask_id=task.pk, to_departmenttask_id=earlier.pk)
                for planned in plan
                for dependency in planned.depends_on
                for task in tasks_by_code[planned.matter.code]
                for earlier in tasks_by_code[dependency.matter.code]
            ]
        )
        if medical is not None:
            medical_certificates.take_up(medical, case)
        network.assign_on_submission(
            case,
            # The family's answer corrects the registry's address, as it
            # corrects the profile the registry gives.
            area_code=_answered_village(answers) or (record.hukou_area_code if record else ""),
            filed_by_assistant=_assistant_filing(channel, submitted_by),
        )
    return case


def _answered_village(answers):
    """The village code the family chose on the form, or ""."""
    return next(
        (a.get("code", "") for a in answers or () if a.get("key") == network.VILLAGE_KEY), ""
    )


def _assistant_filing(channel, user):
    """The funeral assistant filing with the family (代办), or None."""
    if channel != Channel.ASSISTED or not getattr(user, "is_authenticated", False):
        return None
    return FuneralAssistant.objects.filter(user=user, active=True).first()


def _validate(scenario, channel, deceased, applicant, profile):
    errors = {}

    def check(key, validator, *args):
        try:
            validator(*args)
        except ValidationError as exc:
            errors[key] = exc.messages

    if scenario not in Scenario.values:
        errors["scenario"] = _("Choose one of the three death scenarios.")
    if channel not in Channel.values:
        errors["channel"] = _("Unknown service channel.")
    if not deceased.name.strip():
        errors["deceased.name"] = _("Enter the name of the deceased.")
    else:
        check("deceased.name", validate_person_name, deceased.name)
    check("deceased.id_number", validate_resident_id, deceased.id_number)
    if "deceased.id_number" not in errors:
        try:
            validate_matches_id(
                deceased.id_number, birth_date=deceased.birth_date, gender=deceased.gender
            )
        except ValidationError as exc:
            for attribute, problems in exc.message_dict.items():
                errors[f"deceased.{attribute}"] = problems
    if deceased.died_at is None:
        errors["deceased.died_at"] = _("Enter the date and time of death.")
    elif "deceased.id_number" not in errors:
        birth_date = birth_date_from_id(deceased.id_number)
        check("deceased.died_at", validate_death_date, deceased.died_at, birth_date)
    if not applicant.name.strip():
        errors["applicant.name"] = _("Enter your name.")
    else:
        check("applicant.name", validate_person_name, applicant.name)
    check("applicant.phone", validate_mobile, applicant.phone)
    if applicant.id_number:
        check("applicant.id_number", validate_resident_id, applicant.id_number)
        if "applicant.id_number" not in errors and normalise_id_number(
            applicant.id_number
        ) == normalise_id_number(deceased.id_number):
            errors["applicant.id_number"] = _(
                "This is the ID number of the deceased. Enter your own ID number: the "
                "applicant is the family member who applies."
            )
    if applicant.relationship not in Relationship.values:
        errors["applicant.relationship"] = _("Say how you are related to the deceased.")
    unknown = set(profile) - set(ProfileFlag.values)
    if unknown:
        errors["profile"] = _("Unknown profile items: %(items)s.") % {
            "items": ", ".join(sorted(unknown))
        }
    if errors:
        raise ValidationError(errors)


def _lookup_registry(id_number, actor):
    try:
        return lookup_person(id_number, purpose=SUBMISSION, actor=actor)
    except RegistryUnavailable:
        # The application goes on with what the family typed; the identity
        # check task then waits for a clerk instead of completing by itself.
        return None


def _person(role, data):
    id_number = normalise_id_number(data.id_number) if data.id_number else ""
    return Person(
        role=role,
        name=data.name.strip(),
        id_number=id_number,
        phone=data.phone,
        bank_account=data.bank_account,
        relationship=data.relationship,
        # The ID number encodes both; what it says wins over nothing at all.
        gender=data.gender or (gender_from_id(id_number) if id_number else ""),
        birth_date=data.birth_date or (birth_date_from_id(id_number) if id_number else None),
        died_at=data.died_at,
        place_of_death=data.place_of_death,
        cause_of_death=data.cause_of_death.strip(),
    )


def _create_case(**fields):
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            # Logged with its people and tasks, once (audit.log_submission).
            with transaction.atomic(), disable_auditlog():
                return Case.objects.create(reference=generate_reference(), **fields)
        except IntegrityError:
            # Another submission for the same death won the race (the unique
            # index waited for it to commit), or a reference collided.
            holding = (
                Case.objects.filter(deceased_id_hash=fields["deceased_id_hash"], status__in=HOLDING)
                .values_list("status", flat=True)
                .first()
            )
            if holding is not None:
                raise CaseAlreadyOpen(completed=holding == CaseStatus.COMPLETED) from None
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _task(case, planned, now, calendar, department):
    matter = planned.matter
    task = DepartmentTask.for_matter(case, matter, department, status=planned.status)
    if task.status == TaskStatus.READY and (event := pending_event(task, case)) is not None:
        # Ready but for an event (body transport waits for the police to
        # release the body): it waits, and the case clock with it.
        task.status = TaskStatus.WAITING
        clock.pause(task, case, PAUSE_REASONS[event], now)
    if task.status in (TaskStatus.READY, TaskStatus.COMPLETED):
        task.start_clock(now, calendar)
    if task.status == TaskStatus.COMPLETED:
        task.completed_at = now
        task.result = {"outcome": "identity_verified"}
    return task
