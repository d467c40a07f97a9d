from django.db import migrations


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="assisted_confirmation",
        defaults={
            "name": "代办确认码",
            "text": (
                "【身后一件事】殡葬协理员正在为您代办{deceased}的身后事申请，确认码{code}，"
                "5分钟内有效。确认是您本人委托后再告诉协理员。"
            ),
            "variables": ["deceased", "code"],
        },
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_task_family_reply")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
