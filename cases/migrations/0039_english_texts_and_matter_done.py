"""Every text in English too, and the texts at each step of a case: a matter
done (with what it means), the funeral booking confirmed."""

from django.db import migrations

ENGLISH = {
    "assisted_confirmation": (
        "[After-death affairs] A funeral assistant is applying for you for {deceased}. "
        "Code {code}: only to confirm this application, not to sign in, valid 5 minutes. "
        "Tell the assistant only if you asked them to."
    ),
    "case_already_open": (
        "[After-death affairs] Someone applied again for the person of your case {reference}. "
        "Each death is one case; theirs was not taken. If they are family, add them to the "
        "heirs on your case page; questions: 12345."
    ),
    "case_completed": (
        "[After-death affairs] Every matter of case {reference} is done. Sign in to see the "
        "result list. Our condolences."
    ),
    "case_late": (
        "[After-death affairs] We are sorry: case {reference} was not finished by {due_date}. "
        "We are pressing the departments; expected by {expected}. Questions: 12345."
    ),
    "case_submitted": (
        "[After-death affairs] Your application is in, case {reference}. The departments work "
        "on it at the same time; expected done by {due_date}. Follow it online or call 12345."
    ),
    "case_withdrawn": (
        "[After-death affairs] Case {reference} was withdrawn; the departments stopped. You can "
        "apply again any time online or through 12345."
    ),
    "certificate_issued": (
        "[After-death affairs] The {certificate} of case {reference} is issued; sign in to "
        "download it."
    ),
    "delegation_code": (
        "[After-death affairs] Code {code}: only for you to answer this heirs' authorization "
        "request, valid 5 minutes. Tell no one, not even the applicant."
    ),
    "delegation_reminder": (
        "[After-death affairs] Reminder: the authorization for {deceased} expires {expires}. "
        "Open {link} to agree or refuse; after that it goes through a notary."
    ),
    "delegation_request": (
        "[After-death affairs] {applicant} is settling the affairs of {deceased}; receiving "
        "{matters} needs your authorization as an heir. Open {link} by {expires} to agree or "
        "refuse. Questions: 12345."
    ),
    "delegations_voided": (
        "[After-death affairs] The heirs or the account of case {reference} changed; the {count} "
        "authorizations given no longer count and each heir was asked again."
    ),
    "hotline_confirmation": (
        "[After-death affairs] The 12345 hotline is applying for you for {deceased}. Code "
        "{code}: only to confirm this application, not to sign in, valid 5 minutes. Tell the "
        "agent only if you called them."
    ),
    "login_code": (
        "[After-death affairs] Sign-in code {code}, only for you, valid 5 minutes. Never give "
        "it to anyone who asks, staff, assistants or the hotline included."
    ),
    "materials_needed": (
        "[After-death affairs] \"{matter}\" of case {reference} needs something from you; "
        "sign in to read what."
    ),
    "notary_appointment": (
        "[After-death affairs] An heir of case {reference} could not confirm online: a notary "
        "appointment paid by the government is booked, {time}, {place}. Go with the heirs who "
        "have not confirmed, with ID."
    ),
    "task_rejected": (
        "[After-death affairs] \"{matter}\" of case {reference} could not be done: {reason}. "
        "Send a document or an explanation on the case page and the department will look "
        "again; questions: 12345."
    ),
}

NEW = [
    (
        "matter_done",
        "事项已办结",
        "【身后一件事】办件{reference}：“{matter}”已办结，{outcome}。进度可登录或拨打12345查询。",
        (
            "[After-death affairs] Case {reference}: \"{matter}\" is done: {outcome}. Follow "
            "the rest online or through 12345."
        ),
        ["reference", "matter", "outcome"],
    ),
    (
        "funeral_booked",
        "遗体接运和殡仪服务已预约",
        "【身后一件事】办件{reference}：遗体接运和殡仪服务已预约，{outcome}。殡仪馆电话{phone}。",
        (
            "[After-death affairs] Case {reference}: body transport and the funeral service "
            "are booked: {outcome}. Funeral home: {phone}."
        ),
        ["reference", "outcome", "phone"],
    ),
]


def seed(apps, schema_editor):
    SmsTemplate = apps.get_model("cases", "SmsTemplate")
    for code, text in ENGLISH.items():
        SmsTemplate.objects.filter(code=code, text_en="").update(text_en=text)
    for code, name, text, text_en, variables in NEW:
        SmsTemplate.objects.get_or_create(
            code=code,
            defaults={"name": name, "text": text, "text_en": text_en, "variables": variables},
        )


def unseed(apps, schema_editor):
    apps.get_model("cases", "SmsTemplate").objects.filter(
        code__in=[code for code, *_rest in NEW]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0038_family_language_texts")]

    operations = [migrations.RunPython(seed, unseed)]
