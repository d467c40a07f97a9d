"""Retention: a closed case keeps its personal data for
``CASE_RETENTION_DAYS`` after it was completed or withdrawn; then its
personal fields are blanked and its files deleted, and what is left are the
anonymous facts the statistics read — scenario, channel, village, dates,
each task's matter, department, times and status, the funeral bill, the
burial booking. A certificate's row stays, without its file: its serial
still answers valid or revoked on the verification page.

Kept on purpose: the keyed hash of the deceased's ID number on the case and
its tasks (it holds one death to one record and each payout to once per
deceased; it reveals nothing without the key), and the medical certificate's
hash of the same number for the same reason. The hashes of the living — the
applicant's, the heirs', a contact's phone — go.

Audit and access events are kept ``AUDIT_RETENTION_DAYS`` (at least 183,
a system check holds it), then removed a whole day at a time with their
links in the hash chain; the days' signed heads stay, so the first day kept
still verifies."""

import datetime
import logging

from auditlog.models import LogEntry
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from ..audit_events import record as record_event
from ..constants import CaseStatus
from ..models import (
    AuditEvent,
    AuditEventKind,
    BankStatement,
    Case,
    CaseDocument,
    Certificate,
    DataRequest,
    Delegation,
    DepartmentTask,
    HeirDeclaration,
    MedicalDeathCertificate,
    Person,
    Rating,
    SealedResultList,
    SmsMessage,
    TrailLink,
    TrailSource,
)

logger = logging.getLogger(__name__)

BATCH = 200

MEDICAL_FIELDS = [
    "name",
    "id_number",
    "birth_date",
    "place_of_death",
    "cause_chain",
    "contact_name",
    "contact_phone",
    "contact_phone_hash",
]
# What a case's erasure blanks, per model: how its rows are found from the
# case ids, and the fields. Every personal field of the domain is here or in
# NOT_CASE_DATA (a test holds the two lists to every encrypted field, keyed
# hash and file the models have).
ERASED_FIELDS = {
    Person: (
        lambda ids: (
            models.Q(pk__in=Case.objects.filter(pk__in=ids).values("deceased"))
            | models.Q(pk__in=Case.objects.filter(pk__in=ids).values("applicant"))
        ),
        [
            "name",
            "id_number",
            "id_number_hash",
            "phone",
            "phone_hash",
            "bank_account",
            "birth_date",
            "place_of_death",
            "cause_of_death",
        ],
    ),
    Case: (
        lambda ids: models.Q(pk__in=ids),
        ["registry_profile", "profile", "answers", "result_list"],
    ),
    DepartmentTask: (
        lambda ids: models.Q(case__in=ids),
        ["result", "reason", "message_to_family", "family_reply", "appointment_place"],
    ),
    HeirDeclaration: (lambda ids: models.Q(case__in=ids), ["payee_name", "payee_account"]),
    Delegation: (
        lambda ids: models.Q(declaration__case__in=ids),
        ["name", "id_number", "id_number_hash", "phone", "phone_hash", "token", "token_hash"],
    ),
    MedicalDeathCertificate: (
        lambda ids: models.Q(case__in=ids),
        MEDICAL_FIELDS,
    ),
    SmsMessage: (lambda ids: models.Q(case__in=ids), ["phone", "phone_hash", "text"]),
    Rating: (lambda ids: models.Q(case__in=ids), ["reason", "answer"]),
}
# Files: deleted from storage; the rows of a case's own uploads go with
# them, a certificate's and a sealed list's stay (their serials verify).
FILES = {
    CaseDocument: (lambda ids: models.Q(case__in=ids), "file", True),
    BankStatement: (lambda ids: models.Q(case__in=ids), "file", True),
    Delegation: (lambda ids: models.Q(declaration__case__in=ids), "document", False),
    Certificate: (lambda ids: models.Q(case__in=ids), "file", False),
    SealedResultList: (lambda ids: models.Q(case__in=ids), "file", False),
}
# Personal fields that are not a case's: kept by their own rules.
NOT_CASE_DATA = {
    # An app account's number: removed with the account.
    ("PhoneDevice", "phone"),
    ("PhoneDevice", "phone_hash"),
    # A sign-in code's number: the code expires in minutes.
    ("PurposeCode", "phone"),
    ("PurposeCode", "phone_hash"),
    # Staff's work phone, shown to families on purpose.
    ("FuneralAssistant", "phone"),
    # The deceased's hash on the medical certificate (see above).
    ("MedicalDeathCertificate", "id_number_hash"),
    # A department's connector secret.
    ("Department", "shared_secret"),
    # A case document's name is erased with its row.
    ("CaseDocument", "original_name"),
    # A relative's request about the deceased's data, and its copy: kept by
    # their own retention (erased as long after the answer), so that the
    # answer to a deletion can still be read once the case is erased.
    ("DataRequest", "requester_phone"),
    ("DataRequest", "requester_phone_hash"),
    ("DataRequest", "details"),
    ("DataRequest", "copy_pdf"),
    ("DataRequest", "copy_json"),
}
REQUEST_FIELDS = ["requester_name", "requester_phone", "requester_phone_hash", "details"]
CLOSED = [CaseStatus.COMPLETED, CaseStatus.WITHDRAWN]


def cutoff(now):
    return now - datetime.timedelta(days=settings.CASE_RETENTION_DAYS)


def expired(now):
    """Closed cases past their retention, oldest first (the partial index
    ``case_to_erase`` serves it)."""
    return Case.objects.filter(
        erased_at__isnull=True,
        completed_at__isnull=False,
        completed_at__lt=cutoff(now),
        status__in=CLOSED,
    ).order_by("completed_at")


def _empty(field):
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default()
    return ""


def _blank(model, where, names):
    values = {name: _empty(model._meta.get_field(name)) for name in names}
    # One UPDATE per model, not a save per row: no diff of the old values is
    # logged (the trail would keep what is being erased).
    return model._base_manager.filter(where).update(**values)


def erase(case_ids, *, now, early=False):
    """Erase the personal data of the given cases, which must be expired
    (checked again under the lock) — or, ``early``, only closed: a close
    relative asked for the deletion (``cases.services.rights``). Returns the
    ids erased."""
    closed = Case.objects.filter(
        erased_at__isnull=True, completed_at__isnull=False, status__in=CLOSED
    )
    with transaction.atomic():
        ids = list(
            (closed if early else expired(now))
            .filter(pk__in=case_ids)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not ids:
            return []
        names = []
        for model, (rows, field, drop) in FILES.items():
            names += _take_files(model._base_manager.filter(rows(ids)), field, drop=drop)
        for model, (rows, fields) in ERASED_FIELDS.items():
            _blank(model, rows(ids), fields)
        Case.objects.filter(pk__in=ids).update(erased_at=now)
        for case_id in ids:
            record_event(AuditEventKind.PERSONAL_DATA_ERASED, actor=None, case=Case(pk=case_id))
        # Files go once the rows no longer name them: a rollback keeps both.
        transaction.on_commit(lambda: _delete_files(names))
    return ids


def _erase_answered_requests(now):
    """Relatives' requests answered longer ago than the retention: their
    personal fields and copies go; the request's facts stay."""
    with transaction.atomic():
        # Not erased yet: the number is still there.
        ids = list(
            DataRequest.objects.filter(answered_at__lt=cutoff(now))
            .exclude(requester_phone="")
            .values_list("pk", flat=True)
        )
        old = DataRequest.objects.filter(pk__in=ids)
        names = _take_files(old, "copy_pdf") + _take_files(old, "copy_json")
        _blank(DataRequest, models.Q(pk__in=ids), REQUEST_FIELDS)
        transaction.on_commit(lambda: _delete_files(names))


def _take_files(rows, field, *, drop=False):
    """The (storage, name) of each file ``field`` of ``rows`` holds, the
    rows then left without it (``drop``: deleted); the files themselves go
    after commit (``_delete_files``)."""
    found = rows.exclude(**{field: ""})
    storage = found.model._meta.get_field(field).storage
    names = [(storage, name) for name in found.values_list(field, flat=True)]
    if drop:
        found.delete()
    else:
        found.update(**{field: ""})
    return names


def _delete_files(names):
    for storage, name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("An erased case's file could not be deleted")


def erase_expired(now):
    """The scheduled job: a batch of expired cases at a time, and the
    medical certificates of deaths no family filed, as long after their
    issue (their sealed PDF stays verifiable by serial without the file)."""
    ids = list(expired(now).values_list("pk", flat=True)[:BATCH])
    erased = len(erase(ids, now=now))
    _erase_answered_requests(now)
    with transaction.atomic():
        unfiled = MedicalDeathCertificate.objects.filter(
            case__isnull=True, issued_at__lt=cutoff(now)
        ).exclude(name="")
        names = _take_files(
            Certificate.objects.filter(pk__in=unfiled.values("certificate")), "file"
        )
        _blank(MedicalDeathCertificate, models.Q(pk__in=unfiled.values("pk")), MEDICAL_FIELDS)
        transaction.on_commit(lambda: _delete_files(names))
    return erased


def audit_cutoff_day(now):
    return timezone.localdate(now) - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)


def purge_audit(now, *, days=31):
    """Remove the audit and access events, and the recorded changes, of the
    days before the audit retention — the oldest first, one day per
    transaction, up to ``days`` days a run — with their links; the days'
    heads stay. Returns the rows removed."""
    first_kept = audit_cutoff_day(now)
    removed = 0
    for _ in range(days):
        oldest = _oldest_day()
        if oldest is None or oldest >= first_kept:
            break
        removed += _purge_day(oldest)
    return removed


def _oldest_day():
    link = TrailLink.objects.order_by("day").values_list("day", flat=True).first()
    event = AuditEvent._base_manager.order_by("at").values_list("at", flat=True).first()
    entry = LogEntry.objects.order_by("timestamp").values_list("timestamp", flat=True).first()
    days = [link] + [timezone.localdate(at) for at in (event, entry) if at is not None]
    days = [day for day in days if day is not None]
    return min(days) if days else None


def _purge_day(day):
    """A day's links and the rows they hold, and the rows of that day no
    link holds (written before the chain began); not a row written just
    before midnight and linked on a day kept."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    removed = 0
    with transaction.atomic():
        links = TrailLink._base_manager.filter(day=day)
        for source, model, time_field in (
            (TrailSource.EVENT, AuditEvent, "at"),
            (TrailSource.CHANGE, LogEntry, "timestamp"),
        ):
            linked = links.filter(source=source).values("row_id")
            # The sweep links a row at most two days late.
            later = TrailLink.objects.filter(
                day__gt=day, day__lte=day + datetime.timedelta(days=3), source=source
            ).values("row_id")
            rows = model._base_manager.filter(
                models.Q(pk__in=linked)
                | models.Q(**{f"{time_field}__gte": start, f"{time_field}__lt": end})
            ).exclude(pk__in=later)
            removed += rows.delete()[0]
        links.delete()
    return removed
