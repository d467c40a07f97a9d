"""Unfinished applications are personal data kept only as long as needed."""

import datetime

from django.conf import settings

from cases.storage import draft_storage

from .models import Draft
from .storage import DraftStorage


def prune_abandoned_drafts(now):
    """Delete unfinished drafts nobody touched for DRAFT_RETENTION_DAYS, with
    their uploaded files; return how many."""
    cutoff = now - datetime.timedelta(days=settings.DRAFT_RETENTION_DAYS)
    storage = draft_storage()
    pruned = 0
    for draft in Draft.objects.in_progress().filter(updated_at__lt=cutoff).iterator():
        DraftStorage(draft, "apply", file_storage=storage).delete_files()
        draft.delete()
        pruned += 1
    return pruned
