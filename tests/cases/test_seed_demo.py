import io
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from cases.constants import CaseStatus, Channel, ProfileFlag, Scenario, StaffRole, TaskStatus
from cases.models import BurialKind, BurialSite, Case, DepartmentKind, DepartmentTask
from cases.services import burial
from demo.registry.models import DemoRegistryPerson

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo run once for the module (it takes seconds); every test reads
    it inside its own transaction, and it is undone after the last one."""
    var_dir = tmp_path_factory.mktemp("var")
    with (
        override_settings(VAR_DIR=var_dir, PRIVATE_MEDIA_ROOT=var_dir / "private"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        output = io.StringIO()
        call_command("seed_demo", stdout=output)
        yield SimpleNamespace(output=output.getvalue(), var_dir=var_dir)
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, settings):
    settings.VAR_DIR = demo.var_dir
    settings.PRIVATE_MEDIA_ROOT = demo.var_dir / "private"
    return demo.output


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


def test_every_demo_case_is_a_death_of_its_own(seeded):
    # It made two cases for one person, which one death, one case forbids.
    keys = [case.deceased.id_number_hash for case in Case.objects.select_related("deceased")]
    assert len(keys) == len(set(keys))


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


def test_demo_cases_carry_what_families_give(seeded):
    from cases.needs import DocumentKind

    home = Case.objects.get(scenario=Scenario.HOME, channel=Channel.MOBILE)
    assert home.documents.filter(kind=DocumentKind.CARE_HOME_REPORT, task=None).exists()
    h01 = home.tasks.get(matter_code="H01")
    assert h01.family_reply and home.documents.filter(task=h01).exists()
    keys = {a.get("key") for a in home.extra_answers}
    assert {"funeral.pickup_address", "funeral.farewell", "care_home.contact"} <= keys
    assert any(a.get("needed_by") == ["C01"] for a in home.extra_answers)
    abnormal = Case.objects.filter(scenario=Scenario.ABNORMAL).first()
    assert abnormal.documents.filter(kind=DocumentKind.POLICE_RECEIPT).exists()


def test_a_demo_document_opens_as_a_pdf(seeded):
    document = Case.objects.get(scenario=Scenario.HOME, channel=Channel.MOBILE).documents.first()
    with document.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"


def test_it_prints_the_deceased_one_can_apply_for_and_none_with_an_open_case(seeded):
    from cases.services.open_cases import case_of_death

    printed = re.findall(r"^  (\S+) (\d{17}[\dX])  ", seeded, re.MULTILINE)
    assert len(printed) >= 3
    for _name, id_number in printed:
        assert case_of_death(id_number) is None


def test_the_demo_offers_each_kind_of_burial_with_places_and_an_award(seeded):
    sites = BurialSite.objects.all()
    assert {site.kind for site in sites} == set(BurialKind.values)
    case = Case.objects.filter(status=CaseStatus.IN_PROGRESS).first()
    options = burial.options_for(case)
    assert options and all(option.places_left and option.award for option in options)
    call_command("seed_demo", stdout=io.StringIO())
    assert BurialSite.objects.count() == len(sites)


def test_the_demo_banks_have_clerks_and_people_list_where_they_held_accounts(seeded):
    clerk = get_user_model().objects.get(username="clerk_hzbank")
    assert clerk.groups.get().clerk_of_department.kind == DepartmentKind.FINANCIAL_INSTITUTION
    listed = DemoRegistryPerson.objects.filter(banks__isnull=False)
    assert listed.exists()
    assert all(2 <= len(person.banks) <= 3 for person in listed)
