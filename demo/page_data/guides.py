# Each guide: title, summary, first steps, materials, next steps, FAQ; in zh and en.
# Steps are (title, text, duration); materials (name, note); FAQ (question, answer).

HOME = {
    "zh": {
        "title": "身后一件事",
        "intro": (
            "亲人离世，家属只需提交一次申请。死亡证明、火化、户口注销、养老金和丧葬补助、医保、"
            "公积金、残疾人和退役军人待遇、银行和保险等事项，由十个部门同时办理，三个工作日内办结，"
            "不用跑腿。"
        ),
        "body": (
            "<h2>四种办理方式</h2><ul>"
            "<li><b>网上办</b>：在本网站用手机号和短信验证码登录后申请。</li>"
            "<li><b>掌上办</b>：在手机应用里申请和查看进度。</li>"
            "<li><b>电话办</b>：拨打 12345，坐席帮您查询进度。</li>"
            "<li><b>代办</b>：殡葬协理员上门或在殡仪馆帮您填写，您用短信验证码确认。</li></ul>"
        ),
        "have_at_hand": [
            ("逝者的身份证号", "其他信息系统会自动带出"),
            ("您自己的手机", "用来接收验证码和办理进度短信"),
            ("收款银行账户", "领取丧葬补助金、公积金等款项时需要"),
        ],
    },
    "en": {
        "title": "After-death affairs, one application",
        "intro": (
            "When someone dies, the family applies once. The death certificate, cremation, "
            "household cancellation, pension and funeral subsidy, medical insurance, housing fund, "
            "disability and veterans' benefits, banks and insurers are handled by ten departments "
            "at the same time, within three working days, without a trip to an office."
        ),
        "body": (
            "<h2>Four ways to apply</h2><ul>"
            "<li><b>Online</b>: sign in on this website with your mobile number and an SMS code.</li>"
            "<li><b>Mobile app</b>: apply and follow progress in the app.</li>"
            "<li><b>By phone</b>: call 12345 and an agent will tell you where things stand.</li>"
            "<li><b>Assisted</b>: a funeral assistant fills in the application with you; you confirm "
            "it with an SMS code.</li></ul>"
        ),
        "have_at_hand": [
            ("The deceased's resident ID number", "the rest is filled in from the registry"),
            ("Your own mobile phone", "for the sign-in code and progress messages"),
            ("A bank account for payments", "for the funeral subsidy, housing fund and the like"),
        ],
    },
}

NEXT_STEPS_ZH = [
    (
        "各部门同时办理",
        "申请提交后，系统把事项同时发给需要办理的部门。您可以在“我的办件”里看到每一项的进度。",
        "三个工作日内",
    ),
    ("需要补材料时会通知您", "如果某个部门需要您补充材料，您会收到短信，在网上上传照片即可。", ""),
    (
        "领取电子证明",
        "死亡证明、火化证明、户口注销证明等电子证明出具后可以下载，带有电子印章，可以扫码核验。",
        "",
    ),
    ("收到办结清单", "全部办完后，您会收到一份办结清单，列出每一项的结果。", ""),
]
NEXT_STEPS_EN = [
    (
        "All departments work at the same time",
        "Once you apply, every department involved gets its part at once. “My cases” shows each one's progress.",
        "within three working days",
    ),
    (
        "We tell you if something is needed",
        "If a department needs a document from you, you get an SMS and upload a photo online.",
        "",
    ),
    (
        "Download the certificates",
        "The death, cremation and household-cancellation certificates and others carry an electronic seal and a QR code anyone can check.",
        "",
    ),
    (
        "Receive the result list",
        "When everything is done you get a list with the outcome of each matter.",
        "",
    ),
]
FAQ_ZH = [
    (
        "需要去部门窗口吗？",
        "不需要。所有事项在网上办理，证明可以下载，款项直接打到您填写的银行账户。",
    ),
    (
        "款项为什么要等其他亲属确认？",
        "丧葬补助金、公积金等款项属于遗产，按照法律，配偶、子女、父母都要同意后才能支付给其中一人。他们会收到短信，在手机上确认即可；不方便的可以走公证，费用由政府承担。",
    ),
    ("不会用手机怎么办？", "拨打 12345，或请殡仪馆的殡葬协理员帮您代办。"),
]
FAQ_EN = [
    (
        "Do I have to go to an office?",
        "No. Everything is handled online; certificates can be downloaded and payments go to the bank account you give.",
    ),
    (
        "Why must other relatives agree to payments?",
        "Funeral subsidies and fund balances belong to the estate: by law the spouse, children and parents must all agree before one of them is paid. They get an SMS and confirm on their phone; anyone who cannot goes to a notary paid for by the government.",
    ),
    (
        "What if I cannot use a smartphone?",
        "Call 12345, or ask the funeral assistant at the funeral home to apply with you.",
    ),
]

GUIDES = {
    "hospital": {
        "zh": {
            "title": "在医院去世",
            "summary": "亲人在医院去世时，医院出具死亡医学证明，家属不需要提交病历。按下面的顺序办理即可。",
            "first_steps": [
                (
                    "请医院出具死亡医学证明",
                    "告诉医生需要办理“身后一件事”，医院会把证明信息直接传给系统。",
                    "当天",
                ),
                (
                    "联系殡仪馆接运遗体",
                    "在申请中预约遗体接运，殡仪馆会打电话和您确认时间。",
                    "当天",
                ),
                (
                    "在网上提交一次申请",
                    "用手机号登录本网站，按提示填写逝者身份证号等信息。",
                    "约10分钟",
                ),
            ],
            "materials": [
                ("逝者的身份证号", "姓名、性别、出生日期系统会自动带出"),
                ("您的手机号和身份证号", "用于登录和确认身份"),
                ("收款银行账户", "有需要领取的款项时填写"),
            ],
            "next_steps": NEXT_STEPS_ZH,
            "faq": FAQ_ZH,
        },
        "en": {
            "title": "Death in hospital",
            "summary": "When someone dies in hospital, the hospital issues the medical death certificate; the family need not hand in medical records. Follow the steps below in order.",
            "first_steps": [
                (
                    "Ask the hospital for the medical death certificate",
                    "Tell the doctor you are applying through “one application”; the hospital sends the certificate to the system.",
                    "same day",
                ),
                (
                    "Book transport with the funeral home",
                    "Book it in the application; the funeral home calls you to agree a time.",
                    "same day",
                ),
                (
                    "Apply once online",
                    "Sign in with your mobile number and answer the questions, starting with the deceased's ID number.",
                    "about 10 minutes",
                ),
            ],
            "materials": [
                (
                    "The deceased's resident ID number",
                    "name, sex and birth date are filled in for you",
                ),
                ("Your mobile number and ID number", "to sign in and confirm who you are"),
                ("A bank account for payments", "if money is to be paid out"),
            ],
            "next_steps": NEXT_STEPS_EN,
            "faq": FAQ_EN,
        },
    },
    "home": {
        "zh": {
            "title": "在家中或养老机构去世",
            "summary": "亲人在家中或养老机构正常去世时，由社区卫生服务中心核实后出具死亡医学证明。",
            "first_steps": [
                (
                    "联系社区卫生服务中心",
                    "拨打社区卫生服务中心电话，医生会上门或通过视频核实。",
                    "当天",
                ),
                (
                    "在网上提交一次申请",
                    "填写逝者身份证号、去世时间和地点；在养老机构去世的，机构会补充死亡报告。",
                    "约15分钟",
                ),
                ("预约遗体接运", "在申请中预约，殡仪馆会打电话和您确认时间。", "当天"),
            ],
            "materials": [
                ("逝者的身份证号", "姓名、性别、出生日期系统会自动带出"),
                ("人口死亡申报单", "在申请中在线填写"),
                ("病历资料", "有就拍照上传，没有可以不交"),
                ("收款银行账户", "有需要领取的款项时填写"),
            ],
            "next_steps": NEXT_STEPS_ZH,
            "faq": FAQ_ZH,
        },
        "en": {
            "title": "Death at home or in a care home",
            "summary": "When someone dies a natural death at home or in a care home, the community health centre confirms the death and issues the medical death certificate.",
            "first_steps": [
                (
                    "Call the community health centre",
                    "A doctor confirms the death, in person or by video.",
                    "same day",
                ),
                (
                    "Apply once online",
                    "Give the deceased's ID number and the time and place of death; a care home adds its own death report.",
                    "about 15 minutes",
                ),
                (
                    "Book transport with the funeral home",
                    "Book it in the application; the funeral home calls you to agree a time.",
                    "same day",
                ),
            ],
            "materials": [
                (
                    "The deceased's resident ID number",
                    "name, sex and birth date are filled in for you",
                ),
                ("Death declaration form", "filled in online as part of the application"),
                ("Medical records", "upload photos if you have any; otherwise leave it"),
                ("A bank account for payments", "if money is to be paid out"),
            ],
            "next_steps": NEXT_STEPS_EN,
            "faq": FAQ_EN,
        },
    },
    "abnormal": {
        "zh": {
            "title": "非正常死亡",
            "summary": "因意外、事故等非正常原因去世的，先由公安机关调查并出具死亡证明。公安放行遗体前，殡仪服务不会确认。",
            "first_steps": [
                (
                    "报警并配合公安调查",
                    "公安到场后会告诉您后续安排。若公安认定为正常死亡，会填写《涉尸调查表》代替调查。",
                    "视调查情况而定",
                ),
                (
                    "在网上提交一次申请",
                    "填写逝者身份证号、去世时间，有案件编号的一并填写。",
                    "约10分钟",
                ),
                (
                    "等待公安出具死亡证明",
                    "证明出具后，火化、户口注销等事项会自动开始办理。",
                    "5个工作日内",
                ),
            ],
            "materials": [
                ("逝者的身份证号", "姓名、性别、出生日期系统会自动带出"),
                ("报警回执或案件编号", "有就填写"),
                ("收款银行账户", "有需要领取的款项时填写"),
            ],
            "next_steps": NEXT_STEPS_ZH,
            "faq": FAQ_ZH,
        },
        "en": {
            "title": "Unnatural death",
            "summary": "After an accident or another unnatural death, the police investigate first and issue the death certificate. No funeral service is confirmed before the police release the body.",
            "first_steps": [
                (
                    "Call the police and help their enquiry",
                    "The police tell you what happens next. If they find the death natural, their body inquiry form replaces the investigation.",
                    "depends on the enquiry",
                ),
                (
                    "Apply once online",
                    "Give the deceased's ID number, the time of death and the police case number if you have it.",
                    "about 10 minutes",
                ),
                (
                    "Wait for the police death certificate",
                    "Once it is issued, cremation, household cancellation and the rest start by themselves.",
                    "within 5 working days",
                ),
            ],
            "materials": [
                (
                    "The deceased's resident ID number",
                    "name, sex and birth date are filled in for you",
                ),
                ("Police receipt or case number", "if you have one"),
                ("A bank account for payments", "if money is to be paid out"),
            ],
            "next_steps": NEXT_STEPS_EN,
            "faq": FAQ_EN,
        },
    },
}
