"""Retention: a closed case keeps its personal data for the configured
period after it was completed or withdrawn, then keeps only the anonymous
facts the statistics read; its certificates still verify by serial. Audit
and access events are kept at least six months, then removed a whole day at
a time, and the chain of the days kept still verifies."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import checks
from django.db import models
from django.utils import timezone

from cases.audit_events import record
from cases.constants import CaseStatus, StaffRole
from cases.fields import BlindIndexField, EncryptedTextField
from cases.models import (
    AuditEvent,
    AuditEventKind,
    Case,
    Certificate,
    Person,
    SmsMessage,
    TrailHead,
    TrailLink,
    TrailSource,
)
from cases.services import retention, trail
from cases.services.certificates import status_of_serial
from cases.services.statistics import figures_for
from cases.storage import document_storage
from tests.cases.helpers import complete_everything
from tests.factories import (
    CaseDocumentFactory,
    RatingFactory,
    UserFactory,
    certified_death,
    submitted_case,
)

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()
COMPLETED = datetime.datetime(2023, 3, 1, 9, tzinfo=TZ)


@pytest.fixture
def closed(time_machine, settings):
    """A case completed on 1 March 2023, with an upload, certificates, SMS
    and a rating; retention three years."""
    settings.CASE_RETENTION_DAYS = 1095
    time_machine.move_to(COMPLETED)
    case = submitted_case(flags={"pension": True})
    CaseDocumentFactory(case=case)
    complete_everything(case)
    RatingFactory(case=case, poor=True, answer="已经催办")
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    return case


def after(days):
    return COMPLETED + datetime.timedelta(days=days, hours=1)


def administrator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    return user


def test_a_case_past_its_retention_loses_its_personal_data(closed):
    assert retention.erase_expired(after(1095)) == 1
    closed.refresh_from_db()
    deceased = Person.objects.get(pk=closed.deceased_id)
    applicant = Person.objects.get(pk=closed.applicant_id)
    assert (deceased.name, deceased.id_number, deceased.birth_date) == ("", "", None)
    assert (applicant.name, applicant.phone, applicant.phone_hash) == ("", "", "")
    assert (closed.answers, closed.profile, closed.registry_profile) == ("", {}, {})
    assert closed.erased_at == after(1095)
    assert not closed.tasks.exclude(result={}).exists()
    declaration = closed.heir_declarations.get()
    assert (declaration.payee_name, declaration.payee_account) == ("", "")
    assert not SmsMessage.objects.filter(case=closed).exclude(text="").exists()
    assert closed.ratings.get().reason == ""


def test_a_case_within_its_retention_keeps_everything(closed):
    assert retention.erase_expired(after(1094)) == 0
    assert Person.objects.get(pk=closed.deceased_id).name != ""


def test_a_shorter_retention_setting_erases_sooner(closed, settings):
    settings.CASE_RETENTION_DAYS = 30
    assert retention.erase_expired(after(31)) == 1


def test_an_open_case_is_never_erased(time_machine):
    time_machine.move_to(COMPLETED)
    case = submitted_case()
    assert retention.erase_expired(after(4000)) == 0
    assert Person.objects.get(pk=case.deceased_id).name != ""


def test_its_files_are_deleted_once_the_erasure_commits(closed, django_capture_on_commit_callbacks):
    names = [document.file.name for document in closed.documents.all()]
    names += [c.file.name for c in Certificate.objects.filter(case=closed)]
    assert names and all(document_storage().exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_expired(after(1095))
    assert not any(document_storage().exists(name) for name in names)
    assert not closed.documents.exists()


def test_a_certificate_still_verifies_by_serial_without_personal_data(client, closed):
    certificate = Certificate.objects.filter(case=closed).first()
    name = Person.objects.get(pk=closed.deceased_id).name
    retention.erase_expired(after(1095))
    assert status_of_serial(certificate.serial).status == "valid"
    page = client.get(f"/verify/{certificate.serial}/").content.decode()
    assert "有效" in page
    assert name[0] not in page.split("<main", 1)[1]


def test_the_statistics_are_the_same_after_the_erasure(closed, time_machine):
    time_machine.move_to(after(1095))
    period = (COMPLETED.date() - datetime.timedelta(days=7), COMPLETED.date())
    user = administrator()
    before = figures_for(user, *period)
    retention.erase_expired(after(1095))
    again = figures_for(user, *period)
    assert again.matters == before.matters
    assert again.cases_by_scenario == before.cases_by_scenario
    assert again.cases_by_channel == before.cases_by_channel


def test_the_deceased_stays_one_record(closed):
    retention.erase_expired(after(1095))
    closed.refresh_from_db()
    assert closed.deceased_id_hash != ""
    assert not closed.tasks.filter(deceased_id_hash="").exists()


def test_the_erasure_is_an_event_and_logs_no_old_values(closed):
    last = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    name = Person.objects.get(pk=closed.deceased_id).name
    retention.erase_expired(after(1095))
    # The uploads' rows go, and their deletion is recorded (masked); the
    # blanked fields are not logged with their old values.
    new = LogEntry.objects.filter(pk__gt=last)
    assert {entry.action for entry in new} == {LogEntry.Action.DELETE}
    assert {entry.content_type.model for entry in new} == {"casedocument"}
    assert not any(name in str(entry.changes) for entry in new)
    assert AuditEvent.objects.filter(case=closed, kind=AuditEventKind.PERSONAL_DATA_ERASED).exists()


def test_every_personal_field_is_erased_or_kept_on_purpose():
    erased = {(m.__name__, f) for m, (_, fields) in retention.ERASED_FIELDS.items() for f in fields}
    erased |= {(m.__name__, field) for m, (_, field, _) in retention.FILES.items()}
    personal = {
        (model.__name__, field.name)
        for model in apps.get_app_config("cases").get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField | BlindIndexField | models.FileField)
    }
    assert personal - erased - retention.NOT_CASE_DATA == set()


def test_a_death_certified_but_never_filed_is_erased_as_long_after(time_machine, settings):
    settings.CASE_RETENTION_DAYS = 1095
    time_machine.move_to(COMPLETED)
    record = certified_death()
    retention.erase_expired(after(1094))
    record.refresh_from_db()
    assert record.name == "王五"
    retention.erase_expired(after(1096))
    record.refresh_from_db()
    assert (record.name, record.id_number, record.contact_phone, record.cause_chain) == (
        "",
        "",
        "",
        [],
    )
    assert record.id_number_hash != ""  # one death, one record
    assert status_of_serial(record.certificate.serial).status == "valid"


# Audit retention -----------------------------------------------------------


def event_on(when, time_machine):
    time_machine.move_to(when)
    event = record(AuditEventKind.TASK_OPENED, actor=None, subject="task:1")
    trail.seal([(TrailSource.EVENT, event.pk)], now=when)
    return event


def test_events_older_than_the_audit_retention_are_removed_with_their_links(time_machine, settings):
    settings.AUDIT_RETENTION_DAYS = 183
    old = event_on(datetime.datetime(2026, 1, 5, 10, tzinfo=TZ), time_machine)
    kept = event_on(datetime.datetime(2026, 7, 1, 10, tzinfo=TZ), time_machine)
    retention.purge_audit(datetime.datetime(2026, 7, 10, 10, tzinfo=TZ))
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not TrailLink.objects.filter(row_id=old.pk, source=TrailSource.EVENT).exists()
    # The old day's signed head stays: the first day kept still verifies.
    assert TrailHead.objects.filter(day=datetime.date(2026, 1, 5)).exists()
    verdict = trail.verify(datetime.date(2026, 7, 1), now=datetime.datetime(2026, 7, 10, tzinfo=TZ))
    assert verdict.intact, verdict.problem


def test_events_within_six_months_are_kept(time_machine, settings):
    settings.AUDIT_RETENTION_DAYS = 183
    event = event_on(datetime.datetime(2026, 1, 12, 10, tzinfo=TZ), time_machine)
    retention.purge_audit(datetime.datetime(2026, 7, 10, 10, tzinfo=TZ))
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_audit_retention_under_six_months_stops_the_server(settings):
    settings.AUDIT_RETENTION_DAYS = 90
    errors = [e for e in checks.run_checks() if e.id == "cases.E004"]
    assert errors and "183" in errors[0].msg


def test_a_case_withdrawn_long_ago_is_erased_too(time_machine, settings):
    from cases.services.withdrawal import withdraw_case

    settings.CASE_RETENTION_DAYS = 1095
    time_machine.move_to(COMPLETED)
    case = submitted_case()
    withdraw_case(case, actor=None, reason="家属撤回")
    assert Case.objects.get(pk=case.pk).status == CaseStatus.WITHDRAWN
    assert retention.erase_expired(after(1095)) == 1


def test_a_relatives_request_answered_long_ago_loses_its_number_and_copy(
    closed, django_capture_on_commit_callbacks
):
    from cases.services import rights_answers
    from tests.factories import DataRequestFactory, data_protection_officer

    made = DataRequestFactory(case=closed)
    rights_answers.prepare_copy(made, by=data_protection_officer(), now=after(0))
    made.refresh_from_db()
    copy = made.copy_pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_expired(after(1094))
    made.refresh_from_db()
    assert made.requester_phone and made.copy_pdf.name == copy
    with django_capture_on_commit_callbacks(execute=True):
        retention.erase_expired(after(1096))
    made.refresh_from_db()
    assert (made.requester_phone, made.details, made.copy_pdf.name) == ("", "", "")
    assert not document_storage().exists(copy)
