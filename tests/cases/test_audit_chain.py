"""The audit trail is a hash chain: every audit event and every recorded
change is linked, once its transaction commits, to the one sealed before it;
each day's head is signed with a key the database does not hold. The check
names the first broken link: a row edited, deleted or inserted behind the
application's back, a link removed, a chain rewritten without the key."""

import datetime
import hashlib
import hmac

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from cases.audit_events import record
from cases.constants import StaffRole
from cases.models import AuditEvent, AuditEventKind, TrailHead, TrailLink, TrailSource
from cases.services import trail
from tests.concurrency import run_at_once
from tests.factories import AreaFactory, UserFactory, submitted_case
from tests.staff import department_member, staff_login

pytestmark = pytest.mark.django_db


def opened(number):
    return record(AuditEventKind.TASK_OPENED, actor=None, subject=f"task:{number}")


@pytest.fixture
def sealed(django_capture_on_commit_callbacks):
    """Three events written and committed: three links today."""
    with django_capture_on_commit_callbacks(execute=True):
        events = [opened(number) for number in range(3)]
    return events


def today():
    return timezone.localdate()


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_event_is_linked_once_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event = opened(1)
        assert not TrailLink.objects.exists()
    for callback in callbacks:
        callback()
    link = TrailLink.objects.get()
    assert (link.source, link.row_id, link.seq, link.late) == ("event", event.pk, 1, False)
    assert link.prev == trail.GENESIS


def test_the_events_of_one_transaction_are_linked_in_order(sealed):
    links = list(TrailLink.objects.order_by("seq"))
    assert [link.row_id for link in links] == [event.pk for event in sealed]
    assert [link.prev for link in links[1:]] == [link.hash for link in links[:-1]]
    head = TrailHead.objects.get(day=today())
    assert (head.seq, head.hash) == (3, links[-1].hash)


def test_a_clean_day_verifies(sealed):
    verdict = trail.verify(today())
    assert verdict.intact, verdict.problem
    assert verdict.links == 3


def test_a_rolled_back_event_is_never_linked_and_the_next_one_is(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            opened(1)
            raise RuntimeError
        kept = opened(2)
    assert list(TrailLink.objects.values_list("row_id", flat=True)) == [kept.pk]


def test_changes_recorded_by_auditlog_are_linked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        area = AreaFactory()
    entry = LogEntry.objects.get_for_object(area).get()
    assert TrailLink.objects.filter(source=TrailSource.CHANGE, row_id=entry.pk).exists()


def test_a_submissions_record_is_linked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submitted_case()
    entry = LogEntry.objects.get_for_object(case).get()
    assert TrailLink.objects.filter(source=TrailSource.CHANGE, row_id=entry.pk).exists()


def test_an_edited_row_breaks_the_chain_at_its_link(sealed):
    sql("UPDATE cases_auditevent SET subject = 'task:99' WHERE id = %s", sealed[1].pk)
    verdict = trail.verify(today())
    assert (verdict.broken, verdict.at) == ("changed", 2)
    assert f"#{sealed[1].pk}" in verdict.problem


def test_a_deleted_row_breaks_the_chain_at_its_link(sealed):
    sql("DELETE FROM cases_auditevent WHERE id = %s", sealed[0].pk)
    verdict = trail.verify(today())
    assert (verdict.broken, verdict.at) == ("deleted", 1)


def test_a_row_inserted_behind_the_applications_back_is_named(sealed):
    five_minutes_ago = timezone.now() - datetime.timedelta(minutes=5)
    sql(
        "INSERT INTO cases_auditevent (kind, at, subject, details) VALUES (%s, %s, %s, %s)",
        "task_opened",
        five_minutes_ago,
        "task:7",
        "{}",
    )
    inserted = AuditEvent.objects.get(subject="task:7")
    verdict = trail.verify(today())
    assert verdict.broken == "outside"
    assert f"#{inserted.pk}" in verdict.problem


def test_a_row_deleted_with_its_link_leaves_a_gap(sealed):
    link = TrailLink.objects.get(seq=2)
    sql("DELETE FROM cases_traillink WHERE id = %s", link.pk)
    sql("DELETE FROM cases_auditevent WHERE id = %s", link.row_id)
    verdict = trail.verify(today())
    assert (verdict.broken, verdict.at) == ("missing", 2)


def test_a_chain_rewritten_without_the_key_is_caught_at_its_head(sealed):
    """Whoever edits a row and recomputes every hash after it still cannot
    sign the head."""
    sql("UPDATE cases_auditevent SET subject = 'task:99' WHERE id = %s", sealed[2].pk)
    link = TrailLink.objects.get(seq=3)
    digest = trail.digests(TrailSource.EVENT, [link.row_id])[link.row_id]
    forged = trail.link_hash(link.prev, link.source, link.row_id, digest)
    sql("UPDATE cases_traillink SET digest = %s, hash = %s WHERE id = %s", digest, forged, link.pk)
    guessed = hmac.new(b"a guessed key", f"{today()}|3|{forged}".encode(), hashlib.sha256)
    TrailHead.objects.filter(day=today()).update(hash=forged, signature=guessed.hexdigest())
    verdict = trail.verify(today())
    assert verdict.broken == "unsigned"


def test_a_truncated_day_does_not_match_its_head(sealed):
    last = TrailLink.objects.get(seq=3)
    sql("DELETE FROM cases_traillink WHERE id = %s", last.pk)
    sql("DELETE FROM cases_auditevent WHERE id = %s", last.row_id)
    assert trail.verify(today()).broken == "head"


def test_each_day_begins_with_the_last_hash_of_the_day_before():
    first, second = opened(1), opened(2)
    monday = timezone.make_aware(datetime.datetime(2026, 11, 30, 23, 0))
    tuesday = monday + datetime.timedelta(hours=2)
    trail.seal([(TrailSource.EVENT, first.pk)], now=monday)
    trail.seal([(TrailSource.EVENT, second.pk)], now=tuesday)
    assert TrailLink.objects.get(row_id=second.pk).prev == TrailHead.objects.get(day=monday).hash
    assert trail.verify(tuesday.date()).intact
    TrailHead.objects.filter(day=monday).update(hash="f" * 64)
    assert (trail.verify(tuesday.date()).broken, trail.verify(tuesday.date()).at) == ("altered", 1)


def test_a_machine_whose_clock_is_behind_extends_the_latest_day():
    first, second = opened(1), opened(2)
    tuesday = timezone.make_aware(datetime.datetime(2026, 12, 1, 0, 5))
    trail.seal([(TrailSource.EVENT, first.pk)], now=tuesday)
    trail.seal([(TrailSource.EVENT, second.pk)], now=tuesday - datetime.timedelta(minutes=10))
    assert list(TrailLink.objects.values_list("day", flat=True)) == [tuesday.date()] * 2


def test_a_row_is_linked_once_however_often_it_is_sealed(sealed):
    assert trail.seal([(TrailSource.EVENT, sealed[0].pk)]) == 0
    assert TrailLink.objects.count() == 3


def test_the_sweep_links_rows_nobody_sealed_and_marks_them_late(sealed):
    # Written in a transaction whose seal never ran (the process died).
    lost = opened(9)
    later = timezone.now() + datetime.timedelta(minutes=2)
    assert trail.seal_late(later) == 1
    link = TrailLink.objects.get(row_id=lost.pk)
    assert (link.seq, link.late) == (4, True)
    verdict = trail.verify(today(), now=later)
    assert verdict.intact, verdict.problem
    assert verdict.late == 1


def test_a_row_written_a_moment_ago_is_pending_not_broken(sealed):
    opened(9)
    verdict = trail.verify(today())
    assert verdict.intact
    assert verdict.pending == 1


def test_the_command_says_intact_for_each_day(sealed, capsys):
    call_command("verify_trail")
    output = capsys.readouterr().out
    assert f"{today()}: 3 links — intact" in output


def test_the_command_fails_naming_the_first_broken_link(sealed, capsys):
    sql("UPDATE cases_auditevent SET details = '{\"x\": 1}' WHERE id = %s", sealed[1].pk)
    with pytest.raises(CommandError, match=str(today())):
        call_command("verify_trail")
    assert f"#{sealed[1].pk}" in capsys.readouterr().out


def test_each_check_is_kept_for_the_admin(sealed):
    trail.check(today())
    sql("UPDATE cases_auditevent SET subject = 'x' WHERE id = %s", sealed[0].pk)
    trail.check(today())
    latest = trail.latest_check(today())
    assert not latest.intact
    assert latest.links == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_transactions_committing_at_once_make_one_unbroken_chain():
    def write(number):
        def work():
            with transaction.atomic():
                opened(number)
                opened(number + 100)

        return work

    outcomes = run_at_once(*(write(number) for number in range(4)))
    assert outcomes == [None] * 4
    assert TrailLink.objects.filter(source=TrailSource.EVENT).count() == 8
    # No position taken twice or skipped, whatever else was sealed meanwhile.
    positions = sorted(TrailLink.objects.filter(day=today()).values_list("seq", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    assert trail.verify(today()).intact


def administrator():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.SYSTEM_ADMINISTRATOR))
    return user


def test_the_admin_shows_that_todays_chain_verifies(client, sealed):
    trail.check(today())
    staff_login(client, administrator())
    page = client.get("/admin/audit-events/").content.decode()
    assert "已核验完整：3 条链节" in page


def test_the_admin_shows_where_todays_chain_broke(client, sealed):
    sql("DELETE FROM cases_auditevent WHERE id = %s", sealed[0].pk)
    staff_login(client, administrator())
    response = client.post("/admin/audit-events/verify/", follow=True)
    page = response.content.decode()
    assert "今天的审计链未通过核验" in page
    assert f"#{sealed[0].pk}" in page
    assert not trail.latest_check(today()).intact


def test_a_clerk_cannot_verify_the_chain(client, sealed):
    staff_login(client, department_member("health"))
    response = client.post("/admin/audit-events/verify/")
    assert response.status_code in (302, 403)
    assert trail.latest_check(today()) is None
