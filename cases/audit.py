"""The audit trail: django-auditlog's model diffs, plus what it cannot see.

Personal fields are masked with :func:`cases.masking.mask_for_audit` (the
default mask leaves half of an ID number visible); blind-index hashes are not
logged at all. ``bulk_create`` writes no log entries: a submission, which
bulk-creates its people and tasks, writes one compact entry of its own
(:func:`log_submission`).
"""

from contextlib import nullcontext

from auditlog.cid import get_cid
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from .models import (
    Area,
    AssistantTraining,
    AuditEvent,
    CalendarOverride,
    Case,
    CaseDocument,
    Certificate,
    Delegation,
    Department,
    DepartmentTask,
    Dispatch,
    FuneralAssistant,
    HeirDeclaration,
    HolidayNotice,
    HotlineLock,
    Matter,
    MedicalDeathCertificate,
    MedicalInstitution,
    Person,
    Rating,
    Reversal,
    SealedResultList,
    TrailSource,
)
from .services import trail

PERSONAL_FIELDS = ["id_number", "phone", "bank_account"]
HASH_FIELDS = ["id_number_hash", "phone_hash"]
MASK = "cases.masking.mask_for_audit"


def _seal_when_committed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        source = TrailSource.EVENT if sender is AuditEvent else TrailSource.CHANGE
        trail.written(source, [instance.pk])


def register_models():
    # Every audit event and every recorded change joins the hash chain once
    # its transaction commits (``cases.services.trail``).
    post_save.connect(_seal_when_committed, sender=AuditEvent, dispatch_uid="trail_event")
    post_save.connect(_seal_when_committed, sender=LogEntry, dispatch_uid="trail_change")
    for model in (
        CalendarOverride,
        Certificate,
        DepartmentTask,
        Dispatch,
        HolidayNotice,
        HotlineLock,
        Reversal,
        SealedResultList,
    ):
        auditlog.register(model)
    auditlog.register(CaseDocument, mask_fields=["original_name"], mask_callable=MASK)
    # The family's reason and the supervisor's answer are free text.
    auditlog.register(Rating, mask_fields=["reason", "answer"], mask_callable=MASK)
    # The reversal is its own record; reading the reverse one-to-one in every
    # diff would cost a query per case saved.
    auditlog.register(
        Case, mask_fields=["answers"], mask_callable=MASK, exclude_fields=["reversal"]
    )
    # The connector secret is never logged, not even masked.
    auditlog.register(Department, exclude_fields=["shared_secret"])
    auditlog.register(Matter, m2m_fields={"depends_on"})
    auditlog.register(MedicalInstitution)
    auditlog.register(Area)
    auditlog.register(AssistantTraining)
    auditlog.register(
        FuneralAssistant, mask_fields=["phone"], mask_callable=MASK, m2m_fields={"villages"}
    )
    # The cause chain is health data, as personal as the ID number.
    auditlog.register(
        MedicalDeathCertificate,
        mask_fields=["id_number", "contact_phone", "cause_chain", "name"],
        mask_callable=MASK,
        exclude_fields=["id_number_hash", "contact_phone_hash"],
    )
    auditlog.register(HeirDeclaration, mask_fields=["payee_account"], mask_callable=MASK)
    # The link token is a credential: never logged, not even masked.
    auditlog.register(
        Delegation,
        mask_fields=["id_number", "phone"],
        mask_callable=MASK,
        exclude_fields=[*HASH_FIELDS, "token", "token_hash"],
    )
    auditlog.register(
        Person, mask_fields=PERSONAL_FIELDS.copy(), mask_callable=MASK, exclude_fields=HASH_FIELDS
    )


def log_submission(case, people, tasks, *, actor=None):
    """One CREATE entry for a whole submission, on the case.

    It tells everything the submission created: the case's fields and each
    person's (masked as their registrations say, like any entry), and every
    task as ``[id, matter, department id, status, due date]`` — the tasks'
    other fields are the matter's catalogue values copied at that moment,
    which the catalogue's own log holds. One row and three diffs, where one
    entry and one diff per row made the audit log 44 % of a submission
    (issue 36). Written with save(), so the request's address and
    correlation ID are filled in by django-auditlog and the trail links it.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Case),
        object_pk=str(case.pk),
        object_id=case.pk,
        object_repr=str(case),
        action=LogEntry.Action.CREATE,
        changes=model_instance_diff(None, case),
        actor=user,
        cid=get_cid(),
        additional_data={
            "people": [
                {"id": person.pk, "role": person.role, "changes": model_instance_diff(None, person)}
                for person in people
            ],
            "tasks": [
                [
                    task.pk,
                    task.matter_code,
                    task.department_id,
                    task.status,
                    task.due_date.isoformat() if task.due_date else None,
                ]
                for task in tasks
            ],
        },
    )


def acting_as(actor):
    """Attribute the log entries written inside to ``actor`` (a user), when the
    request middleware has not already done so (commands, background jobs)."""
    if getattr(actor, "is_authenticated", False):
        return set_actor(actor)
    return nullcontext()
