from django.db import migrations

TEMPLATES = [
    ("login_code", "登录验证码", "【身后一件事】您的验证码是{code}，5分钟内有效。请勿告诉他人。", ["code"]),
    (
        "case_submitted",
        "申请已受理",
        "【身后一件事】您的申请已提交，办件编号{reference}。各部门将同时办理，"
        "预计{due_date}前办结，进度可在网上或拨打12345查询。",
        ["reference", "due_date"],
    ),
    (
        "materials_needed",
        "需要补充材料",
        "【身后一件事】办件{reference}的“{matter}”需要您补充材料，请登录查看说明。",
        ["reference", "matter"],
    ),
    (
        "certificate_issued",
        "证明已出具",
        "【身后一件事】办件{reference}的《{certificate}》已出具，可登录下载电子证明。",
        ["reference", "certificate"],
    ),
    (
        "case_completed",
        "全部办结",
        "【身后一件事】办件{reference}的所有事项已办结，请登录查看结果反馈清单。节哀顺变。",
        ["reference"],
    ),
]


def seed(apps, schema_editor):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, name, text, variables in TEMPLATES:
        SmsTemplate.objects.get_or_create(
            code=code, defaults={"name": name, "text": text, "variables": variables}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_sms")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
