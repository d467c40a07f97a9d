from django.db import migrations

TEXT = (
    "【身后一件事】办件{reference}已撤回，各部门已停止办理。"
    "如需重新申请，可随时在网上办理或拨打12345。"
)


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="case_withdrawn",
        defaults={"name": "办件已撤回", "text": TEXT, "variables": ["reference"]},
    )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code="case_withdrawn").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0029_task_rejected_sms")]

    operations = [migrations.RunPython(seed, unseed)]
