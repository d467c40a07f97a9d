"""A citizen's "my cases" among many families' cases on PostgreSQL: the
look-up as it is (two index look-ups joined by UNION) beside the one it
replaced (an OR across the join to the applicant, the anchor), with each
one's query plan.

    .venv/bin/python bench/my_cases.py [--cases 50000] [--repeat 50] [--smoke]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_cases, run_on_postgres, timed


def main():
    # 50,000 cases: about 3 GB and a few minutes (100,000 made 6.2 GB).
    run_on_postgres(
        __doc__,
        measure,
        cases=50_000,
        repeat=50,
        name="my_cases",
        bytes_per_case=65_000,
        smoke={"cases": 100, "repeat": 2},
    )


def measure(count, repeat):
    from django.db import connection
    from django.db.models import Q

    from cases.fields import hash_for
    from cases.models import Case, Person
    from cases.services.access import cases_visible_to
    from tests.factories import applicant_data, citizen, deceased_data, submitted_case

    bulk_cases(count)
    user = citizen("13912345678")
    for n in (1, 2):
        submitted_case(deceased=deceased_data(n), applicant=applicant_data(phone="13912345678"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def union():
        return list(cases_visible_to(user).values_list("pk", flat=True))

    phone_hash = hash_for(Person, "phone", "13912345678")
    before = Case.objects.filter(Q(submitted_by=user) | Q(applicant__phone_hash=phone_hash))

    def either():
        return list(before.values_list("pk", flat=True))

    assert sorted(union()) == sorted(either()) and len(union()) == 2
    anchor, now = timed(either, repeat), timed(union, repeat)
    print(f"{count:,} cases of other families on PostgreSQL, {repeat} repeats (median)")
    print(f"OR across the join (before, anchor): {anchor * 1000:8.2f} ms  ×1.00")
    print(f"UNION of two look-ups (now):         {now * 1000:8.2f} ms  ×{now / anchor:.3f}")
    for name, queryset in (("before", before), ("now", cases_visible_to(user))):
        print(f"\nEXPLAIN ({name}):")
        print(queryset.values("pk").explain())


if __name__ == "__main__":
    main()
