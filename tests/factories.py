"""Factories for every model. Cases that should look real are made through
``submit_case`` (``submitted_case``), so they have the tasks the rules give."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from oauth2_provider.models import Application
from wagtail.models import Locale

from cases.constants import (
    CaseStatus,
    Channel,
    Gender,
    PauseReason,
    PersonRole,
    ProfileFlag,
    Relationship,
    Scenario,
    StaffRole,
    TaskStatus,
)
from cases.models import (
    Area,
    AssistantTraining,
    BodyKind,
    BookingStatus,
    BurialAward,
    BurialBooking,
    BurialDay,
    BurialKind,
    BurialNiche,
    BurialSite,
    CalendarOverride,
    Case,
    CaseDocument,
    DataRequest,
    Delegation,
    DelegationStatus,
    Department,
    DepartmentKind,
    DepartmentTask,
    Dispatch,
    FeeItem,
    FeeList,
    FeeUnit,
    FeeWaiver,
    FuneralAssistant,
    FuneralHome,
    FuneralService,
    Heartbeat,
    HeirDeclaration,
    HolidayNotice,
    Matter,
    MedicalInstitution,
    Person,
    PhoneDevice,
    Rating,
    ReceivingBody,
    RequesterRole,
    RequestKind,
    SatisfactionLevel,
    SharingScope,
    SmsMessage,
    TaskStatusChange,
)
from cases.references import generate_reference
from cases.services.institutions import admin_group
from cases.services.rights import suffix_digest
from cases.services.submission import PersonData, submit_case
from demo.registry.models import DemoRegistryPerson
from demo.seed import make_resident_id

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
    """A government department; ``bank=True`` or ``insurer=True`` for one
    under the finance group, with its clerks' and supervisors' groups."""

    class Meta:
        model = Department
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"dept_{n}")
    name_zh = factory.Sequence(lambda n: f"测试部门{n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")

    class Params:
        bank = factory.Trait(
            code=factory.Sequence(lambda n: f"bank_{n}"),
            name_zh=factory.Sequence(lambda n: f"测试银行{n}湖州分行"),
            name_en=factory.Sequence(lambda n: f"Test Bank {n}, Huzhou"),
            kind=DepartmentKind.FINANCIAL_INSTITUTION,
            parent=factory.LazyFunction(lambda: Department.objects.get(code="finance")),
        )
        insurer = factory.Trait(
            code=factory.Sequence(lambda n: f"insurer_{n}"),
            name_zh=factory.Sequence(lambda n: f"测试人寿{n}"),
            name_en=factory.Sequence(lambda n: f"Test Life {n}"),
            kind=DepartmentKind.INSURER,
            parent=factory.LazyFunction(lambda: Department.objects.get(code="finance")),
        )

    @factory.post_generation
    def staff_groups(self, create, extracted, **kwargs):
        if create and self.kind != DepartmentKind.GOVERNMENT:
            self.clerk_group = admin_group(f"{self.name_zh} · 办事员")
            self.supervisor_group = admin_group(f"{self.name_zh} · 主管")
            self.save(update_fields=["clerk_group", "supervisor_group"])


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Matter
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"T{n:03d}")
    department = factory.SubFactory(DepartmentFactory)
    name_zh = factory.Sequence(lambda n: f"测试事项{n}")
    name_en = factory.Sequence(lambda n: f"Test matter {n}")
    time_limit = 2

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


class HolidayNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HolidayNotice
        django_get_or_create = ("year",)

    year = 2027
    title = factory.LazyAttribute(
        lambda notice: f"国务院办公厅关于{notice.year}年部分节假日安排的通知"
    )


class SmsMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SmsMessage

    template_code = "matter_done"
    phone = "13912345678"
    text = "【身后一件事】您的事项已办结。"


class DispatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dispatch

    task = factory.SubFactory("tests.factories.DepartmentTaskFactory")
    department = factory.SelfAttribute("task.department")
    connector = "http_json"


class HeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Heartbeat
        django_get_or_create = ("name",)

    name = "worker"
    beat_at = factory.LazyFunction(timezone.now)


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
    # One open case per death: each bare case stands for a different one.
    deceased_id_hash = factory.Sequence(lambda n: f"factory-death-{n}")
    applicant = factory.SubFactory(PersonFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=3))

    class Params:
        # One trait per lifecycle state of the case row (its tasks are the
        # tasks' own traits, or ``submitted_case`` for a real fan-out).
        completed = factory.Trait(
            status=CaseStatus.COMPLETED, completed_at=factory.LazyFunction(timezone.now)
        )
        withdrawn = factory.Trait(
            status=CaseStatus.WITHDRAWN, completed_at=factory.LazyFunction(timezone.now)
        )
        reversed = factory.Trait(status=CaseStatus.REVERSED)
        paused = factory.Trait(
            paused_since=factory.LazyFunction(timezone.now), pause_reason=PauseReason.FAMILY
        )


class DepartmentTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentTask

    case = factory.SubFactory(CaseFactory)
    matter = factory.SubFactory(MatterFactory)
    department = factory.SelfAttribute("matter.department")
    matter_code = factory.SelfAttribute("matter.code")
    matter_name_zh = factory.SelfAttribute("matter.name_zh")
    time_limit = factory.SelfAttribute("matter.time_limit")
    time_limit_unit = factory.SelfAttribute("matter.time_limit_unit")
    status = TaskStatus.READY

    class Params:
        # One trait per lifecycle state, with what that state implies.
        waiting = factory.Trait(status=TaskStatus.WAITING)
        in_progress = factory.Trait(
            status=TaskStatus.IN_PROGRESS, accepted_at=factory.LazyFunction(timezone.now)
        )
        awaiting_materials = factory.Trait(
            status=TaskStatus.AWAITING_MATERIALS,
            accepted_at=factory.LazyFunction(timezone.now),
            message_to_family="请上传病历",
            paused_since=factory.LazyFunction(timezone.now),
            pause_reason=PauseReason.FAMILY,
        )
        completed = factory.Trait(
            status=TaskStatus.COMPLETED,
            accepted_at=factory.LazyFunction(timezone.now),
            completed_at=factory.LazyFunction(timezone.now),
            result={"outcome": "done"},
        )
        not_applicable = factory.Trait(
            status=TaskStatus.NOT_APPLICABLE,
            completed_at=factory.LazyFunction(timezone.now),
            reason="无此情况",
        )
        rejected = factory.Trait(status=TaskStatus.REJECTED, reason="材料不符")


class DemoRegistryPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemoRegistryPerson

    id_number = factory.Sequence(lambda n: resident_id(n % 999 + 1))
    name = "王五"
    gender = Gender.MALE
    birth_date = datetime.date(1950, 6, 15)
    flags = factory.LazyFunction(lambda: dict(NO_FLAGS))
    # A death recorded, with the phone most tests sign in with as the family
    # contact: the registry check shows the record to that family.
    died_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    death_contact_phone = "13912345678"

    class Params:
        alive = factory.Trait(died_at=None, death_contact_phone="")


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
    deceased unless the test seeded it, so ``flags`` is the whole profile.

    Without ``deceased``, the first case of a test is for ``resident_id(1)``
    and each further open one for the next person with no open case: one
    open case per death."""
    return submit_case(
        scenario=scenario,
        channel=channel,
        deceased=deceased or deceased_data(_next_without_open_case()),
        applicant=applicant or applicant_data(),
        profile=NO_FLAGS | (flags or {}),
        **kwargs,
    )


def _next_without_open_case():
    from cases.services.open_cases import case_of_death

    n = 1
    while case_of_death(resident_id(n)) is not None:
        n += 1
    return n


class PhoneDeviceFactory(factory.django.DjangoModelFactory):
    """A citizen account as SMS sign-in makes one."""

    class Meta:
        model = PhoneDevice

    user = factory.SubFactory(UserFactory, username=factory.Sequence(lambda n: f"citizen-{n}"))
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    name = "SMS"
    confirmed = True


def citizen(phone="13912345678"):
    """A signed-up citizen with this mobile number; returns the user."""
    return PhoneDeviceFactory(phone=phone).user


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class CaseDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseDocument

    case = factory.SubFactory(CaseFactory)
    label = "病历资料"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="upload"))
    original_name = "病历.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)


def home_page():
    """The Chinese home page (the site root), made as seed_demo makes it."""
    from content.models import HomePage
    from demo.pages import _add_home

    return HomePage.objects.filter(locale__language_code="zh-hans").first() or _add_home(
        Locale.get_default()
    )


def application_form_page(scenario=Scenario.HOSPITAL, steps=None, **fields):
    """A published application form (the demo one for the scenario by default)."""
    from demo.forms import FORMS
    from forms.models import ApplicationFormPage

    title, demo_steps = FORMS[scenario]
    page = home_page().add_child(
        instance=ApplicationFormPage(
            title=fields.pop("title", title),
            slug=fields.pop("slug", f"form-{scenario}-{ApplicationFormPage.objects.count()}"),
            scenario=scenario,
            steps=steps if steps is not None else demo_steps,
            live=False,
            **fields,
        )
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forms.Draft"

    owner = factory.SubFactory(UserFactory)
    scenario = Scenario.HOSPITAL
    definition = factory.LazyAttribute(lambda d: _demo_definition(d.scenario))
    state = ""


def _demo_definition(scenario):
    from demo.forms import FORMS
    from forms.models import ApplicationFormPage

    page = ApplicationFormPage(scenario=scenario, steps=FORMS[scenario][1])
    return page.definition()


class HeirDeclarationFactory(factory.django.DjangoModelFactory):
    """A declaration row alone; ``declared_case`` makes one the way the portal does."""

    class Meta:
        model = HeirDeclaration

    case = factory.SubFactory(CaseFactory)
    version = 1
    payee_name = "王小明"
    payee_account = "6222020200112733445"
    consent_version = "heirs-declaration-2026-11"
    declared_at = factory.LazyFunction(timezone.now)


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    declaration = factory.SubFactory(HeirDeclarationFactory)
    name = "王小红"
    relationship = Relationship.CHILD
    id_number = factory.Sequence(lambda n: resident_id(n % 999 + 1, datetime.date(1975, 3, 9)))
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    status = DelegationStatus.PENDING
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    class Params:
        # Each answer an heir can give (or fail to give), as the services
        # leave the row; the signed authorization document aside.
        consented = factory.Trait(
            status=DelegationStatus.CONFIRMED,
            decided_at=factory.LazyFunction(timezone.now),
            decided_from="203.0.113.9",
            decided_with="Mozilla/5.0 (Linux; Android 14)",
            consent_version="delegation-2026-11",
        )
        declined = factory.Trait(
            status=DelegationStatus.DECLINED,
            decided_at=factory.LazyFunction(timezone.now),
            decline_reason="不同意由申请人代领",
        )
        offline = factory.Trait(
            status=DelegationStatus.OFFLINE, decided_at=factory.LazyFunction(timezone.now)
        )
        expired = factory.Trait(
            status=DelegationStatus.EXPIRED,
            expires_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1)),
        )
        revoked = factory.Trait(
            status=DelegationStatus.REVOKED,
            decided_at=factory.LazyFunction(timezone.now),
            revoked_at=factory.LazyFunction(timezone.now),
        )


def heir_data(n=1, *, phone=None, **overrides):
    """One other heir as the applicant lists them (a child of the deceased)."""
    from cases.services.heirs import HeirData

    values = {
        "name": ["王小红", "王小刚", "李秀英", "王大山"][(n - 1) % 4],
        "relationship": Relationship.CHILD,
        "id_number": resident_id(100 + n, datetime.date(1976, 4, n)),
        "phone": phone or f"1370000{n:04d}",
    }
    values.update(overrides)
    return HeirData(**values)


def declared_case(heirs=2, *, flags=None, **declaration):
    """A hospital case with pension matters (R01, R02: consent needed) whose
    applicant listed ``heirs`` other heirs; returns (case, declaration)."""
    from cases.services.heirs import DECLARATION_VERSION, declare_heirs

    case = submitted_case(flags={"pension": True, **(flags or {})})
    values = {
        "heirs": [heir_data(n) for n in range(1, heirs + 1)],
        "payee_name": case.applicant.name,
        "payee_account": "6222020200112733445",
        "consent_version": DECLARATION_VERSION,
        "actor": None,
    }
    values.update(declaration)
    return case, declare_heirs(case, **values)


class RatingFactory(factory.django.DjangoModelFactory):
    """A family's rating of a department; ``poor`` opens a review."""

    class Meta:
        model = Rating

    case = factory.SubFactory(CaseFactory, completed=True)
    department = factory.SubFactory(DepartmentFactory)
    level = SatisfactionLevel.SATISFIED
    channel = Channel.WEB
    rated_at = factory.LazyFunction(timezone.now)

    class Params:
        poor = factory.Trait(
            level=SatisfactionLevel.DISSATISFIED,
            reason="等了很久",
            review_due=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=5)),
        )


class TaskStatusChangeFactory(factory.django.DjangoModelFactory):
    """One row of a task's status history."""

    class Meta:
        model = TaskStatusChange

    task = factory.SubFactory(DepartmentTaskFactory)
    from_status = TaskStatus.READY
    to_status = TaskStatus.IN_PROGRESS
    at = factory.LazyFunction(timezone.now)


class MedicalInstitutionFactory(factory.django.DjangoModelFactory):
    """A hospital (``community=True``: a community health centre) with its
    liaisons' group."""

    class Meta:
        model = MedicalInstitution
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"hz-hospital-{n}")
    name_zh = factory.Sequence(lambda n: f"湖州市第{n + 1}人民医院")
    name_en = factory.Sequence(lambda n: f"Huzhou No. {n + 1} People's Hospital")
    kind = "hospital"
    county = "吴兴区"
    liaison_group = factory.LazyAttribute(lambda o: liaisons_group(f"{o.name_zh}·联络员"))

    class Params:
        community = factory.Trait(
            kind="community",
            name_zh=factory.Sequence(lambda n: f"月河街道社区卫生服务中心{n + 1}"),
            name_en=factory.Sequence(lambda n: f"Yuehe Community Health Centre {n + 1}"),
        )


def liaisons_group(name):
    """A group whose members may open the admin, as an administrator makes it."""
    from django.contrib.auth.models import Permission

    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def liaison_of(institution):
    """A member of staff in ``institution``'s liaisons' group."""
    user = UserFactory(is_staff=True)
    user.groups.add(institution.liaison_group)
    return user


def death_record(n=1, **overrides):
    """What a liaison enters for the death of the ``n``th demo person: a
    heart attack this morning, two lines of causes."""
    from cases.services.death_certificate_form import DeathRecord

    values = {
        "id_number": resident_id(n),
        "name": "王五",
        "gender": Gender.MALE,
        "birth_date": datetime.date(1950, 6, 15),
        "died_at": timezone.now() - datetime.timedelta(hours=2),
        "place_of_death": "湖州市第一人民医院心内科",
        "causes": [
            ("急性心肌梗死", "I21.9", "2小时"),
            ("冠状动脉粥样硬化性心脏病", "I25.1", "10年"),
        ],
        "doctor": "李医生",
        "contact_name": "王小明",
        "contact_phone": "13912345678",
    }
    values.update(overrides)
    return DeathRecord(**values)


def certified_death(n=1, *, institution=None, **overrides):
    """A death certified by a hospital's liaison, as the service does it."""
    from cases.services.medical_certificates import record_death

    institution = institution or MedicalInstitutionFactory()
    return record_death(institution, death_record(n, **overrides), by=liaison_of(institution))


def _town(code, name, county):
    defaults = {"name": name, "level": "town", "parent": Area.objects.get(code=county)}
    return Area.objects.get_or_create(code=code, defaults=defaults)[0]


def _days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


class AreaFactory(factory.django.DjangoModelFactory):
    """A village under a town of 吴兴区 by default; ``town=True`` or
    ``county=True`` for the levels above."""

    class Meta:
        model = Area
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"330502001{n + 1:03d}")
    name = factory.Sequence(lambda n: f"第{n + 1}社区")
    level = "village"
    parent = factory.LazyFunction(
        lambda: Area.objects.get_or_create(
            code="330502001",
            defaults={
                "name": "月河街道",
                "level": "town",
                "parent": Area.objects.get(code="330502"),
            },
        )[0]
    )

    class Params:
        town = factory.Trait(
            code=factory.Sequence(lambda n: f"330503{n + 100:03d}"),
            name=factory.Sequence(lambda n: f"第{n + 1}镇"),
            level="town",
            parent=factory.LazyFunction(lambda: Area.objects.get(code="330503")),
        )


class FuneralAssistantFactory(factory.django.DjangoModelFactory):
    """An active assistant (a staff account in the assistants' group) with a
    current training; ``trained=False`` for none, ``trained="lapsed"`` for
    one whose refresher is overdue."""

    class Meta:
        model = FuneralAssistant
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, is_staff=True)
    name = factory.Sequence(lambda n: ["周协理", "吴协理", "郑协理", "孙协理"][n % 4])
    phone = factory.Sequence(lambda n: f"136{n:08d}")

    @factory.post_generation
    def villages(self, create, extracted, **kwargs):
        if create and extracted:
            self.villages.set(extracted)

    @factory.post_generation
    def trained(self, create, extracted, **kwargs):
        from cases.constants import StaffRole

        if not create:
            return
        self.user.groups.add(Group.objects.get(name=StaffRole.FUNERAL_ASSISTANT.value))
        if extracted is False:
            return
        AssistantTrainingFactory(assistant=self, lapsed=extracted == "lapsed")


class AssistantTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistantTraining

    course = "殡葬协理员岗位培训"
    held_on = factory.LazyFunction(lambda: _days_from_today(-30))
    hours = 16
    certificate_number = factory.Sequence(lambda n: f"HZMZ-2026-{n:04d}")
    refresher_due = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=335)
    )

    class Params:
        lapsed = factory.Trait(
            held_on=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=400)
            ),
            refresher_due=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=35)
            ),
        )


def _county(code="330502"):
    return Area.objects.get(code=code)


class BurialSiteFactory(factory.django.DjangoModelFactory):
    """A public columbarium of 吴兴区; ``tree=True`` for a tree burial
    ground (booked by day)."""

    class Meta:
        model = BurialSite

    county = factory.LazyFunction(_county)
    kind = BurialKind.COLUMBARIUM
    name_zh = factory.Sequence(lambda n: f"吴兴区第{n + 1}公益性骨灰堂")
    name_en = factory.Sequence(lambda n: f"Wuxing public columbarium {n + 1}")
    address = "湖州市吴兴区仁皇山路1号"

    class Params:
        tree = factory.Trait(
            kind=BurialKind.TREE,
            name_zh=factory.Sequence(lambda n: f"吴兴区第{n + 1}树葬园"),
            name_en=factory.Sequence(lambda n: f"Wuxing tree burial ground {n + 1}"),
        )


class BurialNicheFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BurialNiche

    site = factory.SubFactory(BurialSiteFactory)
    label = factory.Sequence(lambda n: f"A区{n // 20 + 1}排{n % 20 + 1:02d}号")


class BurialDayFactory(factory.django.DjangoModelFactory):
    """A burial day a week from today with five places."""

    class Meta:
        model = BurialDay

    site = factory.SubFactory(BurialSiteFactory, tree=True)
    date = factory.Sequence(lambda n: _days_from_today(7 + n))
    capacity = 5


class BurialAwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BurialAward

    county = factory.LazyFunction(_county)
    kind = BurialKind.COLUMBARIUM
    amount = 1000
    effective_from = datetime.date(2026, 3, 30)


class BurialBookingFactory(factory.django.DjangoModelFactory):
    """A row as the booking service leaves it (a niche held, no task):
    for lists and constraints; ``book`` makes a real one."""

    class Meta:
        model = BurialBooking

    case = factory.SubFactory(CaseFactory)
    status = BookingStatus.BOOKED
    niche = factory.SubFactory(BurialNicheFactory)
    site = factory.LazyAttribute(lambda booking: booking.niche.site)
    at = factory.LazyFunction(timezone.now)

    class Params:
        declined = factory.Trait(status=BookingStatus.DECLINED, niche=None, site=None)


class FuneralHomeFactory(factory.django.DjangoModelFactory):
    """湖州市殡仪馆, serving 吴兴区."""

    class Meta:
        model = FuneralHome

    county = factory.LazyFunction(_county)
    name_zh = factory.Sequence(lambda n: f"湖州市第{n + 1}殡仪馆")
    name_en = factory.Sequence(lambda n: f"Huzhou funeral home {n + 1}")
    address = "湖州市吴兴区殡仪馆路1号"
    phone = "0572-2000000"


# The published list of the demo and the tests: (kind, 中文, English, unit,
# price, basic).
STANDARD_FEES = [
    (FuneralService.TRANSPORT, "遗体接运", "Body transport", FeeUnit.EACH, "300", True),
    (FuneralService.COLD_STORAGE, "遗体冷藏", "Cold storage", FeeUnit.DAY, "100", True),
    (FuneralService.CREMATION, "遗体火化", "Cremation", FeeUnit.EACH, "480", True),
    (FuneralService.ASH_STORAGE, "骨灰寄存", "Ash storage", FeeUnit.YEAR, "100", True),
    (FuneralService.FAREWELL_ROOM, "小型告别厅", "Small farewell room", FeeUnit.EACH, "600", False),
    (FuneralService.URN, "普通骨灰盒", "Plain urn", FeeUnit.PIECE, "200", False),
]


class FeeListFactory(factory.django.DjangoModelFactory):
    """A published list of the standard fees, in force since the revised
    rules (2026-03-30); ``prices`` to scale them (a later, dearer list)."""

    class Meta:
        model = FeeList
        skip_postgeneration_save = True

    home = factory.SubFactory(FuneralHomeFactory)
    effective_from = datetime.date(2026, 3, 30)
    live = True
    approval = "湖发改价〔2026〕12号"

    @factory.post_generation
    def fees(fee_list, create, extracted, **kwargs):
        scale = Decimal(kwargs.get("scale", "1"))
        for order, (service, zh, en, unit, price, basic) in enumerate(
            STANDARD_FEES if extracted is None else extracted
        ):
            FeeItem.objects.create(
                fee_list=fee_list,
                sort_order=order,
                service=service,
                name_zh=zh,
                name_en=en,
                unit=unit,
                price=Decimal(price) * scale,
                basic=basic,
            )


class FeeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeItem

    fee_list = factory.SubFactory(FeeListFactory, fees=[])
    service = FuneralService.OTHER
    name_zh = factory.Sequence(lambda n: f"其他服务{n + 1}")
    unit = FeeUnit.EACH
    price = Decimal("50")


class FeeWaiverFactory(factory.django.DjangoModelFactory):
    """吴兴区 waives the whole of a basic service; ``up_to`` for a cap."""

    class Meta:
        model = FeeWaiver

    county = factory.LazyFunction(_county)
    service = FuneralService.CREMATION
    up_to = None
    effective_from = datetime.date(2026, 3, 30)


def data_protection_officer():
    """A member of staff in the data-protection officer's group."""
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=StaffRole.DATA_PROTECTION_OFFICER))
    return user


APPLICANT_ID = resident_id(200, datetime.date(1975, 3, 8))


class DataRequestFactory(factory.django.DjangoModelFactory):
    """A close relative's request about the deceased's personal information,
    made by the applicant (a child of the deceased) of a submitted case."""

    class Meta:
        model = DataRequest

    case = factory.LazyFunction(
        lambda: submitted_case(applicant=applicant_data(id_number=APPLICANT_ID))
    )
    reference = factory.Sequence(lambda n: f"QXTEST{n:04d}")
    kind = RequestKind.COPY
    channel = Channel.WEB
    requester_role = RequesterRole.APPLICANT
    requester_name = "王小明"
    relationship = Relationship.CHILD
    requester_phone = "13912345678"
    requester_suffix_digest = factory.LazyFunction(lambda: suffix_digest(APPLICANT_ID))
    received_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21))


SHARING_SECRET = "receiving-body-secret-for-tests"


class ReceivingBodyFactory(factory.django.DjangoModelFactory):
    """A body registered to read shared cases, with its OAuth2 client
    (client credentials; the secret is SHARING_SECRET)."""

    class Meta:
        model = ReceivingBody

    code = factory.Sequence(lambda n: f"body-{n}")
    name_zh = "湖州市不动产登记中心"
    name_en = "Huzhou Real Estate Registration Centre"
    kind = BodyKind.REAL_ESTATE
    scopes = factory.LazyFunction(lambda: [scope.value for scope in SharingScope])
    application = factory.LazyAttribute(
        lambda body: Application.objects.create(
            name=body.name_en,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=SHARING_SECRET,
        )
    )
