from django.db import migrations

TEXT = (
    "【身后一件事】12345热线正在为您办理{deceased}的身后事申请，确认码{code}，"
    "只用于确认这一份申请，不能登录，5分钟内有效。确认是您本人来电后再告诉热线工作人员。"
)


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="hotline_confirmation",
        defaults={"name": "电话办确认码", "text": TEXT, "variables": ["deceased", "code"]},
    )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code="hotline_confirmation").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0032_hotline_release_reason")]

    operations = [migrations.RunPython(seed, unseed)]
