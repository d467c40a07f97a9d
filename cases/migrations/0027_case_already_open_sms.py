from django.db import migrations

TEXT = (
    "【身后一件事】有人为您办件{reference}中的同一位逝者再次提交申请。每位逝者只办一件事，"
    "对方的申请未受理。如对方是家人，您可在办件页面的继承人名单中添加；如有疑问请拨打12345。"
)


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="case_already_open",
        defaults={"name": "重复申请提醒", "text": TEXT, "variables": ["reference"]},
    )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code="case_already_open").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0026_one_open_case_per_deceased")]

    operations = [migrations.RunPython(seed, unseed)]
