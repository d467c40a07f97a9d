"""Heirs' delegated authorization (SQLite): declaring three heirs (three SMS
queued), an heir's answer page, proving identity and confirming (which signs
the authorization PDF in the test settings' immediate job backend), and the
signing alone; with the SQL queries of the answer page for a case with 2 and
with 5 money matters (they must be equal).

    .venv/bin/python bench/delegations.py [--repeat 20]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import count_queries, run_with_repeat, timed


def main():
    run_with_repeat(__doc__, measure, repeat=20, name="delegations")


def answer_page_queries(flags):
    from django.test import Client

    from tests.delegations.helpers import last_code
    from tests.factories import declared_case

    _case, declaration = declared_case(heirs=1, flags=flags)
    delegation = declaration.delegations.get()
    client = Client()
    url = f"/delegations/{delegation.token}/"
    client.post(url, {"action": "send"})
    client.post(
        url,
        {
            "action": "verify",
            "id_suffix": delegation.id_number[-6:],
            "code": last_code(delegation.phone),
        },
    )
    return count_queries(client, url), declaration.case.tasks.filter(requires_consent=True).count()


def measure(repeat):
    from django.conf import settings

    from cases.services import delegations
    from tests.delegations.helpers import confirm
    from tests.factories import ALL_FLAGS, declared_case

    # The same test numbers get many texts here; the per-number cap would stop them.
    settings.SMS_DAILY_CAP_PER_PHONE = 10**6
    declared = []
    seconds = timed(lambda: declared.append(declared_case(heirs=3)), repeat)
    print(f"declare 3 heirs (SMS queued):      {seconds * 1000:7.1f} ms")
    pending = [d for _case, declaration in declared for d in declaration.delegations.all()]
    seconds = timed(lambda: confirm(pending.pop()), repeat)
    print(f"prove identity and confirm (+PDF): {seconds * 1000:7.1f} ms")
    confirmed = pending[:repeat]
    for delegation in confirmed:
        confirm(delegation)
        delegation.document = ""
        delegation.save(update_fields=["document"])
    seconds = timed(lambda: delegations.sign_delegation(confirmed.pop().pk), repeat)
    print(f"sign the authorization PDF alone:  {seconds * 1000:7.1f} ms")
    for flags in ({"pension": True}, ALL_FLAGS):
        count, matters = answer_page_queries(flags)
        print(f"answer page, {matters} money matters:   {count} queries")


if __name__ == "__main__":
    main()
