"""The hash chain over the audit trail: a link per audit event and per
model diff (django-auditlog's ``LogEntry``), in the order they were sealed,
each carrying the hash of the one before. A day's chain begins with the
previous day's last hash, and the day's head — its last link — is signed
with a key the database does not hold (``AUDIT_TRAIL_KEY``): someone who can
edit the tables can change a row, but not without breaking the chain at that
row or forging a head they cannot sign.

The links live beside the rows they cover, not in them: the rows are
written inside the transaction that causes them, the links just after it
commits (``cases.services.trail``), so sealing never holds a lock that the
transaction's other locks could deadlock against."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .append_only import AppendOnlyModel


class TrailSource(models.TextChoices):
    EVENT = "event", _("audit event")
    CHANGE = "change", _("recorded change")


class TrailLink(AppendOnlyModel):
    wagtail_reference_index_ignore = True

    day = models.DateField(_("day"))
    seq = models.PositiveIntegerField(_("position"))
    source = models.CharField(_("source"), max_length=10, choices=TrailSource.choices)
    row_id = models.BigIntegerField(_("row"))
    digest = models.CharField(_("digest of the row"), max_length=64)
    prev = models.CharField(_("hash of the previous link"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)
    # Sealed by the sweep rather than just after the transaction that wrote
    # the row (a process that died in between, or a row written behind the
    # application's back): the chain holds it, the check lists it.
    late = models.BooleanField(_("sealed late"), default=False)
    sealed_at = models.DateTimeField(_("sealed at"), default=timezone.now)

    class Meta:
        verbose_name = _("trail link")
        verbose_name_plural = _("trail links")
        constraints = [
            models.UniqueConstraint(fields=["day", "seq"], name="one_link_per_position"),
            models.UniqueConstraint(fields=["source", "row_id"], name="one_link_per_row"),
        ]

    def __str__(self):
        return f"{self.day} #{self.seq}"


class TrailHead(models.Model):
    """A day's last link, signed. Moved forward by every seal, under a row
    lock: the one place where sealing processes wait for each other."""

    day = models.DateField(_("day"), primary_key=True)
    seq = models.PositiveIntegerField(_("links"), default=0)
    hash = models.CharField(_("hash"), max_length=64)
    signature = models.CharField(_("signature"), max_length=64)

    class Meta:
        verbose_name = _("trail head")
        verbose_name_plural = _("trail heads")

    def __str__(self):
        return f"{self.day}: {self.seq}"


class TrailCheck(AppendOnlyModel):
    """One verification of a day's chain, as the scheduled check or an
    administrator ran it: what the admin shows without walking the chain
    on every page."""

    day = models.DateField(_("day"))
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    intact = models.BooleanField(_("intact"))
    links = models.PositiveIntegerField(_("links"))
    late = models.PositiveIntegerField(_("sealed late"), default=0)
    pending = models.PositiveIntegerField(_("not yet sealed"), default=0)
    # The first broken link in words (no personal data: positions and ids).
    problem = models.CharField(_("first broken link"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("trail check")
        verbose_name_plural = _("trail checks")
        indexes = [models.Index(fields=["day", "-checked_at"], name="trailcheck_day_at")]

    def __str__(self):
        return f"{self.day} {'ok' if self.intact else 'broken'}"
