"""The English of the demo forms (forms/demo.py), string by string. Choice
lines keep the Chinese value and add an English label ("家中 | At home"),
so departments read the same answer and conditions hold (forms.engine)."""

TITLES = {
    "hospital": "Apply online (death in hospital)",
    "home": "Apply online (death at home or in a care home)",
    "abnormal": "Apply online (death not from natural causes)",
}

TEXT = {
    "逝者信息": "The person who died",
    "先告诉我们是谁去世了。": "First, tell us who has died.",
    "逝者的身份证号": "ID number of the person who died",
    "18位，最后一位可能是X。填好后系统会自动带出姓名等信息。": (
        "18 characters; the last may be X. We then fill in the name and other details for you."
    ),
    "去世的日期和时间": "Date and time of death",
    "去世的医院": "Hospital where they died",
    "去世的地址": "Address where they died",
    "去世的地点": "Place where they died",
    "已知的死亡原因（如知道）": "Cause of death, if you know it",
    "例如医生告诉您的病名。不知道可以不填，社区卫生服务中心会核实。": (
        "For example the illness a doctor named. Leave it empty if you do not know: the "
        "community health centre will check."
    ),
    "您的信息": "About you",
    "您是申请人，各部门有问题会联系您。": (
        "You are the applicant: departments contact you if they have a question."
    ),
    "申请人（家属）的信息": "About the applicant (the family member)",
    "填写您为之代办的家属本人的信息，不是您自己的。办理进度和确认码都发到申请人的手机。": (
        "The details of the family member you file for, not your own. Progress texts and the "
        "confirmation code go to the applicant's phone."
    ),
    "申请人的姓名": "The applicant's name",
    "申请人的手机号": "The applicant's mobile number",
    "申请人的身份证号": "The applicant's ID number",
    "申请人和逝者的关系": "The applicant's relationship to the person who died",
    "您的姓名": "Your name",
    "您的手机号": "Your mobile number",
    "办理进度会发短信到这个号码。": "We text the progress to this number.",
    "您的身份证号": "Your ID number",
    "您和逝者的关系": "Your relationship to the person who died",
    "委托书": "Letter of authorization",
    "家属签名的委托书（拍照或扫描）": "Signed letter of authorization (photo or scan)",
    "您受逝者近亲属委托办理，请上传委托书。委托书写明委托人、受托人和委托事项，由委托人签名。": (
        "You act for the close family: upload their letter. It names who authorises, whom, "
        "for what, and is signed by the person who authorises."
    ),
    "受委托办理需要委托人的书面委托。": "Acting for the family needs their written authorization.",
    "收款账户和家庭情况": "Bank account and family",
    "收款银行账号": "Bank account for payments",
    "丧葬补助金、公积金等款项会打到这个账户。没有需要领取的款项可以不填。": (
        "The funeral grant, the provident fund and other payments go to this account. Leave it "
        "empty if nothing is to be paid."
    ),
    "逝者的户籍地址": "Registered household address of the person who died",
    "户口本上的地址。不清楚可以不填，民政部门会查。": (
        "The address in the household register. Leave it empty if unsure: civil affairs will look."
    ),
    "逝者户籍所在的村（社区）": "Village or community of the household registration",
    "用来安排您那里的殡葬协理员，一对一帮您办。不清楚可以不选。": (
        "So that the funeral assistant of that village helps you in person. Leave it if unsure."
    ),
    "逝者生前供养的亲属": "Relatives the person who died supported",
    "例如未成年子女、没有收入的配偶，用于申领遗属待遇。没有可以不填。": (
        "For example children under 18 or a spouse without income, for the survivors' benefit. "
        "Leave it empty if none."
    ),
    "遗体接运": "Collecting the body",
    "接运地址": "Where to collect the body",
    "殡仪馆会打电话和您确认时间。": "The funeral home will phone you to agree the time.",
    "希望什么时候接运": "When should the body be collected?",
    "遗体接运地址备注": "Notes for the collection",
    "例如楼层、有没有电梯、到了打谁的电话。没有可以不填。": (
        "For example the floor, whether there is a lift, whom to call on arrival. Optional."
    ),
    "希望的告别方式": "What kind of farewell would you like?",
    "确认和同意": "Confirm and agree",
    "同意": "I agree",
    "我确认以上信息真实，并同意相关部门为办理这些事项共享和使用逝者及我的信息。": (
        "I confirm the information above is true, and agree that the departments concerned "
        "share and use the information about the person who died and about me to handle "
        "these matters."
    ),
    "去世的地方": "Where they died",
    "在哪里去世": "Where did they die?",
    "人口死亡申报单（社区卫生服务中心或村委会开具，有就上传）": (
        "Death report form (from the community health centre or village committee), if you have it"
    ),
    "病历资料（有就上传）": "Medical records, if you have them",
    "养老机构的死亡报告": "The care home's death report",
    "养老机构出具的死亡报告": "Death report issued by the care home",
    "养老机构的名称和联系电话": "Name and phone number of the care home",
    "殡仪馆接运时会联系养老机构。": "The funeral home contacts the care home to collect the body.",
    "请拍照上传养老机构出具的死亡报告。": "Please upload a photo of the care home's death report.",
    "公安是否到场": "Did the police attend?",
    "公安是否已经到场处理？": "Have the police already attended?",
    "公安案件信息": "Police case",
    "案件编号或报警回执号": "Case number or police receipt number",
    "报警回执照片（有就上传）": "Photo of the police receipt, if you have it",
    "有就填写，方便公安尽快出具证明。": (
        "If you have it: it helps the police issue the certificate sooner."
    ),
}

CHOICES = {
    "越快越好": "As soon as possible",
    "今天下午": "This afternoon",
    "明天上午": "Tomorrow morning",
    "和殡仪馆电话约定": "Agree by phone with the funeral home",
    "简办，不举行告别仪式": "Simple, no farewell ceremony",
    "在殡仪馆举行告别仪式": "A farewell ceremony at the funeral home",
    "还没决定": "Not decided yet",
    "家中": "At home",
    "养老机构": "In a care home",
}

TRANSLATED = (
    "title",
    "explanation",
    "title_for_staff",
    "explanation_for_staff",
    "label",
    "label_for_staff",
    "help_text",
    "consent_text",
)


def in_english(steps):
    """The stream data of a Chinese form, in English (same keys and names)."""
    english = []
    for item in steps:
        value = dict(item["value"])
        for name in TRANSLATED:
            if value.get(name):
                value[name] = TEXT.get(value[name], value[name])
        value["fields"] = [
            {**field, "value": _field(field["value"])} for field in value.get("fields", [])
        ]
        english.append({**item, "value": value})
    return english


def _field(value):
    value = dict(value)
    for name in TRANSLATED:
        if value.get(name):
            value[name] = TEXT.get(value[name], value[name])
    if value.get("choices"):
        value["choices"] = "\n".join(
            f"{line} | {CHOICES.get(line, line)}" for line in value["choices"].splitlines()
        )
    return value
