"""The notary office (公证处) and its one matter, for heirs who cannot or do
not consent online; and the texts the delegations send.

The notary matter is inactive: submission never plans it. The delegation
service opens it for a case when a consent is missing.
"""

from django.db import migrations

NOTARY = ("notary", "公证处", "Notary office")
NOTARY_MATTER = (
    "N01",
    "继承人委托授权公证（政府购买服务）",
    "Notarisation of the heirs' authorization (paid by the government)",
    5,
)

TEMPLATES = [
    (
        "delegation_request",
        "继承人委托授权请求",
        "【身后一件事】{applicant}在为{deceased}办理身后事，领取{matters}需要您作为继承人确认授权。"
        "请在{expires}前打开 {link} 确认或拒绝。如有疑问请拨打12345。",
        ["applicant", "deceased", "matters", "expires", "link"],
    ),
    (
        "delegation_code",
        "委托授权验证码",
        "【身后一件事】您确认委托授权的验证码是{code}，5分钟内有效。请勿告诉他人。",
        ["code"],
    ),
    (
        "delegation_reminder",
        "委托授权到期提醒",
        "【身后一件事】提醒：为{deceased}办理身后事所需的授权将于{expires}过期，"
        "请打开 {link} 确认或拒绝。过期后需到公证处办理。",
        ["deceased", "expires", "link"],
    ),
    (
        "delegations_voided",
        "委托授权失效通知",
        "【身后一件事】办件{reference}的继承人名单或收款账户已修改，之前已确认的{count}份授权失效，"
        "已重新请各继承人确认。",
        ["reference", "count"],
    ),
    (
        "notary_appointment",
        "公证预约通知",
        "【身后一件事】办件{reference}有继承人未能在网上确认授权，已为您预约政府购买的公证服务："
        "{time}，{place}。请与未确认的继承人带身份证件前往，费用由政府支付。",
        ["reference", "time", "place"],
    ),
]


def seed(apps, schema_editor):
    Department = apps.get_model("cases", "Department")
    Matter = apps.get_model("cases", "Matter")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    SmsTemplate = apps.get_model("cases", "SmsTemplate")

    code, name_zh, name_en = NOTARY
    department, _ = Department.objects.get_or_create(
        code=code, defaults={"name_zh": name_zh, "name_en": name_en, "sort_order": 100}
    )
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for attribute, suffix in (("clerk_group", "办事员"), ("supervisor_group", "主管")):
        if getattr(department, f"{attribute}_id") is None:
            group, _ = Group.objects.get_or_create(name=f"{department.name_zh} · {suffix}")
            if access_admin is not None:
                group.permissions.add(access_admin)
            setattr(department, attribute, group)
    department.save()

    matter_code, matter_zh, matter_en, days = NOTARY_MATTER
    Matter.objects.get_or_create(
        code=matter_code,
        defaults={
            "department": department,
            "name_zh": matter_zh,
            "name_en": matter_en,
            "time_limit_days": days,
            "is_active": False,
            "sort_order": 100,
        },
    )
    for template_code, name, text, variables in TEMPLATES:
        SmsTemplate.objects.get_or_create(
            code=template_code, defaults={"name": name, "text": text, "variables": variables}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_delegations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
