from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import seed as demo
from demo.burial import seed_burial
from demo.fees import seed_fees
from demo.finance import seed_finance
from demo.forms import seed_forms
from demo.pages import seed_pages
from demo.sharing import seed_bodies


class Command(BaseCommand):
    help = (
        "Load demo data: guidance pages, demo registry people, a staff account for every "
        "role and cases in every state. Safe to run again: it adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=0, help="Also generate this many more cases (benchmarks)."
        )

    def handle(self, *args, cases, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "Demo data is for development only: these settings do not allow it "
                "(DEMO_DATA_ALLOWED is False)."
            )
        with transaction.atomic():
            pages = seed_pages() + seed_forms()
            people = demo.seed_registry()
            institutions = demo.seed_institutions()
            seed_finance()
            demo.seed_public_phones()
            staff = demo.seed_staff()
            demo.seed_network()
            seed_burial()
            seed_fees()
            bodies = seed_bodies()
            demo_cases = demo.seed_cases()
        self.stdout.write(
            f"Demo data: {pages} pages, {people} registry people, {institutions} medical "
            f"institutions, {len(staff)} staff accounts, {demo_cases} cases added."
        )
        if staff or bodies:
            self._print_passwords(
                staff
                + [
                    (f"OAuth2 {code}", "receiving body (client id, secret)", f"{client} {secret}")
                    for code, client, secret in bodies
                ]
            )
        self.stdout.write(
            "Deceased the demo registry knows and no open case holds (type one at the first "
            "step of /apply/; any scenario suits them):"
        )
        for name, id_number, held, phone in demo.people_to_try():
            self.stdout.write(f"  {name} {id_number}  {held}  (sign in with {phone})")
        name, birth_date, sequence = demo.LIVING_PERSON
        self.stdout.write(
            f"Alive in the demo registry (the check reveals nothing): {name} "
            f"{demo.make_resident_id(birth_date, sequence)}"
        )
        if cases:
            demo.generate_cases(cases)
            self.stdout.write(f"Generated {cases} more cases.")
        call_command("update_index", verbosity=0)

    def _print_passwords(self, staff):
        path = settings.VAR_DIR / "demo-staff-passwords.txt"
        lines = [f"{username:32} {password:20} {role}" for username, role, password in staff]
        self.stdout.write(
            self.style.WARNING(
                "Development-only staff accounts (shown this once; also written to "
                f"{path}, readable by you only):"
            )
        )
        for line in lines:
            self.stdout.write("  " + line)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        path.chmod(0o600)
