"""Factories for every model. Cases that should look real are made through
``submit_case`` (``submitted_case``), so they have the tasks the rules give."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.constants import (
    CaseStatus,
    Channel,
    Gender,
    PersonRole,
    ProfileFlag,
    Relationship,
    Scenario,
    TaskStatus,
)
from cases.demo import make_resident_id
from cases.models import CalendarOverride, Case, Department, DepartmentTask, Matter, Person
from cases.references import generate_reference
from cases.registry.contrib.demo.models import DemoRegistryPerson
from cases.services.submission import PersonData, submit_case

ALL_FLAGS = dict.fromkeys(ProfileFlag.values, True)
NO_FLAGS = dict.fromkeys(ProfileFlag.values, False)


def resident_id(n=1, birth_date=datetime.date(1950, 6, 15)):
    return make_resident_id(birth_date, n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")

    class Params:
        staff = factory.Trait(is_staff=True)
        superuser = factory.Trait(is_staff=True, is_superuser=True)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"dept_{n}")
    name_zh = factory.Sequence(lambda n: f"测试部门{n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T{n:03d}")
    department = factory.SubFactory(DepartmentFactory)
    name_zh = factory.Sequence(lambda n: f"测试事项{n}")
    name_en = factory.Sequence(lambda n: f"Test matter {n}")
    time_limit_days = 2

    @factory.post_generation
    def depends_on(self, create, extracted, **kwargs):
        if create and extracted:
            self.depends_on.set(extracted)


class CalendarOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarOverride

    date = datetime.date(2027, 1, 1)
    is_workday = False
    name = "元旦"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    role = PersonRole.APPLICANT
    name = "李四"
    id_number = factory.Sequence(lambda n: resident_id(n % 999 + 1, datetime.date(1975, 3, 3)))
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    gender = Gender.MALE
    relationship = Relationship.CHILD

    class Params:
        deceased = factory.Trait(
            role=PersonRole.DECEASED,
            name="王五",
            phone="",
            relationship="",
            id_number=factory.Sequence(lambda n: resident_id(n % 999 + 1)),
            birth_date=datetime.date(1950, 6, 15),
            died_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case row without tasks; use ``submitted_case`` for a real one."""

    class Meta:
        model = Case

    reference = factory.LazyFunction(generate_reference)
    scenario = Scenario.HOSPITAL
    channel = Channel.WEB
    status = CaseStatus.IN_PROGRESS
    deceased = factory.SubFactory(PersonFactory, deceased=True)
    applicant = factory.SubFactory(PersonFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))


class DepartmentTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentTask

    case = factory.SubFactory(CaseFactory)
    matter = factory.SubFactory(MatterFactory)
    department = factory.SelfAttribute("matter.department")
    matter_code = factory.SelfAttribute("matter.code")
    matter_name_zh = factory.SelfAttribute("matter.name_zh")
    time_limit_days = factory.SelfAttribute("matter.time_limit_days")
    status = TaskStatus.READY


class DemoRegistryPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemoRegistryPerson

    id_number = factory.Sequence(lambda n: resident_id(n % 999 + 1))
    name = "王五"
    gender = Gender.MALE
    birth_date = datetime.date(1950, 6, 15)
    flags = factory.LazyFunction(lambda: dict(NO_FLAGS))


def deceased_data(n=1, **overrides):
    values = {
        "name": "王五",
        "id_number": resident_id(n),
        "died_at": timezone.now() - datetime.timedelta(hours=5),
    }
    values.update(overrides)
    return PersonData(**values)


def applicant_data(**overrides):
    values = {"name": "王小明", "phone": "13912345678", "relationship": Relationship.CHILD}
    values.update(overrides)
    return PersonData(**values)


def submitted_case(
    scenario=Scenario.HOSPITAL,
    flags=None,
    channel=Channel.WEB,
    deceased=None,
    applicant=None,
    **kwargs,
):
    """A case made the way the portal makes one. The registry does not know the
    deceased unless the test seeded it, so ``flags`` is the whole profile."""
    return submit_case(
        scenario=scenario,
        channel=channel,
        deceased=deceased or deceased_data(),
        applicant=applicant or applicant_data(),
        profile=NO_FLAGS | (flags or {}),
        **kwargs,
    )
