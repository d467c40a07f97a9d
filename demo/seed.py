"""Demo data: registry people, staff accounts and cases in every state.

Used by ``manage.py seed_demo`` and the benchmarks. Every ID number here is
made up but valid (GB 11643-1999), so the whole flow can be tried.
"""

import dataclasses
import datetime
import io
import json
import random
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cases.constants import Channel, PauseReason, ProfileFlag, Relationship, Scenario, StaffRole
from cases.fields import hash_for
from cases.models import (
    Area,
    AreaLevel,
    AssistantTraining,
    Case,
    Department,
    FuneralAssistant,
    MedicalInstitution,
)
from cases.needs import DocumentKind
from cases.services import events as event_services
from cases.services import heirs as heir_services
from cases.services import tasks as task_services
from cases.services.documents import Document, attach
from cases.services.materials import supply_materials
from cases.services.open_cases import case_of_death
from cases.services.reversal import open_reversal
from cases.services.submission import PersonData, submit_case
from cases.services.withdrawal import withdraw_case
from cases.validators import id_check_character

from .registry.models import DemoRegistryPerson

HUZHOU_WUXING = "330502"
ALL_FLAGS = dict.fromkeys(ProfileFlag.values, True)


def make_resident_id(birth_date, sequence, region=HUZHOU_WUXING):
    """A valid ID number; an odd ``sequence`` makes a man, an even one a woman."""
    body = f"{region}{birth_date:%Y%m%d}{sequence:03d}"
    return body + id_check_character(body)


def make_mobile(n):
    return f"139{n:08d}"


F = ProfileFlag
# name, birth date, sequence, flags: together they cover every profile flag.
REGISTRY_PEOPLE = [
    ("王建国", datetime.date(1941, 3, 12), 11, ALL_FLAGS),
    (
        "李秀英",
        datetime.date(1945, 7, 2),
        22,
        {
            F.PENSION: 1,
            F.MEDICAL_INSURED: 1,
            F.LOCAL_HUKOU: 1,
            F.ELDERLY_ALLOWANCE: 1,
            F.BANK_ACCOUNTS: 1,
        },
    ),
    (
        "张志强",
        datetime.date(1958, 11, 30),
        33,
        {
            F.PENSION: 1,
            F.EMPLOYEE_INSURED: 1,
            F.MEDICAL_INSURED: 1,
            F.HOUSING_FUND: 1,
            F.DRIVING_LICENCE: 1,
            F.SOCIAL_SECURITY_CARD: 1,
            F.LOCAL_HUKOU: 1,
            F.COMMERCIAL_INSURANCE: 1,
        },
    ),
    (
        "刘桂兰",
        datetime.date(1936, 1, 8),
        44,
        {
            F.SOCIAL_ASSISTANCE: 1,
            F.DISABILITY_CERTIFICATE: 1,
            F.DISABILITY_SUBSIDIES: 1,
            F.LOCAL_HUKOU: 1,
            F.ELDERLY_ALLOWANCE: 1,
        },
    ),
    (
        "陈德福",
        datetime.date(1949, 10, 1),
        55,
        {F.VETERAN_BENEFITS: 1, F.PENSION: 1, F.MEDICAL_INSURED: 1, F.LOCAL_HUKOU: 1},
    ),
    (
        "杨丽华",
        datetime.date(1972, 5, 20),
        66,
        {
            F.EMPLOYEE_INSURED: 1,
            F.MEDICAL_INSURED: 1,
            F.HOUSING_FUND: 1,
            F.BANK_ACCOUNTS: 1,
            F.DRIVING_LICENCE: 1,
        },
    ),
    ("赵明", datetime.date(1985, 9, 9), 77, {F.MEDICAL_INSURED: 1, F.BANK_ACCOUNTS: 1}),
    ("孙玉梅", datetime.date(1930, 12, 24), 88, {F.LOCAL_HUKOU: 1}),
    ("周文华", datetime.date(1948, 1, 18), 99, {F.PENSION: 1, F.LOCAL_HUKOU: 1}),
    # No demo case: for trying the application yourself (one open case per death).
    ("郑国强", datetime.date(1944, 4, 9), 101, ALL_FLAGS),
    (
        "吴秀兰",
        datetime.date(1950, 10, 1),
        102,
        {F.PENSION: 1, F.MEDICAL_INSURED: 1, F.LOCAL_HUKOU: 1},
    ),
    ("冯志明", datetime.date(1962, 2, 28), 103, {F.EMPLOYEE_INSURED: 1, F.HOUSING_FUND: 1}),
]


# Someone the registry holds as alive: the registry check reveals nothing.
LIVING_PERSON = ("陈志远", datetime.date(1958, 6, 30), 105)
# Recorded as dead by mistake, then retracted: alive again in the registry.
REVERSED_PERSON = ("钱立新", datetime.date(1952, 8, 8), 104, {F.PENSION: 1, F.LOCAL_HUKOU: 1})


def death_contact(sequence):
    """The family contact the hospital recorded with each demo death: sign
    in with it and the registry check fills the deceased in."""
    return make_mobile(sequence)


# The registry's family data for some of them (sequence → relatives), so the
# heirs list is pre-filled: name, relationship, birth date, sequence. The
# household register holds their mobile numbers (make_mobile(sequence)).
REGISTRY_RELATIVES = {
    11: [
        ("张桂芳", "spouse", datetime.date(1944, 5, 6), 12),
        ("王志刚", "child", datetime.date(1968, 2, 14), 13),
        ("王丽", "child", datetime.date(1971, 8, 20), 14),
    ],
    33: [
        ("周敏", "spouse", datetime.date(1960, 4, 4), 34),
        ("张磊", "child", datetime.date(1986, 6, 6), 35),
    ],
}


def _relatives(sequence):
    return json.dumps(
        [
            {
                "name": name,
                "relationship": relationship,
                "id_number": make_resident_id(birth_date, relative_sequence),
                "phone": make_mobile(relative_sequence),
            }
            for name, relationship, birth_date, relative_sequence in REGISTRY_RELATIVES.get(
                sequence, []
            )
        ],
        ensure_ascii=False,
    )


def people_to_try():
    """(name, ID number, what the record holds, the phone to sign in with) of
    the registry people whose death no case holds (open or completed): the
    ones a developer can apply for."""
    labels = dict(ProfileFlag.choices)
    found = []
    for name, birth_date, sequence, flags in REGISTRY_PEOPLE:
        id_number = make_resident_id(birth_date, sequence)
        if case_of_death(id_number) is None:
            held = "、".join(str(labels[flag]) for flag, on in flags.items() if on)
            found.append((name, id_number, held, death_contact(sequence)))
    return found


def seed_public_phones():
    """The funeral home's number, given in the funeral booking's text
    (civil affairs books it); kept if an administrator entered one."""
    return Department.objects.filter(code="civil_affairs", public_phone="").update(
        public_phone="0572-2123456"
    )


def seed_registry():
    died_at = timezone.now() - datetime.timedelta(days=1)
    created = 0
    people = [(*person, True) for person in REGISTRY_PEOPLE]
    people.append((*LIVING_PERSON, {}, False))
    people.append((*REVERSED_PERSON, False))
    for name, birth_date, sequence, flags, dead in people:
        id_number = make_resident_id(birth_date, sequence)
        if DemoRegistryPerson.objects.filter(
            id_number_hash=hash_for(DemoRegistryPerson, "id_number", id_number)
        ).exists():
            continue
        DemoRegistryPerson.objects.create(
            id_number=id_number,
            name=name,
            gender="male" if sequence % 2 else "female",
            birth_date=birth_date,
            hukou_region="浙江省湖州市吴兴区" if flags.get(F.LOCAL_HUKOU) else "",
            hukou_area_code=HOME_VILLAGE if flags.get(F.LOCAL_HUKOU) else "",
            flags={flag: bool(flags.get(flag)) for flag in ProfileFlag.values},
            relatives=_relatives(sequence),
            died_at=died_at if dead else None,
            death_contact_phone=death_contact(sequence) if dead else "",
        )
        created += 1
    return created


# Medical institutions that certify deaths in the system (code, name, kind,
# county): two hospitals, and a community health centre for deaths at home.
INSTITUTIONS = [
    ("hz-central", "湖州市中心医院", "Huzhou Central Hospital", "hospital", "吴兴区"),
    ("hz-first", "湖州市第一人民医院", "Huzhou First People's Hospital", "hospital", "吴兴区"),
    (
        "hz-yuehe-chc",
        "月河街道社区卫生服务中心",
        "Yuehe Community Health Centre",
        "community",
        "吴兴区",
    ),
]


# Towns and villages of 吴兴区 (the county comes from the migration), and the
# villages the demo funeral assistant serves: two are left without one, so
# the coverage view has something to show.
TOWNS = {
    ("330502001", "月河街道"): [
        ("330502001001", "月河社区"),
        ("330502001002", "南街社区"),
        ("330502001003", "北门社区"),
    ],
    ("330502105", "八里店镇"): [
        ("330502105201", "潞村村"),
        ("330502105202", "尹家圩村"),
        ("330502105203", "章家埭村"),
    ],
}
HOME_VILLAGE = "330502001001"
SERVED = ["330502001001", "330502001002", "330502001003", "330502105201"]


def seed_network():
    """Towns, villages, and the demo assistant's profile, villages and a
    current training; return how many villages were added."""
    county = Area.objects.get(code="330502")
    added = 0
    for (town_code, town_name), villages in TOWNS.items():
        town, _created = Area.objects.get_or_create(
            code=town_code, defaults={"name": town_name, "level": AreaLevel.TOWN, "parent": county}
        )
        for code, name in villages:
            _village, created = Area.objects.get_or_create(
                code=code, defaults={"name": name, "level": AreaLevel.VILLAGE, "parent": town}
            )
            added += created
    user = get_user_model().objects.filter(username="assistant").first()
    if user is not None and not FuneralAssistant.objects.filter(user=user).exists():
        assistant = FuneralAssistant.objects.create(user=user, name="周协理", phone="13600001234")
        assistant.villages.set(Area.objects.filter(code__in=SERVED))
        today = timezone.localdate()
        AssistantTraining.objects.create(
            assistant=assistant,
            course="殡葬协理员岗位培训",
            held_on=today - datetime.timedelta(days=60),
            hours=16,
            certificate_number="HZMZ-2026-0117",
            refresher_due=today + datetime.timedelta(days=305),
        )
    return added


def seed_institutions():
    """Add the missing demo institutions, each with a liaisons' group that may
    open the admin; return how many were added."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    added = 0
    for code, name_zh, name_en, kind, county in INSTITUTIONS:
        if MedicalInstitution.objects.filter(code=code).exists():
            continue
        group, _created = Group.objects.get_or_create(name=f"{name_zh}·死亡医学证明联络员")
        group.permissions.add(access_admin)
        MedicalInstitution.objects.create(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            kind=kind,
            county=county,
            liaison_group=group,
        )
        added += 1
    return added


def demo_staff():
    """(username, description, groups, is_superuser) for every role."""
    staff = []
    for institution in MedicalInstitution.objects.select_related("liaison_group"):
        staff.append(
            (
                f"liaison_{institution.code.replace('-', '_')}",
                f"{institution.name_zh}联络员",
                [institution.liaison_group],
                False,
            )
        )
    for department in Department.objects.select_related("clerk_group", "supervisor_group"):
        staff.append(
            (
                f"clerk_{department.code}",
                f"{department.name_zh}办事员",
                [department.clerk_group],
                False,
            )
        )
        staff.append(
            (
                f"supervisor_{department.code}",
                f"{department.name_zh}主管",
                [department.supervisor_group],
                False,
            )
        )
    usernames = {
        StaffRole.HOTLINE_AGENT: "hotline",
        StaffRole.HOTLINE_SUPERVISOR: "hotline_supervisor",
        StaffRole.FUNERAL_ASSISTANT: "assistant",
        StaffRole.CONTENT_EDITOR: "editor",
        StaffRole.CONTENT_REVIEWER: "reviewer",
        StaffRole.SYSTEM_ADMINISTRATOR: "admin",
        StaffRole.DATA_PROTECTION_OFFICER: "privacy",
    }
    for role, username in usernames.items():
        group = Group.objects.get(name=role.value)
        staff.append((username, role.value, [group], role == StaffRole.SYSTEM_ADMINISTRATOR))
    return staff


def seed_staff():
    """Create missing staff accounts; return (username, role, password) of new ones."""
    User = get_user_model()
    created = []
    for username, description, groups, is_superuser in demo_staff():
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username,
            password=password,
            first_name=description,
            is_staff=True,
            is_superuser=is_superuser,
        )
        user.groups.set([group for group in groups if group is not None])
        created.append((username, description, password))
    return created


# Applicants' names: a name is letters only (validators.validate_person_name).
FAMILY_NAMES = "王李张刘陈杨赵黄周吴"
GIVEN_NAMES = ("小明", "秀英", "建国", "丽华", "志强", "桂兰", "国庆", "海燕")


def _applicant(n, relationship=Relationship.CHILD):
    name = FAMILY_NAMES[n % len(FAMILY_NAMES)] + GIVEN_NAMES[(n // len(FAMILY_NAMES)) % 8]
    return PersonData(name=name, phone=make_mobile(n), relationship=relationship)


def _deceased(index, days_ago=1):
    name, birth_date, sequence, _flags = REGISTRY_PEOPLE[index % len(REGISTRY_PEOPLE)]
    return PersonData(
        name=name,
        id_number=make_resident_id(birth_date, sequence),
        died_at=timezone.now() - datetime.timedelta(days=days_ago, hours=3),
        place_of_death="湖州市第一人民医院",
    )


def _task(case, code):
    return case.tasks.get(matter_code=code)


def _record_what_is_waited_for(case, actor):
    """The demo's funeral home and police record their events as they happen."""
    reasons = set(case.tasks.exclude(pause_reason="").values_list("pause_reason", flat=True))
    if PauseReason.BODY_RELEASE in reasons:
        event_services.release_body(case, actor=actor)
    if PauseReason.CREMATION in reasons:
        event_services.record_cremation(case, at=timezone.now(), actor=actor)


def _complete(case, codes, actor):
    for code in codes:
        # One task per matter, but one per bank for B01 and per insurer for B02.
        for pk in case.tasks.filter(matter_code=code).values_list("pk", flat=True):
            if case.tasks.get(pk=pk).pause_reason in (
                PauseReason.CREMATION,
                PauseReason.BODY_RELEASE,
            ):
                _record_what_is_waited_for(case, actor)
            task = case.tasks.get(pk=pk)
            if task.status == "ready":
                task_services.accept_task(task, actor=actor)
            task_services.complete_task(task, actor=actor, result={"outcome": "done"})


def _complete_everything(case, actor):
    while True:
        open_tasks = list(case.tasks.filter(status__in=["ready", "in_progress"]))
        events_awaited = case.tasks.filter(
            pause_reason__in=[PauseReason.CREMATION, PauseReason.BODY_RELEASE]
        )
        if not open_tasks and events_awaited.exists():
            _record_what_is_waited_for(case, actor)
            continue
        if not open_tasks:
            return
        for task in open_tasks:
            task_services.complete_task(task, actor=actor, result={"outcome": "done"})


def _declare_heirs(case, actor, *, registry_heirs):
    """The applicant as the only heir, or the registry's relatives (each
    texted a link, as a real family's would be)."""
    if not case.tasks.filter(requires_consent=True).exists():
        return
    heirs = []
    if registry_heirs:
        heirs = [
            dataclasses.replace(heir, phone=make_mobile(9000 + n))
            for n, heir in enumerate(heir_services.registry_heirs(case))
        ]
    heir_services.declare_heirs(
        case,
        heirs=heirs,
        payee_name=case.applicant.name,
        payee_account="6222020200112733445",
        consent_version=heir_services.DECLARATION_VERSION,
        actor=actor,
    )


def _answers(n, scenario):
    """What a family answers on the demo form besides the people's details:
    the case facts (by domain key) and an editor's question for C01."""
    facts = {
        "funeral.pickup_address": ("接运地址", f"湖州市吴兴区爱山街道{n}号"),
        "funeral.pickup_time": ("希望什么时候接运", "越快越好"),
        "funeral.farewell": ("希望的告别方式", "在殡仪馆举行告别仪式"),
        "deceased.household": ("逝者的户籍地址", "湖州市吴兴区爱山街道"),
    }
    if scenario == Scenario.HOME:
        facts["care_home.contact"] = ("养老机构的名称和联系电话", "吴兴区安康养老院 0572-0000000")
    answers = [
        {"name": key.replace(".", "__"), "label": label, "value": value, "key": key}
        for key, (label, value) in facts.items()
    ]
    answers.append(
        {
            "name": "pickup_notes",
            "label": "遗体接运地址备注",
            "value": "三楼，没有电梯，到了请先打家属电话。",
            "needed_by": ["C01"],
        }
    )
    return answers


DEMO_DOCUMENTS = {
    Scenario.HOME: [
        (DocumentKind.CARE_HOME_REPORT, "养老机构出具的死亡报告", "Care home death report (demo)"),
        (DocumentKind.MEDICAL_RECORDS, "病历资料", "Medical records (demo)"),
    ],
    Scenario.ABNORMAL: [
        (DocumentKind.POLICE_RECEIPT, "报警回执照片", "Police report receipt (demo)"),
    ],
}


def _demo_pdf(title, reference):
    """A one-page PDF standing in for a scanned document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 18)
    page.drawString(72, 760, title)
    page.setFont("Helvetica", 12)
    page.drawString(72, 730, f"Case {reference} - demonstration data, not a real document")
    page.save()
    return buffer.getvalue()


def _documents(case):
    return [
        Document(
            label, _demo_pdf(title, case.display_reference), f"{label}.pdf", "application/pdf", kind
        )
        for kind, label, title in DEMO_DOCUMENTS.get(case.scenario, [])
    ]


def seed_cases():
    """Cases in every state, across the three scenarios and four channels."""
    if Case.objects.exists():
        return 0
    actor = get_user_model().objects.filter(username="admin").first()
    specs = [
        # scenario, channel, registry person, what happens next
        (Scenario.HOSPITAL, Channel.WEB, 0, "submitted"),
        (Scenario.HOME, Channel.MOBILE, 1, "in_progress"),
        # One open case per death: every case has a person of its own.
        (Scenario.ABNORMAL, Channel.HOTLINE, 8, "awaiting_materials"),
        (Scenario.HOSPITAL, Channel.ASSISTED, 3, "certificates_issued"),
        (Scenario.HOME, Channel.WEB, 4, "completed"),
        (Scenario.ABNORMAL, Channel.MOBILE, 5, "rejected_task"),
        (Scenario.HOSPITAL, Channel.HOTLINE, 6, "withdrawn"),
        (Scenario.HOME, Channel.ASSISTED, 7, "completed"),
        (Scenario.HOSPITAL, Channel.WEB, 2, "waiting_for_heirs"),
        (Scenario.HOSPITAL, Channel.WEB, None, "reversed"),
    ]
    for n, (scenario, channel, person, state) in enumerate(specs, start=1):
        case = submit_case(
            scenario=scenario,
            channel=channel,
            deceased=_deceased(person, days_ago=n) if person is not None else _reversed(n),
            applicant=_applicant(n),
            submitted_by=actor if channel in (Channel.HOTLINE, Channel.ASSISTED) else None,
            answers=_answers(n, scenario),
        )
        attach(case, _documents(case), actor=None)
        first_certificate = "P01" if scenario == Scenario.ABNORMAL else "H01"
        if state == "in_progress":
            # The health centre asked for the care home's contact person;
            # the family answered with a note and a file.
            task = task_services.accept_task(_task(case, first_certificate), actor=actor)
            task_services.request_materials(
                task, actor=actor, message="请补充养老机构值班医生的联系方式。"
            )
            supply_materials(
                _task(case, first_certificate),
                actor=None,
                note="值班医生：李医生，0572-0000001。",
                documents=[
                    Document(
                        "回复：值班医生证明",
                        _demo_pdf("Duty doctor's note (demo)", case.display_reference),
                        "值班医生证明.pdf",
                        "application/pdf",
                    )
                ],
            )
        elif state == "awaiting_materials":
            task = task_services.accept_task(_task(case, first_certificate), actor=actor)
            task_services.request_materials(
                task, actor=actor, message="请上传公安机关出具的《涉尸调查表》照片。"
            )
        elif state == "certificates_issued":
            _complete(case, [first_certificate, "C01", "C02"], actor)
        elif state == "completed":
            _declare_heirs(case, actor, registry_heirs=False)
            _complete_everything(case, actor)
        elif state == "waiting_for_heirs":
            _complete(case, ["H01", "C01", "C02"], actor)
            _declare_heirs(case, actor, registry_heirs=True)
        elif state == "rejected_task":
            _complete(case, [first_certificate], actor)
            task_services.reject_task(
                _task(case, "P02"), actor=actor, reason="户籍不在本市，请至户籍地派出所办理。"
            )
        elif state == "withdrawn":
            withdraw_case(case, actor=actor, reason="家属决定自行办理。")
        elif state == "reversed":
            _declare_heirs(case, actor, registry_heirs=False)
            _complete_everything(case, actor)
            open_reversal(
                case,
                by=actor,
                reason="本人健在：医院将同病房另一位患者的身份证号误录为逝者的号码。",
            )
    return len(specs)


def _reversed(days_ago):
    name, birth_date, sequence, _flags = REVERSED_PERSON
    return PersonData(
        name=name,
        id_number=make_resident_id(birth_date, sequence),
        died_at=timezone.now() - datetime.timedelta(days=days_ago, hours=3),
        place_of_death="湖州市第一人民医院",
    )


def generate_cases(count, *, seed=None):
    """``count`` more cases with every profile flag (21 tasks each), for benchmarks."""
    rng = random.Random(seed)
    for _ in range(count):
        # A person whose death no case holds yet: one case per death.
        while True:
            birth_date = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(20000))
            id_number = make_resident_id(birth_date, rng.randrange(1, 999))
            if case_of_death(id_number) is None:
                break
        submit_case(
            scenario=rng.choice(Scenario.values),
            channel=rng.choice(Channel.values),
            deceased=PersonData(
                name="测试逝者",
                id_number=id_number,
                died_at=timezone.now() - datetime.timedelta(hours=rng.randrange(1, 72)),
            ),
            applicant=_applicant(rng.randrange(10**6)),
            profile=ALL_FLAGS,
        )
