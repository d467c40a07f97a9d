"""What the API shows. Citizens see their own cases whole; hotline agents see
a masked view. Nothing here reaches beyond what the resolvers were given, so
lists are fetched once with their related rows (no N+1)."""

import graphene
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import get_language
from graphene_django import DjangoObjectType

from cases.constants import TaskStatus, family_state
from cases.models import Case, DepartmentTask
from cases.references import parse_reference
from cases.services.access import cases_visible_to
from cases.services.consent import consent_given, declaration_complete, waits_for_heirs
from cases.services.found_later import found_later_choices
from cases.services.results import outcome_phrase

from . import auth
from .burial import CaseBurialFields
from .errors import not_found
from .funeral import CaseFuneralFields
from .money import CaseMoneyFields


def in_english():
    return get_language() == "en"


def visible_cases(info):
    """The cases the signed-in citizen may see, decided once per request by
    the same rule as the portal's (cases.services.access)."""
    request = info.context
    if not hasattr(request, "_visible_cases"):
        request._visible_cases = cases_visible_to(auth.citizen(info))
    return request._visible_cases


def case_of(info, reference):
    """The signed-in citizen's case by its reference; not_found for a
    malformed reference, an unknown one and someone else's alike."""
    try:
        return visible_cases(info).get(reference=parse_reference(reference))
    except (ValidationError, ObjectDoesNotExist):
        raise not_found() from None


class TaskType(DjangoObjectType):
    class Meta:
        model = DepartmentTask
        name = "Task"
        fields = (
            "id",
            "matter_code",
            "status",
            "due_date",
            "due_at",
            "paused_since",
            "completed_at",
            "message_to_family",
        )
        convert_choices_to_enum = False

    @classmethod
    def get_queryset(cls, queryset, info):
        # Only tasks of cases the viewer may see, however the task is reached.
        return queryset.filter(case__in=visible_cases(info).values("pk"))

    matter = graphene.String(required=True, description="The matter's name.")
    department = graphene.String(required=True)
    family_state = graphene.String(
        required=True,
        description="waiting, in_progress, needs_you, done or not_applicable.",
    )
    public_result = graphene.String(description="What was done, for the family.")
    pause_reason = graphene.String(
        description="While the task waits outside the departments (since pausedSince): why. "
        "Its due moment then moves later by the time this takes."
    )
    waiting_for_heirs = graphene.Boolean(
        required=True,
        description="A money matter held until every heir has authorized the payment.",
    )

    def resolve_matter(task, info):
        return task.matter_name_en if in_english() and task.matter_name_en else task.matter_name_zh

    def resolve_department(task, info):
        department = task.department
        return department.name_en if in_english() else department.name_zh

    def resolve_family_state(task, info):
        return family_state(task.status)

    def resolve_waiting_for_heirs(task, info):
        # Set by _tasks, which knows the case's heirs declaration.
        return getattr(task, "waiting_for_heirs", False)

    def resolve_pause_reason(task, info):
        return task.get_pause_reason_display() if task.paused_since else None

    def resolve_public_result(task, info):
        if task.status == TaskStatus.COMPLETED:
            return outcome_phrase(task, english=in_english())
        if task.status == TaskStatus.NOT_APPLICABLE:
            return task.reason or None
        return None


def _tasks(case, tasks=None):
    # Prefetched by the list resolvers (or given, for the hotline's answer);
    # sorted here, not in SQL, so that the prefetch is used.
    tasks = sorted(case.tasks.all() if tasks is None else tasks, key=lambda t: t.matter_code)
    if any(task.requires_consent for task in tasks):
        prefetched = getattr(case, "current_declarations", None)
        if prefetched is None:
            given = consent_given(case)
        else:
            given = declaration_complete(prefetched[0] if prefetched else None)
        for task in tasks:
            task.waiting_for_heirs = waits_for_heirs(task, given)
    return tasks


class CertificateType(graphene.ObjectType):
    class Meta:
        name = "Certificate"

    serial = graphene.String(required=True)
    name = graphene.String(required=True)
    department = graphene.String(required=True)
    issued_at = graphene.DateTime(required=True)
    revoked = graphene.Boolean(required=True)
    download_url = graphene.String(
        description="The signed PDF; send the same Authorization header. Null once revoked."
    )
    verification_url = graphene.String(required=True)

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.filter(case__in=visible_cases(info).values("pk"))

    def resolve_department(certificate, info):
        return certificate.department.name_en if in_english() else certificate.department.name_zh

    def resolve_revoked(certificate, info):
        return certificate.revoked_at is not None

    def resolve_download_url(certificate, info):
        if certificate.revoked_at is not None:
            return None
        from django.urls import reverse

        return info.context.build_absolute_uri(
            reverse("certificate_pdf", kwargs={"serial": certificate.serial})
        )

    def resolve_verification_url(certificate, info):
        from cases.services.certificates import verification_url

        return verification_url(certificate.serial)


class FoundLaterType(graphene.ObjectType):
    """Something the family may still add to the case (补办)."""

    class Meta:
        name = "FoundLater"

    item = graphene.String(required=True, description="Pass it to addFoundLater.")
    label = graphene.String(required=True)
    matters = graphene.List(graphene.NonNull(graphene.String), required=True)

    def resolve_item(choice, info):
        return choice.flag

    def resolve_label(choice, info):
        return str(choice.label)

    def resolve_matters(choice, info):
        return [matter.name for matter in choice.matters]


class AssistantType(graphene.ObjectType):
    """The funeral assistant who follows the family to the end."""

    class Meta:
        name = "Assistant"

    name = graphene.String(required=True)
    phone = graphene.String(required=True, description="Their work phone, to call them.")


class CaseType(CaseBurialFields, CaseFuneralFields, CaseMoneyFields, DjangoObjectType):
    class Meta:
        model = Case
        name = "Case"
        fields = (
            "status",
            "scenario",
            "channel",
            "submitted_at",
            "due_date",
            "clock_started_at",
            "paused_since",
            "completed_at",
        )
        convert_choices_to_enum = False

    @classmethod
    def get_queryset(cls, queryset, info):
        return queryset.filter(pk__in=visible_cases(info).values("pk"))

    reference = graphene.String(required=True, description="As printed: 7K3Q-X9M2-P.")
    tasks = graphene.List(graphene.NonNull(TaskType), required=True)
    needs_from_family = graphene.List(
        graphene.NonNull(TaskType),
        required=True,
        description="Tasks waiting for something from the family.",
    )
    result_list_issued = graphene.Boolean(required=True)
    pause_reason = graphene.String(
        description="While the case clock stands still (since pausedSince): why."
    )
    certificates = graphene.List(graphene.NonNull(CertificateType), required=True)
    assistant = graphene.Field(
        AssistantType, description="Your funeral assistant (殡葬协理员), once one is assigned."
    )
    found_later_choices = graphene.List(
        graphene.NonNull(FoundLaterType),
        required=True,
        description="What may still be added to the case, completed or not: a bank account, "
        "a housing fund, an insurer found later (补办).",
    )

    def resolve_found_later_choices(case, info):
        return found_later_choices(case)

    def resolve_assistant(case, info):
        return case.assistant

    def resolve_reference(case, info):
        return case.display_reference

    def resolve_tasks(case, info):
        return _tasks(case)

    def resolve_certificates(case, info):
        return list(case.certificates.all())

    def resolve_needs_from_family(case, info):
        return [t for t in _tasks(case) if family_state(t.status) == "needs_you"]

    def resolve_pause_reason(case, info):
        return case.get_pause_reason_display() if case.paused_since else None

    def resolve_result_list_issued(case, info):
        return case.result_list_issued_at is not None


class HotlineCaseType(graphene.ObjectType):
    """What an agent may read out to a caller whose number is on the case."""

    # Resolved from cases.services.hotline.HotlineAnswer, masked there: the
    # console renders the same object.

    class Meta:
        name = "HotlineCase"

    reference = graphene.String(required=True)
    status = graphene.String(required=True)
    scenario = graphene.String(required=True)
    submitted_at = graphene.DateTime(required=True)
    due_date = graphene.Date(required=True)
    deceased_name = graphene.String(required=True, description="Masked: 王**.")
    applicant_phone = graphene.String(required=True, description="Masked: 139****5678.")
    open_matters = graphene.Int(required=True)
    tasks = graphene.List(graphene.NonNull(TaskType), required=True)

    def resolve_tasks(answer, info):
        return _tasks(answer.case, answer.tasks)


class StepItemType(graphene.ObjectType):
    class Meta:
        name = "GuideStep"

    title = graphene.String(required=True)
    text = graphene.String()
    duration = graphene.String()


class MaterialType(graphene.ObjectType):
    class Meta:
        name = "Material"

    name = graphene.String(required=True)
    note = graphene.String()


class FaqType(graphene.ObjectType):
    class Meta:
        name = "Faq"

    question = graphene.String(required=True)
    answer = graphene.String(required=True)


def _stream(value, keys):
    return [{k: block.value.get(k) for k in keys} for block in value]


class ScenarioGuideType(graphene.ObjectType):
    class Meta:
        name = "ScenarioGuide"

    scenario = graphene.String(required=True)
    title = graphene.String(required=True)
    url = graphene.String(required=True)
    summary = graphene.String(required=True)
    first_steps = graphene.List(graphene.NonNull(StepItemType), required=True)
    materials = graphene.List(graphene.NonNull(MaterialType), required=True)
    next_steps = graphene.List(graphene.NonNull(StepItemType), required=True)
    faq = graphene.List(graphene.NonNull(FaqType), required=True)

    def resolve_url(page, info):
        return page.get_url(request=info.context)

    def resolve_first_steps(page, info):
        return _stream(page.first_steps, ("title", "text", "duration"))

    def resolve_materials(page, info):
        return _stream(page.materials, ("name", "note"))

    def resolve_next_steps(page, info):
        return _stream(page.next_steps, ("title", "text", "duration"))

    def resolve_faq(page, info):
        return _stream(page.faq, ("question", "answer"))


class MatterGuideType(graphene.ObjectType):
    class Meta:
        name = "MatterGuide"

    code = graphene.String(required=True)
    title = graphene.String(required=True)
    url = graphene.String(required=True)
    department = graphene.String(required=True)
    time_limit_days = graphene.Int(
        required=True,
        deprecation_reason="Limits have units now: read timeLimit.",
        description="At most how many working days the limit spans.",
    )
    time_limit = graphene.String(
        required=True, description="As people read it: '4 working hours', '1 working day'."
    )
    who_qualifies = graphene.String(required=True)
    materials = graphene.List(graphene.NonNull(MaterialType), required=True)
    legal_basis = graphene.String(required=True)
    fees = graphene.String(required=True)

    def resolve_code(page, info):
        return page.matter.code

    def resolve_url(page, info):
        return page.get_url(request=info.context)

    def resolve_department(page, info):
        return page.matter.department.name

    def resolve_time_limit_days(page, info):
        return page.matter.time_limit_for("").working_days()

    def resolve_time_limit(page, info):
        return page.matter.time_limit_phrase()

    def resolve_materials(page, info):
        return _stream(page.materials, ("name", "note"))
