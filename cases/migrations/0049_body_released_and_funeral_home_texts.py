# A text when the police release the body, and the funeral booking's text for
# a funeral home whose phone is not entered (it no longer calls 12345 the
# funeral home's number).

from django.db import migrations

TEXTS = {
    "body_released": (
        "公安机关同意接运遗体",
        "【身后一件事】办件{reference}：公安机关已同意接运遗体，殡仪服务可以预约了，"
        "殡仪馆会与您联系接运时间。如有疑问请拨打12345。",
        "[After-death affairs] Case {reference}: the police have released the body; the "
        "funeral service can now be booked and the funeral home will call you about the "
        "pickup. Questions: 12345.",
        ["reference"],
    ),
    "funeral_booked_call": (
        "遗体接运和殡仪服务已预约（殡仪馆来电）",
        "【身后一件事】办件{reference}：遗体接运和殡仪服务已预约，{outcome}。殡仪馆会打电话"
        "与您确认；如有疑问请拨打12345。",
        "[After-death affairs] Case {reference}: body transport and the funeral service are "
        "booked: {outcome}. The funeral home will call you to confirm; questions: 12345.",
        ["reference", "outcome"],
    ),
}


def seed_texts(apps, schema_editor):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, (name, text, text_en, variables) in TEXTS.items():
        SmsTemplate.objects.get_or_create(
            code=code,
            defaults={"name": name, "text": text, "text_en": text_en, "variables": variables},
        )


def unseed_texts(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(code__in=TEXTS).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0048_reversals")]

    operations = [migrations.RunPython(seed_texts, unseed_texts)]
