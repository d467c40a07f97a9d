import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.constants import Channel, ProfileFlag, Scenario
from cases.models import CalendarOverride, Case, Matter, Person
from cases.registry.base import RegistryUnavailable
from cases.registry.registry import register
from cases.services.submission import submit_case
from cases.workdays import WorkingCalendar
from tests.factories import (
    ALL_FLAGS,
    NO_FLAGS,
    DemoRegistryPersonFactory,
    MatterFactory,
    applicant_data,
    deceased_data,
    resident_id,
    submitted_case,
)

pytestmark = pytest.mark.django_db


PEOPLE = iter(range(100, 200))


def submission_queries(**kwargs):
    deceased = deceased_data(next(PEOPLE))  # a death of its own, outside the count
    with CaptureQueriesContext(connection) as queries:
        submitted_case(deceased=deceased, **kwargs)
    return len(queries)


def test_submission_records_scenario_channel_and_reference():
    case = submitted_case(Scenario.ABNORMAL, channel=Channel.HOTLINE)
    assert (case.scenario, case.channel) == (Scenario.ABNORMAL, Channel.HOTLINE)
    assert len(case.reference) == 9
    assert case.deceased.birth_date.isoformat() == "1950-06-15"
    assert case.deceased.gender == "male"


def test_the_profile_from_the_registry_is_used_and_corrections_are_kept_apart():
    DemoRegistryPersonFactory(
        id_number=resident_id(1), name="王五", flags=NO_FLAGS | {ProfileFlag.PENSION: True}
    )
    case = submit_case(
        scenario=Scenario.HOSPITAL,
        channel=Channel.WEB,
        deceased=deceased_data(1),
        applicant=applicant_data(),
        profile={ProfileFlag.HOUSING_FUND: True},
    )
    assert case.registry_profile[ProfileFlag.PENSION] is True
    assert case.profile[ProfileFlag.PENSION] is True
    assert case.profile_corrections == {ProfileFlag.HOUSING_FUND: True}
    assert case.tasks.filter(matter_code__in=["R01", "R02", "F01"]).count() == 3


def test_bad_input_is_refused_with_a_message_per_field_and_nothing_is_written():
    with pytest.raises(ValidationError) as excinfo:
        submitted_case(
            scenario="sea",
            deceased=deceased_data(id_number="110105194912310021"),
            applicant=applicant_data(phone="12345", relationship="friend"),
        )
    errors = excinfo.value.message_dict
    assert set(errors) == {
        "scenario",
        "deceased.id_number",
        "applicant.phone",
        "applicant.relationship",
    }
    assert Case.objects.count() == 0
    assert Person.objects.count() == 0


def test_a_death_before_birth_is_refused():
    import datetime

    from django.utils import timezone

    died = timezone.make_aware(datetime.datetime(1940, 1, 1, 8, 0))
    with pytest.raises(ValidationError) as excinfo:
        submitted_case(deceased=deceased_data(died_at=died))
    assert "deceased.died_at" in excinfo.value.message_dict


def test_a_registry_that_cannot_answer_does_not_stop_the_application(settings):
    @register("always_down_for_test")
    class Down:
        def lookup(self, id_number):
            raise RegistryUnavailable("timeout")

    try:
        settings.SHARED_REGISTRY_SOURCE = "always_down_for_test"
        case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)
    finally:
        register.unregister("always_down_for_test")
    assert not case.identity_verified
    assert case.tasks.get(matter_code="BD01").status == "ready"


def test_query_count_does_not_grow_with_tasks_or_departments(settings):
    # Jobs as rows, as in production (the test default runs them inline).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    submission_queries(scenario=Scenario.HOSPITAL, flags=NO_FLAGS)  # fills per-process caches
    few = submission_queries(scenario=Scenario.HOSPITAL, flags=NO_FLAGS)
    many = submission_queries(scenario=Scenario.HOSPITAL, flags=ALL_FLAGS)
    # Eight new departments, each with a matter for everyone: 30 tasks, as
    # many as SQLite takes in one INSERT (999 parameters, 33 columns a task;
    # PostgreSQL has no such batch).
    for _ in range(8):
        MatterFactory(depends_on=[])
    submission_queries(scenario=Scenario.HOSPITAL, flags=ALL_FLAGS)  # reads the new catalogue
    more_departments = submission_queries(scenario=Scenario.HOSPITAL, flags=ALL_FLAGS)
    assert few == many == more_departments
    # 11 for the case and its tasks (the catalogue and calendar are kept per
    # process: cases.kept), 1 for their status history (one insert), 1 for
    # the write event, 4 for queuing the SMS (its template and the number's
    # texts today in one) and its job, 1 for the registry look-up's access
    # event, 1 for a medical certificate the hospital issued before.
    assert many <= 19


def test_a_matter_changed_by_an_administrator_is_used_by_the_next_submission():
    submitted_case(Scenario.HOSPITAL, ALL_FLAGS)  # the catalogue is now kept
    matter = Matter.objects.get(code="R02")
    matter.time_limit = 9
    matter.save()
    case = submitted_case(Scenario.HOSPITAL, ALL_FLAGS, deceased=deceased_data(next(PEOPLE)))
    assert case.tasks.get(matter_code="R02").time_limit == 9


def test_a_holiday_entered_by_an_administrator_moves_the_next_due_date():
    today = timezone.localdate()
    first = submitted_case(Scenario.HOSPITAL, ALL_FLAGS)  # the calendar is now kept
    working_days = WorkingCalendar.for_working_days_after(today, 10)
    next_working_day = working_days.add_working_days(today, 1)
    CalendarOverride.objects.create(date=next_working_day, is_workday=False)
    later = submitted_case(Scenario.HOSPITAL, ALL_FLAGS, deceased=deceased_data(next(PEOPLE)))
    assert later.due_date > first.due_date
