"""Each code's SMS says what the code is for; a sign-in code warns never to
tell it to anyone, staff included. Texts an administrator has reworded are
left as they are."""

from django.db import migrations

TEXTS = {
    "login_code": (
        "【身后一件事】您的验证码是{code}，5分钟内有效。请勿告诉他人。",
        "【身后一件事】登录验证码{code}，仅用于您本人登录，5分钟内有效。"
        "任何人（包括工作人员、殡葬协理员、热线）向您索要都不要告诉。",
    ),
    "assisted_confirmation": (
        "【身后一件事】殡葬协理员正在为您代办{deceased}的身后事申请，确认码{code}，"
        "5分钟内有效。确认是您本人委托后再告诉协理员。",
        "【身后一件事】殡葬协理员正在为您代办{deceased}的身后事申请，确认码{code}，"
        "只用于确认这一份申请，不能登录，5分钟内有效。确认是您本人委托后再告诉协理员。",
    ),
    "delegation_code": (
        "【身后一件事】您确认委托授权的验证码是{code}，5分钟内有效。请勿告诉他人。",
        "【身后一件事】验证码{code}，只用于您本人答复这一份继承人授权请求，5分钟内有效。"
        "请勿告诉任何人，包括申请人。",
    ),
}


def reword(apps, schema_editor, *, forward=True):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, (old, new) in TEXTS.items():
        before, after = (old, new) if forward else (new, old)
        SmsTemplate.objects.filter(code=code, text=before).update(text=after)


class Migration(migrations.Migration):
    dependencies = [("cases", "0024_purpose_codes")]

    operations = [
        migrations.RunPython(reword, lambda apps, editor: reword(apps, editor, forward=False))
    ]
