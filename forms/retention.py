"""Unfinished applications are personal data kept only as long as needed."""

import datetime

from django.conf import settings

from .filing import discard
from .models import Draft


def prune_abandoned_drafts(now):
    """Delete unfinished drafts nobody touched for DRAFT_RETENTION_DAYS, with
    their uploaded files; return how many."""
    cutoff = now - datetime.timedelta(days=settings.DRAFT_RETENTION_DAYS)
    pruned = 0
    for draft in Draft.objects.in_progress().filter(updated_at__lt=cutoff).iterator():
        discard(draft)
        pruned += 1
    return pruned
