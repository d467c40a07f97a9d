"""The statistics dashboard and its exports when the history grows tenfold:
first 10% of ``--cases`` submitted over the last 12 weeks (the dashboard's
default period), then the rest over the two years before (PostgreSQL, 10
tasks a case; 5% of the recent cases still open, the history finished).
Time, SQL queries and the ratio of the two; and how long the summaries'
first catch-up takes.

    .venv/bin/python bench/statistics_dashboard.py [--cases 50000] [--repeat 10] [--smoke]
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import bulk_cases, run_on_postgres, timed


def main():
    # 50,000 cases: about 3 GB and a few minutes (100,000 made 6.2 GB).
    run_on_postgres(
        __doc__,
        measure,
        cases=50_000,
        repeat=10,
        name="statistics_dashboard",
        bytes_per_case=65_000,
        smoke={"cases": 200, "repeat": 1},
    )


def spread(newest_days, oldest_days):
    """The cases just written, submitted at random moments between
    ``newest_days`` and ``oldest_days`` ago; their finished tasks done
    within two days of becoming ready."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET submitted_at = now() - interval '1 day' * "
            "(%s + random() * %s) WHERE submitted_at > now() - interval '1 hour'",
            [newest_days, oldest_days - newest_days],
        )
        cursor.execute(
            """
            UPDATE cases_departmenttask t SET
              ready_at = c.submitted_at,
              completed_at = CASE WHEN t.status = 'completed'
                THEN c.submitted_at + random() * interval '2 days' END,
              due_at = c.submitted_at + interval '1 day'
            FROM cases_case c WHERE c.id = t.case_id AND t.ready_at IS NULL
            """
        )
        # The index entries of the rows' old versions go too: a real history
        # is written once, not rewritten like this.
        cursor.execute("VACUUM ANALYZE")


def measure(count, repeat):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cases.models import DailyCaseFigures, DailyTaskFigures, DepartmentTask
    from cases.services.daily_figures import catch_up
    from tests.factories import UserFactory
    from tests.staff import staff_login

    administrator = UserFactory(is_staff=True, superuser=True)
    client = staff_login(Client(), administrator)

    def page(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured), timed(lambda: client.get(url), repeat) * 1000

    results = {}
    # The recent cases: some still open; the history: all finished.
    rounds = ((count // 10, 0.05, (0, 84)), (count, 0.0, (84, 84 + 730)))
    for total, open_share, (newest, oldest) in rounds:
        have = DepartmentTask.objects.values("case").distinct().count()
        bulk_cases(total - have, open_share=open_share)
        spread(newest, oldest)
        DailyTaskFigures.objects.all().delete()
        DailyCaseFigures.objects.all().delete()
        began = time.perf_counter()
        days = catch_up()
        print(
            f"{total:>7} cases: first catch-up, {days} days summarised in "
            f"{time.perf_counter() - began:.1f} s"
        )
        for label, url in (
            ("dashboard", "/admin/statistics/"),
            ("excel", "/admin/statistics/export.xlsx"),
            ("csv", "/admin/statistics/export.csv"),
        ):
            queries, ms = page(url)
            results.setdefault(label, []).append(ms)
            print(f"{total:>7} cases, {label:9}: {ms:8.1f} ms, {queries} queries")
        if total == count:
            # The measure: a one-year view of the large history
            # against the 12-week view of the small one.
            import datetime

            today = datetime.date.today()
            year = f"?start={today - datetime.timedelta(days=365)}&end={today}"
            queries, ms = page("/admin/statistics/" + year)
            one_year = ms
            print(f"{total:>7} cases, one year : {ms:8.1f} ms, {queries} queries")
    for label, (small, large) in results.items():
        print(f"ratio {label:9} {count}/{count // 10}: {large / small:.2f}")
    small_dashboard = results["dashboard"][0]
    print(
        f"ratio one year at {count} ÷ 12 weeks at {count // 10}: {one_year / small_dashboard:.2f}"
    )


if __name__ == "__main__":
    main()
