from django.db import migrations

# Relatives' requests about the deceased's personal information (PIPL Art.
# 49): the officer's group, and the texts. No text names the deceased or
# holds a number; the code says what it is for and who must not be told.
TEXTS = [
    (
        "data_request_code",
        "亲属个人信息申请验证码",
        "【身后一件事】验证码{code}，只用于您本人申请查阅、复制、更正或删除逝者的个人信息，"
        "5分钟内有效。请勿告诉任何人。",
        "[After-death affairs] Code {code}: only for your own request to see, copy, correct or "
        "delete the deceased's personal information. Valid 5 minutes. Tell nobody.",
        ["code"],
    ),
    (
        "data_request_received",
        "亲属个人信息申请已受理",
        "【身后一件事】您关于逝者个人信息的申请（编号{reference}）已受理，"
        "我们将在{due}前答复您。",
        "[After-death affairs] Your request about the deceased's personal information "
        "({reference}) is received; we answer by {due}.",
        ["reference", "due"],
    ),
    (
        "data_request_answered",
        "亲属个人信息申请已答复",
        "【身后一件事】您关于逝者个人信息的申请（编号{reference}）已答复，请打开 {link} 查看。",
        "[After-death affairs] Your request about the deceased's personal information "
        "({reference}) is answered: open {link} to read it.",
        ["reference", "link"],
    ),
    (
        "data_request_refused",
        "亲属个人信息申请未能办理",
        "【身后一件事】您关于逝者个人信息的申请（编号{reference}）未能办理，"
        "原因请打开 {link} 查看，或拨打12345。",
        "[After-death affairs] Your request about the deceased's personal information "
        "({reference}) could not be granted: open {link} for why, or call 12345.",
        ["reference", "link"],
    ),
]
OFFICER = "个人信息保护负责人"


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    group, _ = Group.objects.get_or_create(name=OFFICER)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access:
        group.permissions.add(access)
    for code, name, text, text_en, variables in TEXTS:
        SmsTemplate.objects.get_or_create(
            code=code,
            defaults={"name": name, "text": text, "text_en": text_en, "variables": variables},
        )


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=OFFICER).delete()
    apps.get_model("cases", "SmsTemplate").objects.filter(
        code__in=[code for code, *_ in TEXTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0070_data_requests")]

    operations = [migrations.RunPython(forward, backward)]
