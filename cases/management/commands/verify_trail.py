import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.services import trail


def _day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {text}") from error


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain, one line per day (Beijing's days): each "
        "link follows the one before, each row is as it was sealed, each day's head is "
        "signed with AUDIT_TRAIL_KEY and no row of the day is outside the chain. Fails "
        "naming the first broken link. Without --since, checks yesterday and today."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="first day to check")
        parser.add_argument("--until", metavar="YYYY-MM-DD", help="last day (default today)")
        parser.add_argument(
            "--seal",
            action="store_true",
            help="first seal the rows of the last two days no process sealed (the sweep)",
        )

    def handle(self, *args, since, until, seal, **options):
        now = timezone.now()
        last = _day(until) if until else timezone.localdate(now)
        first = _day(since) if since else last - datetime.timedelta(days=1)
        if first > last:
            raise CommandError("--since is after --until")
        if seal:
            self.stdout.write(f"{trail.seal_late(now)} rows sealed late")
        broken = []
        day = first
        while day <= last:
            verdict = trail.check(day, now=now)
            line = f"{day}: {verdict.links} links"
            if verdict.late:
                line += f", {verdict.late} sealed late"
            if verdict.pending:
                line += f", {verdict.pending} not yet sealed"
            if verdict.intact:
                self.stdout.write(f"{line} — intact")
            else:
                self.stdout.write(f"{line} — BROKEN: {verdict.problem}")
                broken.append(day)
            day += datetime.timedelta(days=1)
        if broken:
            raise CommandError(f"the audit trail does not verify on {', '.join(map(str, broken))}")
