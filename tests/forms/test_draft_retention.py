"""Unfinished applications are deleted, with their files, after the retention
period; recent ones and submitted ones stay."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cases.scheduling import JOBS, run_due_jobs
from cases.storage import draft_storage
from forms.models import Draft
from forms.retention import prune_abandoned_drafts
from tests.factories import PDF_BYTES, CaseFactory, DraftFactory

pytestmark = pytest.mark.django_db


def draft_with_file(**fields):
    from django.core.files.base import ContentFile

    name = draft_storage().save("upload", ContentFile(PDF_BYTES))
    draft = DraftFactory(**fields)
    draft.store_state(
        {
            "step": "2",
            "step_data": {},
            "extra_data": {},
            "step_files": {"2": {"f": {"tmp_name": name, "name": "a.pdf"}}},
        }
    )
    draft.save()
    return draft, name


def test_a_draft_untouched_for_the_retention_period_goes_with_its_files(settings):
    settings.DRAFT_RETENTION_DAYS = 30
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        _old, old_file = draft_with_file()
    recent, recent_file = draft_with_file()
    assert prune_abandoned_drafts(timezone.now()) == 1
    assert list(Draft.objects.all()) == [recent]
    assert not draft_storage().exists(old_file)
    assert draft_storage().exists(recent_file)


def test_a_submitted_draft_is_kept_with_its_case(settings):
    with time_machine.travel(timezone.now() - datetime.timedelta(days=90)):
        DraftFactory(case=CaseFactory())
    assert prune_abandoned_drafts(timezone.now()) == 0


def test_pruning_runs_from_the_scheduler():
    assert "prune_abandoned_drafts" in {job.name for job in JOBS}
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40)):
        DraftFactory()
    outcomes = run_due_jobs([j for j in JOBS if j.name == "prune_abandoned_drafts"])
    assert not Draft.objects.exists()
    assert outcomes
