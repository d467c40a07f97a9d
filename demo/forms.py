"""The three scenario forms, so a new checkout can take an application."""

from django.db import transaction
from wagtail.models import Locale

from cases.constants import Scenario
from content.models import HomePage
from forms.models import ApplicationFormPage

from . import forms_en


def field(kind, label, *, key="", name="", required=True, help_text="", **options):
    value = {"label": label, "help_text": help_text, "required": required, "name": name}
    if key:
        value["domain_key"] = key
    value.update(options)
    return {"type": kind, "value": value}


def step(title, fields, explanation="", show_if=("", ""), for_staff=("", "")):
    return {
        "type": "step",
        "value": {
            "title": title,
            "explanation": explanation,
            "title_for_staff": for_staff[0],
            "explanation_for_staff": for_staff[1],
            "show_if_key": show_if[0],
            "show_if_value": show_if[1],
            "fields": fields,
        },
    }


def deceased_step(place_label, *, ask_cause=False):
    cause = [
        field(
            "text",
            "已知的死亡原因（如知道）",
            key="death.cause",
            required=False,
            help_text="例如医生告诉您的病名。不知道可以不填，社区卫生服务中心会核实。",
        )
    ]
    return step(
        "逝者信息",
        [
            field(
                "resident_id",
                "逝者的身份证号",
                key="deceased.id_number",
                help_text="18位，最后一位可能是X。填好后系统会自动带出姓名等信息。",
            ),
            field("datetime", "去世的日期和时间", key="death.datetime"),
            field("text", place_label, key="death.place", required=False),
            *(cause if ask_cause else []),
        ],
        "先告诉我们是谁去世了。",
    )


# A funeral assistant or a 12345 agent reads the applicant's step as being
# about the family member they file for, not about themselves.
APPLICANT = step(
    "您的信息",
    [
        field("text", "您的姓名", key="applicant.name", label_for_staff="申请人的姓名"),
        field(
            "mobile",
            "您的手机号",
            key="applicant.phone",
            help_text="办理进度会发短信到这个号码。",
            label_for_staff="申请人的手机号",
        ),
        field(
            "resident_id",
            "您的身份证号",
            key="applicant.id_number",
            label_for_staff="申请人的身份证号",
        ),
        field(
            "relationship",
            "您和逝者的关系",
            key="applicant.relationship",
            label_for_staff="申请人和逝者的关系",
        ),
    ],
    "您是申请人，各部门有问题会联系您。",
    for_staff=(
        "申请人（家属）的信息",
        "填写您为之代办的家属本人的信息，不是您自己的。办理进度和确认码都发到申请人的手机。",
    ),
)
# Someone the family authorised (Relationship.AGENT) shows the authorization.
AUTHORIZATION = step(
    "委托书",
    [
        field(
            "file",
            "家属签名的委托书（拍照或扫描）",
            name="authorization_letter",
            max_size_mb=10,
            document_kind="other",
            needed_by=["P02"],
            help_text="您受逝者近亲属委托办理，请上传委托书。委托书写明委托人、受托人和委托事项，由委托人签名。",
        ),
    ],
    "受委托办理需要委托人的书面委托。",
    show_if=("applicant.relationship", "agent"),
)
ACCOUNT = step(
    "收款账户和家庭情况",
    [
        field(
            "bank_account",
            "收款银行账号",
            key="applicant.bank_account",
            required=False,
            help_text="丧葬补助金、公积金等款项会打到这个账户。没有需要领取的款项可以不填。",
        ),
        field(
            "text",
            "逝者的户籍地址",
            key="deceased.household",
            required=False,
            help_text="户口本上的地址。不清楚可以不填，民政部门会查。",
        ),
        field(
            "village",
            "逝者户籍所在的村（社区）",
            key="deceased.village",
            required=False,
            help_text="用来安排您那里的殡葬协理员，一对一帮您办。不清楚可以不选。",
        ),
        field(
            "text",
            "逝者生前供养的亲属",
            key="family.supported",
            required=False,
            help_text="例如未成年子女、没有收入的配偶，用于申领遗属待遇。没有可以不填。",
        ),
    ],
)
FUNERAL = step(
    "遗体接运",
    [
        field(
            "text",
            "接运地址",
            key="funeral.pickup_address",
            help_text="殡仪馆会打电话和您确认时间。",
        ),
        field(
            "choice",
            "希望什么时候接运",
            key="funeral.pickup_time",
            choices="越快越好\n今天下午\n明天上午\n和殡仪馆电话约定",
        ),
        field(
            "text",
            "遗体接运地址备注",
            name="pickup_notes",
            required=False,
            needed_by=["C01"],
            help_text="例如楼层、有没有电梯、到了打谁的电话。没有可以不填。",
        ),
        field(
            "choice",
            "希望的告别方式",
            key="funeral.farewell",
            choices="简办，不举行告别仪式\n在殡仪馆举行告别仪式\n还没决定",
        ),
    ],
)
CONSENT = step(
    "确认和同意",
    [
        field(
            "consent",
            "同意",
            name="consent_sharing",
            consent_text="我确认以上信息真实，并同意相关部门为办理这些事项共享和使用逝者及我的信息。",
            consent_version="2026-1",
        ),
    ],
)

FORMS = {
    Scenario.HOSPITAL: (
        "网上申请（在医院去世）",
        [deceased_step("去世的医院"), APPLICANT, AUTHORIZATION, ACCOUNT, FUNERAL, CONSENT],
    ),
    Scenario.HOME: (
        "网上申请（在家中或养老机构去世）",
        [
            deceased_step("去世的地址", ask_cause=True),
            step(
                "去世的地方",
                [
                    field(
                        "choice",
                        "在哪里去世",
                        name="place_type",
                        choices="家中\n养老机构",
                        needed_by=["H01", "C01"],
                    ),
                    field(
                        "file",
                        "人口死亡申报单（社区卫生服务中心或村委会开具，有就上传）",
                        name="death_report",
                        required=False,
                        max_size_mb=10,
                        document_kind="death_report",
                    ),
                    field(
                        "file",
                        "病历资料（有就上传）",
                        name="medical_records",
                        required=False,
                        max_size_mb=10,
                        document_kind="medical_records",
                    ),
                ],
            ),
            step(
                "养老机构的死亡报告",
                [
                    field(
                        "file",
                        "养老机构出具的死亡报告",
                        name="care_home_report",
                        max_size_mb=10,
                        document_kind="care_home_report",
                    ),
                    field(
                        "text",
                        "养老机构的名称和联系电话",
                        key="care_home.contact",
                        required=False,
                        help_text="殡仪馆接运时会联系养老机构。",
                    ),
                ],
                "请拍照上传养老机构出具的死亡报告。",
                show_if=("place_type", "养老机构"),
            ),
            APPLICANT,
            AUTHORIZATION,
            ACCOUNT,
            FUNERAL,
            CONSENT,
        ],
    ),
    Scenario.ABNORMAL: (
        "网上申请（非正常死亡）",
        [
            deceased_step("去世的地点"),
            step(
                "公安是否到场",
                [
                    field(
                        "yes_no",
                        "公安是否已经到场处理？",
                        name="police_attended",
                        needed_by=["P01"],
                    )
                ],
            ),
            step(
                "公安案件信息",
                [
                    field(
                        "text",
                        "案件编号或报警回执号",
                        name="police_case_number",
                        required=False,
                        needed_by=["P01"],
                    ),
                    field(
                        "file",
                        "报警回执照片（有就上传）",
                        name="police_receipt",
                        required=False,
                        document_kind="police_receipt",
                    ),
                ],
                "有就填写，方便公安尽快出具证明。",
                show_if=("police_attended", "yes"),
            ),
            APPLICANT,
            AUTHORIZATION,
            ACCOUNT,
            FUNERAL,
            CONSENT,
        ],
    ),
}


@transaction.atomic
def seed_forms():
    """Publish the three scenario forms under the home page, and their English
    translations under the English home page; return how many were added."""
    home = HomePage.objects.filter(locale__language_code="zh-hans").first()
    if home is None:
        return 0
    added = 0
    for scenario, (title, steps) in FORMS.items():
        page = ApplicationFormPage.objects.filter(scenario=scenario, locale=home.locale).first()
        if page is None:
            page = home.add_child(
                instance=ApplicationFormPage(
                    title=title, slug=f"form-{scenario}", scenario=scenario, steps=steps, live=False
                )
            )
            page.save_revision().publish()
            added += 1
        added += _in_english(page)
    return added


def _in_english(page):
    english = Locale.objects.filter(language_code="en").first()
    if english is None or page.get_translations().filter(locale=english).exists():
        return 0
    if not page.get_parent().get_translations().filter(locale=english).exists():
        return 0  # no English home page to hold it (seed_pages makes one)
    translation = page.copy_for_translation(english)
    translation.title = forms_en.TITLES[page.scenario]
    translation.steps = forms_en.in_english(page.steps.get_prep_value())
    translation.save_revision().publish()
    return 1
