"""The heirs' texts say plainly who asks, for whom, on which platform, and
where to check: an elderly heir must be able to tell them from a scam."""

from django.db import migrations

SEEDED = {
    "delegation_request": (
        "【身后一件事】{applicant}在为{deceased}办理身后事，领取{matters}需要您作为继承人确认授权。"
        "请在{expires}前打开 {link} 确认或拒绝。如有疑问请拨打12345。"
    ),
    "delegation_reminder": (
        "【身后一件事】提醒：为{deceased}办理身后事所需的授权将于{expires}过期，请打开 {link} "
        "确认或拒绝。过期后需到公证处办理。"
    ),
}
NEW = {
    "delegation_request": (
        "【身后一件事】{applicant}正在政府“身后一件事”平台为{deceased}办理身后事，领取{matters}"
        "需要您作为继承人确认授权。请在{expires}前打开政府平台链接 {link} 确认或拒绝，"
        "不会向您收取任何费用。不放心可拨打12345核实。"
    ),
    "delegation_reminder": (
        "【身后一件事】提醒：政府“身后一件事”平台上为{deceased}办理身后事所需的授权将于{expires}"
        "过期，请打开 {link} 确认或拒绝，过期后需到公证处办理。不放心可拨打12345核实。"
    ),
}
NEW_EN = {
    "delegation_request": (
        "[After-death affairs] {applicant} is settling the affairs of {deceased} on the "
        "government's After-death affairs platform; receiving {matters} needs your authorization "
        "as an heir. Open the platform's link {link} by {expires} to agree or refuse; nothing is "
        "charged. In doubt, call 12345 to check."
    ),
    "delegation_reminder": (
        "[After-death affairs] Reminder: the authorization for {deceased} on the government's "
        "After-death affairs platform expires {expires}. Open {link} to agree or refuse; after "
        "that it goes through a notary. In doubt, call 12345."
    ),
}


def reword(apps, schema_editor):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, text in NEW.items():
        # Only where an administrator has not reworded it already.
        SmsTemplate.objects.filter(code=code, text=SEEDED[code]).update(text=text)
        SmsTemplate.objects.filter(code=code).update(text_en=NEW_EN[code])


class Migration(migrations.Migration):
    dependencies = [("cases", "0040_body_release")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
