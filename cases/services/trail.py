"""Sealing and checking the hash chain over the audit trail
(``cases.models.trail``).

Every audit event and every recorded change is sealed just after the
transaction that wrote it commits: its row is read back, digested, and
linked to the day's chain under a lock on the day's head — a short
transaction of its own that takes no other lock. A row its process did not
seal (the process died in between, or someone wrote it behind the
application's back) is sealed by the sweep a minute later and marked late.

The check walks a day's links in order and names the first that does not
hold: a row changed or removed after it was sealed, a link missing or
altered, a head not signed with the trail key, a row of the day the chain
does not hold."""

import datetime
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from functools import reduce
from operator import or_

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AuditEvent, TrailCheck, TrailHead, TrailLink, TrailSource

logger = logging.getLogger(__name__)

GENESIS = "0" * 64
# Rows younger than this may still be on their way to their own seal.
GRACE = datetime.timedelta(minutes=1)
# How far back the sweep looks for rows nobody sealed; older ones are the
# check's to report.
SWEEP_WINDOW = datetime.timedelta(days=2)
CHUNK = 2000

MODELS = {TrailSource.EVENT: AuditEvent, TrailSource.CHANGE: LogEntry}
TIME_FIELDS = {TrailSource.EVENT: "at", TrailSource.CHANGE: "timestamp"}


def _key():
    key = settings.AUDIT_TRAIL_KEY
    if not key:
        raise ImproperlyConfigured("AUDIT_TRAIL_KEY is not set.")
    return key.encode()


def sign(day, seq, head_hash):
    message = f"{day.isoformat()}|{seq}|{head_hash}".encode()
    return hmac.new(_key(), message, hashlib.sha256).hexdigest()


def link_hash(prev, source, row_id, digest):
    return hashlib.sha256(f"{prev}|{source}|{row_id}|{digest}".encode()).hexdigest()


def _fields(model):
    return [f.attname for f in model._meta.concrete_fields if not f.primary_key]


def digests(source, ids):
    """Each row's digest by id, from the row as the database holds it (so the
    seal and the check read the same values); ids with no row are absent."""
    model = MODELS[source]
    fields = _fields(model)
    found = {}
    for row in model._base_manager.filter(pk__in=ids).values("pk", *fields):
        content = json.dumps([row[name] for name in fields], cls=DjangoJSONEncoder, sort_keys=True)
        found[row["pk"]] = hashlib.sha256(content.encode()).hexdigest()
    return found


# Sealing ---------------------------------------------------------------


class _Batch:
    """The rows one transaction wrote, sealed together once it commits."""

    def __init__(self):
        self.rows = []

    def seal(self):
        seal(self.rows)


def written(source, ids):
    """Rows just written: sealed when the transaction commits (at once
    outside one). A rolled-back transaction drops the seal with its rows."""
    connection = transaction.get_connection()
    batch = getattr(connection, "_trail_batch", None)
    # The batch is this transaction's while its seal is still queued; a
    # commit runs it and a rollback discards it.
    if batch is None or not any(queued == batch.seal for _, queued, _ in connection.run_on_commit):
        batch = _Batch()
        connection._trail_batch = batch
        transaction.on_commit(batch.seal, robust=True)
    batch.rows.extend((source, row_id) for row_id in ids)


def _locked_head(today):
    """The head to extend, locked: today's, begun from the latest day's last
    hash when today has none yet. A machine whose clock is behind extends
    the latest day rather than a day already closed."""
    while True:
        latest = TrailHead.objects.select_for_update().order_by("-day").first()
        if latest is not None and latest.day >= today:
            return latest
        start = latest.hash if latest is not None else GENESIS
        try:
            with transaction.atomic():
                return TrailHead.objects.create(
                    day=today, seq=0, hash=start, signature=sign(today, 0, start)
                )
        except IntegrityError:
            continue  # another process began the day: lock that one


def seal(rows, *, late=False, now=None):
    """Link ``rows`` ((source, id) pairs) to the chain, in order; a row
    already linked or no longer there is passed over. Returns how many were
    linked."""
    now = now or timezone.now()
    by_source = {}
    for source, row_id in rows:
        by_source.setdefault(source, []).append(row_id)
    found = {
        (source, row_id): digest
        for source, ids in by_source.items()
        for row_id, digest in digests(source, ids).items()
    }
    if not found:
        return 0
    with transaction.atomic():
        head = _locked_head(timezone.localdate(now))
        # Both sources in one query: a submission's seal asks this every time.
        linked = set(
            TrailLink.objects.filter(
                reduce(or_, (Q(source=s, row_id__in=ids) for s, ids in by_source.items()))
            ).values_list("source", "row_id")
        )
        links = []
        for pair in dict.fromkeys(rows):
            if pair not in found or pair in linked:
                continue
            source, row_id = pair
            digest = found[pair]
            new_hash = link_hash(head.hash, source, row_id, digest)
            head.seq += 1
            links.append(
                TrailLink(
                    day=head.day,
                    seq=head.seq,
                    source=source,
                    row_id=row_id,
                    digest=digest,
                    prev=head.hash,
                    hash=new_hash,
                    late=late,
                    sealed_at=now,
                )
            )
            head.hash = new_hash
        if links:
            TrailLink.objects.bulk_create(links)
            head.signature = sign(head.day, head.seq, head.hash)
            head.save(update_fields=["seq", "hash", "signature"])
    return len(links)


def _unsealed(source, *, since, until):
    model = MODELS[source]
    time_field = TIME_FIELDS[source]
    return (
        model._base_manager.filter(**{f"{time_field}__gte": since, f"{time_field}__lt": until})
        .exclude(Exists(TrailLink.objects.filter(source=source, row_id=OuterRef("pk"))))
        .order_by(time_field, "pk")
    )


def seal_late(now):
    """The sweep: rows of the last two days that no process sealed."""
    count = 0
    for source in MODELS:
        ids = list(
            _unsealed(source, since=now - SWEEP_WINDOW, until=now - GRACE).values_list(
                "pk", flat=True
            )[:CHUNK]
        )
        if ids:
            count += seal([(source, row_id) for row_id in ids], late=True, now=now)
    if count:
        logger.warning("%s audit rows were sealed late", count)
    return count


# Checking --------------------------------------------------------------


@dataclass
class Verdict:
    day: datetime.date
    links: int
    late: int = 0
    pending: int = 0
    # What broke first: "missing", "altered", "deleted", "changed", "head",
    # "unsigned" or "outside" (a row of the day the chain does not hold), the
    # position it broke at, and the same in words.
    broken: str = ""
    at: int = 0
    problem: str = ""

    @property
    def intact(self):
        return not self.broken


def _day_bounds(day):
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _walk(verdict, expected):
    """Follow the day's links from ``expected``; returns the last hash."""
    links = TrailLink.objects.filter(day=verdict.day).order_by("seq")
    chunk = []
    for link in links.iterator(chunk_size=CHUNK):
        chunk.append(link)
        if len(chunk) == CHUNK:
            expected = _follow(verdict, chunk, expected)
            if verdict.broken:
                return expected
            chunk = []
    return _follow(verdict, chunk, expected)


def _follow(verdict, chunk, expected):
    found = {}
    for source in MODELS:
        ids = [link.row_id for link in chunk if link.source == source]
        if ids:
            found.update({(source, k): v for k, v in digests(source, ids).items()})
    for link in chunk:
        verdict.links += 1
        verdict.late += link.late
        what = {"seq": link.seq, "source": link.get_source_display(), "row": link.row_id}
        digest = found.get((link.source, link.row_id))
        if link.seq != verdict.links:
            return _broken(verdict, "missing", verdict.links, _("Link %(seq)s is missing.") % what)
        if link.prev != expected or link.hash != link_hash(
            link.prev, link.source, link.row_id, link.digest
        ):
            text = _("Link %(seq)s (%(source)s #%(row)s) was altered.") % what
            return _broken(verdict, "altered", link.seq, text)
        if digest is None:
            text = _("Link %(seq)s: %(source)s #%(row)s was deleted after it was sealed.") % what
            return _broken(verdict, "deleted", link.seq, text)
        if digest != link.digest:
            text = _("Link %(seq)s: %(source)s #%(row)s was changed after it was sealed.") % what
            return _broken(verdict, "changed", link.seq, text)
        expected = link.hash
    return expected


def _broken(verdict, kind, at, text):
    verdict.broken, verdict.at, verdict.problem = kind, at, text
    return None


def verify(day, *, now=None):
    """The verdict on one day's chain (Beijing's day)."""
    now = now or timezone.now()
    verdict = Verdict(day, links=0)
    before = TrailHead.objects.filter(day__lt=day).order_by("-day").first()
    last = _walk(verdict, before.hash if before is not None else GENESIS)
    head = TrailHead.objects.filter(day=day).first()
    if verdict.broken:
        pass
    elif head is None and verdict.links:
        _broken(verdict, "head", verdict.links, _("The day has links but no head."))
    elif head is not None and (head.seq != verdict.links or head.hash != last):
        text = _("The head does not match the last link (%(seq)s).") % {"seq": verdict.links}
        _broken(verdict, "head", verdict.links, text)
    elif head is not None and not hmac.compare_digest(
        head.signature, sign(day, head.seq, head.hash)
    ):
        text = _("The head is not signed with the trail key.")
        _broken(verdict, "unsigned", verdict.links, text)
    start, end = _day_bounds(day)
    for source in MODELS:
        time_field = TIME_FIELDS[source]
        rows = _unsealed(source, since=start, until=min(end, now))
        verdict.pending += rows.filter(**{f"{time_field}__gte": now - GRACE}).count()
        stray = rows.filter(**{f"{time_field}__lt": now - GRACE}).first()
        if stray is not None and not verdict.broken:
            what = {"source": TrailSource(source).label, "row": stray.pk}
            text = _("%(source)s #%(row)s is not in the chain.") % what
            _broken(verdict, "outside", verdict.links, text)
    return verdict


def check(day, *, now=None):
    """Verify a day and keep the verdict for the admin."""
    verdict = verify(day, now=now)
    TrailCheck.objects.create(
        day=day,
        intact=verdict.intact,
        links=verdict.links,
        late=verdict.late,
        pending=verdict.pending,
        problem=verdict.problem[:300],
    )
    if not verdict.intact:
        logger.error("The audit trail of %s does not verify: %s", day, verdict.problem)
    return verdict


def latest_check(day):
    return TrailCheck.objects.filter(day=day).order_by("-checked_at", "-pk").first()
