from django.db import migrations

TEXT = (
    "【身后一件事】很抱歉，办件{reference}未能在{due_date}前全部办结。"
    "我们正在督促各部门，预计{expected}前办结。如有疑问请拨打12345。"
)


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="case_late",
        defaults={
            "name": "办件逾期致歉",
            "text": TEXT,
            "variables": ["reference", "due_date", "expected"],
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code="case_late").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0033_hotline_confirmation_sms")]

    operations = [migrations.RunPython(seed, unseed)]
