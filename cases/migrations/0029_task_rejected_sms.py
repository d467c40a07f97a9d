from django.db import migrations

TEXT = (
    "【身后一件事】您办件{reference}中的“{matter}”未能办理，原因：{reason}。"
    "您可以在办件页面发送材料或说明，部门会重新办理；如有疑问请拨打12345。"
)


def seed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.get_or_create(
        code="task_rejected",
        defaults={"name": "事项未能办理", "text": TEXT, "variables": ["reference", "matter", "reason"]},
    )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code="task_rejected").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0028_holiday_notices")]

    operations = [migrations.RunPython(seed, unseed)]
