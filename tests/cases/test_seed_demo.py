import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cases.constants import CaseStatus, Channel, ProfileFlag, Scenario, StaffRole, TaskStatus
from cases.models import Case, DepartmentTask
from cases.registry.contrib.demo.models import DemoRegistryPerson

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


def test_registry_people_cover_every_profile_flag(seeded):
    covered = {
        flag
        for person in DemoRegistryPerson.objects.all()
        for flag, on in person.flags.items()
        if on
    }
    assert covered == set(ProfileFlag.values)


def test_cases_exist_in_every_scenario_channel_and_state(seeded):
    cases = Case.objects.all()
    assert {c.scenario for c in cases} == set(Scenario.values)
    assert {c.channel for c in cases} == set(Channel.values)
    assert {c.status for c in cases} == set(CaseStatus.values)
    assert set(DepartmentTask.objects.values_list("status", flat=True)) == set(TaskStatus.values)


def test_a_staff_account_exists_for_every_role(seeded, settings):
    User = get_user_model()
    for role in StaffRole:
        assert User.objects.filter(groups__name=role.value, is_staff=True).exists(), role
    for code in ("housing_fund", "health"):
        clerk = User.objects.get(username=f"clerk_{code}")
        assert clerk.groups.get().clerk_of_department.code == code
    assert "Development-only staff accounts" in seeded
    password_file = settings.VAR_DIR / "demo-staff-passwords.txt"
    assert oct(password_file.stat().st_mode & 0o777) == "0o600"


def test_running_it_again_adds_nothing_and_prints_no_passwords(seeded):
    counts = (
        Case.objects.count(),
        DemoRegistryPerson.objects.count(),
        get_user_model().objects.count(),
    )
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    assert (
        Case.objects.count(),
        DemoRegistryPerson.objects.count(),
        get_user_model().objects.count(),
    ) == counts
    assert "Development-only" not in output.getvalue()


def test_generated_cases_have_every_matter_of_their_scenario(seeded):
    before = Case.objects.count()
    call_command("seed_demo", "--cases", "3", stdout=io.StringIO())
    generated = Case.objects.order_by("-id")[:3]
    assert Case.objects.count() == before + 3
    assert all(case.tasks.count() == 21 for case in generated)


def test_demo_data_is_refused_where_settings_do_not_allow_it(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="development only"):
        call_command("seed_demo", stdout=io.StringIO())
