"""The 10 departments and 22 matters of ../shared/catalogue.md.

The data is written out here, not imported, so this migration gives the same
catalogue whatever later code or admin edits say. Running it again changes
nothing that exists already (editors' changes win).
"""

from django.db import migrations

DEPARTMENTS = [
    ("civil_affairs", "民政局", "Civil Affairs Bureau"),
    ("health", "卫生健康委员会", "Health Commission"),
    ("public_security", "公安局", "Public Security Bureau"),
    ("hrss", "人力资源和社会保障局", "Human Resources and Social Security Bureau"),
    ("medical_insurance", "医疗保障局", "Healthcare Security Administration"),
    ("disabled_federation", "残疾人联合会", "Disabled Persons' Federation"),
    ("housing_fund", "住房公积金管理中心", "Housing Provident Fund Centre"),
    ("big_data", "大数据发展管理局", "Big Data Bureau"),
    ("veterans", "退役军人事务局", "Veterans Affairs Bureau"),
    ("finance", "金融机构与保险公司", "Banks and insurers"),
]

EITHER_CERTIFICATE = ["H01", "P01"]

# code, department, 事项, matter, scenarios, flag, after, days, consent, certificate (zh, en)
MATTERS = [
    ("BD01", "big_data", "逝者身份核验与信息共享推送",
     "Identity check and data push to departments", [], "", [], 0, False, None),
    ("H01", "health", "出具居民死亡医学证明(推断)书", "Medical death certificate",
     ["hospital", "home"], "", ["BD01"], 1, False,
     ("居民死亡医学证明(推断)书", "Medical certificate of death")),
    ("P01", "public_security", "出具死亡证明(非正常死亡)", "Police death certificate (unnatural death)",
     ["abnormal"], "", ["BD01"], 5, False,
     ("死亡证明(非正常死亡)", "Police certificate of death")),
    ("P02", "public_security", "死亡户口注销", "Household registration cancellation",
     [], "", EITHER_CERTIFICATE, 2, False,
     ("户口注销证明", "Certificate of household registration cancellation")),
    ("P03", "public_security", "机动车驾驶证注销", "Driving licence cancellation",
     [], "driving_licence", EITHER_CERTIFICATE, 1, False, None),
    ("C01", "civil_affairs", "遗体接运与殡仪服务预约", "Body transport and funeral service booking",
     [], "", ["BD01"], 1, False,
     ("遗体接运与殡仪服务确认书", "Confirmation of body transport and funeral services")),
    ("C02", "civil_affairs", "火化证明开具", "Cremation certificate",
     [], "", ["H01", "P01", "C01"], 1, False, ("火化证明", "Cremation certificate")),
    ("C03", "civil_affairs", "社会救助待遇终止(低保、特困供养)", "End of social assistance",
     [], "social_assistance", EITHER_CERTIFICATE, 2, False, None),
    ("C05", "civil_affairs", "高龄津贴终止", "End of old-age allowance",
     [], "elderly_allowance", EITHER_CERTIFICATE, 2, False, None),
    ("C06", "civil_affairs", "基本殡葬服务费用减免", "Basic funeral fee exemption",
     [], "local_hukou", ["C02"], 1, False,
     ("基本殡葬服务费用减免证明", "Certificate of basic funeral fee exemption")),
    ("D01", "disabled_federation", "残疾人证注销", "Disability certificate cancellation",
     [], "disability_certificate", EITHER_CERTIFICATE, 2, False, None),
    ("D02", "disabled_federation", "残疾人两项补贴终止", "End of disability living and care subsidies",
     [], "disability_subsidies", EITHER_CERTIFICATE, 2, False, None),
    ("R01", "hrss", "养老保险待遇停发及个人账户余额支付", "Pension stop and personal-account balance",
     [], "pension", EITHER_CERTIFICATE, 3, True, None),
    ("R02", "hrss", "丧葬补助金申领", "Funeral subsidy",
     [], "pension", ["C02"], 3, True, None),
    ("R03", "hrss", "遗属待遇(抚恤金)申领", "Survivors' benefit",
     [], "employee_insured", ["R01"], 5, False, None),
    ("R04", "hrss", "社会保障卡注销", "Social security card cancellation",
     [], "social_security_card", ["P02"], 1, False, None),
    ("M01", "medical_insurance", "基本医疗保险参保终止", "End of medical insurance",
     [], "medical_insured", EITHER_CERTIFICATE, 2, False, None),
    ("M02", "medical_insurance", "医保个人账户余额继承支取", "Medical personal-account balance to heirs",
     [], "medical_insured", ["M01"], 3, True, None),
    ("F01", "housing_fund", "住房公积金提取(死亡)及销户", "Housing provident fund withdrawal and closure",
     [], "housing_fund", ["P02"], 3, True, None),
    ("V01", "veterans", "优抚对象抚恤停发及丧葬补助费", "Veterans' benefit stop and funeral grant",
     [], "veteran_benefits", EITHER_CERTIFICATE, 3, False, None),
    ("B01", "finance", "已故存款人存款查询及小额提取",
     "Deposit search and small-sum withdrawal (up to ¥50,000 without a notary)",
     [], "bank_accounts", ["P02"], 3, True, None),
    ("B02", "finance", "商业保险理赔告知", "Notice to commercial insurers",
     [], "commercial_insurance", EITHER_CERTIFICATE, 3, False, None),
]


def seed(apps, schema_editor):
    Department = apps.get_model("cases", "Department")
    Matter = apps.get_model("cases", "Matter")
    departments = {}
    for order, (code, name_zh, name_en) in enumerate(DEPARTMENTS):
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "sort_order": order}
        )
    matters, created = {}, set()
    for order, row in enumerate(MATTERS):
        code, dept, name_zh, name_en, scenarios, flag, _after, days, consent, cert = row
        matters[code], was_created = Matter.objects.get_or_create(
            code=code,
            defaults={
                "department": departments[dept],
                "name_zh": name_zh,
                "name_en": name_en,
                "scenarios": scenarios,
                "required_flag": flag,
                "time_limit_days": days,
                "is_automatic": code == "BD01",
                "requires_consent": consent,
                "issues_certificate": cert is not None,
                "certificate_name_zh": cert[0] if cert else "",
                "certificate_name_en": cert[1] if cert else "",
                "sort_order": order,
            },
        )
        if was_created:
            created.add(code)
    for code, *_columns, after, _days, _consent, _cert in MATTERS:
        if code in created:
            matters[code].depends_on.set([matters[dependency] for dependency in after])


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
