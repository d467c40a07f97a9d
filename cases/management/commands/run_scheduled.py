import re
import time

from django.core.management.base import BaseCommand

from cases.scheduling import run_due_jobs


def did_something(outcome):
    """Outcomes count what a job did ("3 tasks became overdue"): one with no
    count above zero ("0 reminders to staff", "not due") is not worth a line
    every minute of a developer's terminal or an operator's journal."""
    return re.search(r"[1-9]", outcome) is not None


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (sweeps, reminders, expiry). Call it every "
        "minute from cron or a systemd timer, on as many machines as you like: each job "
        "runs once per interval. --loop N keeps running, every N seconds (development)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, metavar="SECONDS")

    def handle(self, *args, loop, **options):
        while True:
            for name, outcome in run_due_jobs().items():
                if options["verbosity"] > 1 or did_something(outcome):
                    self.stdout.write(f"{name}: {outcome}")
            if not loop:
                return
            time.sleep(loop)
