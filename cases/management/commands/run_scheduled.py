import re
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections

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
        "runs once per interval. --loop N keeps running, every N seconds (development), "
        "and outlives a database restart."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, metavar="SECONDS")
        parser.add_argument(
            "--passes",
            type=int,
            default=0,
            metavar="N",
            help="With --loop: stop after N passes (0: never).",
        )

    def handle(self, *args, loop, passes, **options):
        done = 0
        while True:
            if not loop:
                self._pass(options["verbosity"])  # cron or a timer: a failure is its exit
                return
            try:
                self._pass(options["verbosity"])
            except (OperationalError, InterfaceError) as exc:
                # The database restarted or went away: the connection is dead,
                # not the scheduler. Drop it and try again at the next pass.
                self.stderr.write(
                    f"The database could not be reached ({type(exc).__name__}); "
                    f"trying again in {loop:g} s."
                )
                connections.close_all()
            done += 1
            if passes and done >= passes:
                return
            time.sleep(loop)

    def _pass(self, verbosity):
        for name, outcome in run_due_jobs().items():
            if verbosity > 1 or did_something(outcome):
                self.stdout.write(f"{name}: {outcome}")
