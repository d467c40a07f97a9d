"""The result feedback list (办结反馈清单): one line per matter, issued when
the whole case is done and kept as issued — issued again when a matter found
later (补办) is done."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..constants import (
    COMPENSATION_SUFFIX,
    MEDICAL_CERTIFICATE,
    POLICE_CERTIFICATE,
    TaskStatus,
)
from ..masking import mask_bank_account
from .bank_answers import check_answer, outcome_words
from .benefits import check_stop
from .consent import notarised

# What "done" means for each matter, in words a family understands; a clerk's
# own text (result["outcome_text"], and result["outcome_text_en"] for a family
# that applied in English) wins.
DONE_PHRASES = {
    "BD01": ("身份已核验，信息已推送各部门", "identity confirmed and shared with the departments"),
    "H01": ("死亡医学证明已出具", "medical death certificate issued"),
    "P01": ("死亡证明已出具", "police death certificate issued"),
    "P02": ("户口已注销", "household registration cancelled"),
    "P03": ("驾驶证已注销", "driving licence cancelled"),
    "C01": ("遗体接运和殡仪服务已预约", "body transport and funeral service booked"),
    "C02": ("火化证明已出具", "cremation certificate issued"),
    "C03": ("社会救助待遇已停发", "social assistance stopped"),
    "C05": ("高龄津贴已停发", "old-age allowance stopped"),
    "C06": ("基本殡葬服务费用已减免", "basic funeral fees waived"),
    "C07": ("生态安葬（骨灰安放）已确认", "ecological burial (or niche) confirmed"),
    "D01": ("残疾人证已注销", "disability certificate cancelled"),
    "D02": ("残疾人两项补贴已停发", "disability subsidies stopped"),
    "R01": ("养老金已停发，个人账户余额已支付", "pension stopped, personal-account balance paid"),
    "R02": ("丧葬补助金已支付", "funeral subsidy paid"),
    "R03": ("遗属待遇已核定", "survivors' benefit granted"),
    "R04": ("社会保障卡已注销", "social security card cancelled"),
    "M01": ("医疗保险参保已终止", "medical insurance ended"),
    "M02": ("医保个人账户余额已支付", "medical personal-account balance paid"),
    "F01": ("住房公积金余额已提取，账户已注销", "housing fund balance withdrawn, account closed"),
    "V01": ("抚恤已停发，丧葬补助费已支付", "veterans' benefit stopped, funeral grant paid"),
    "B01": ("存款已查询并办理提取", "deposits found and withdrawn"),
    "B02": ("已通知相关保险公司", "insurers notified"),
}


def standard_phrase(matter_code, english):
    if matter_code.endswith(COMPENSATION_SUFFIX):
        chinese, in_english = ("已撤销或恢复（死亡信息有误）", "undone (death reported in error)")
        return in_english if english else chinese
    chinese, in_english = DONE_PHRASES.get(matter_code, ("已办结", "done"))
    return in_english if english else chinese


def outcome_phrase(task, english):
    """What a completed task did, in words for the family: the clerk's own
    text in that language, else the matter's standard phrase (never the
    Chinese text to a family that reads English)."""
    custom = (task.result or {}).get("outcome_text_en" if english else "outcome_text")
    return custom or standard_phrase(task.matter_code, english)


def pays_money(task):
    """Whether the task's result is a payment: its department needs the
    payee's account (the matter's data contract), so its result says how
    much was paid, and to which account."""
    return "payee.account" in (task.needs or ())


def family_reads_english(case):
    return (case.language or "").startswith("en")


# An ICD-10 code as the national death certificate writes it: I21.9, C34.
ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")
CAUSE_LINES = 4  # 甲 乙 丙 丁: the direct cause, then what led to it


def structured_result(
    task,
    *,
    outcome_text="",
    outcome_text_en="",
    date=None,
    amount=None,
    account="",
    cause_chain=(),
    institution="",
    doctor="",
    paid_through=None,
    monthly=None,
    found=None,
    balances=None,
):
    """The result a clerk records for ``task``: what was done (in the
    family's language too), when, and the payment where the matter pays one.

    A clerk's own words replace the standard phrase; a family that applied
    in English must then read them in English as well."""
    outcome_text, outcome_text_en = outcome_text.strip(), outcome_text_en.strip()
    english = family_reads_english(task.case)
    errors = {}
    if english and outcome_text and not outcome_text_en:
        if outcome_text != standard_phrase(task.matter_code, english=False):
            errors["outcome_text_en"] = _(
                "This family applied in English: say what was done in English too."
            )
    if date and date > timezone.localdate():
        # The result list is printed with it: a date to come reads as a
        # promise the department did not make.
        errors["date"] = _("The date something was done cannot be in the future.")
    if not pays_money(task) and (amount is not None or account):
        errors["amount"] = _("This matter pays nothing: leave the amount and the account empty.")
    if amount is not None and amount < 0:
        errors["amount"] = _("An amount paid cannot be negative.")
    if amount and not account.strip():
        errors["account"] = _("Say which account the money was paid to.")
    chain = [
        {"cause": cause.strip(), "icd10": icd10.strip().upper()}
        for cause, icd10 in cause_chain
        if cause.strip() or icd10.strip()
    ]
    if (chain or institution.strip() or doctor.strip()) and not issues_death_certificate(task):
        errors["cause_1"] = _("Only the death certificate records the cause chain and the doctor.")
    for number, line in enumerate(chain, 1):
        if not line["cause"]:
            errors[f"cause_{number}"] = _("Write the cause this ICD-10 code stands for.")
        elif line["icd10"] and not ICD10.match(line["icd10"]):
            errors[f"icd10_{number}"] = _(
                "An ICD-10 code is a letter and two digits, maybe a point and more: I21.9, C34."
            )
    if len(chain) > CAUSE_LINES:
        errors["cause_1"] = _("The certificate has four lines of causes.")
    try:
        stopped = check_stop(task, paid_through, monthly)
    except ValidationError as refused:
        errors.update(refused.message_dict)
    try:
        bank = check_answer(
            task,
            found=found,
            balances=balances,
            amount=amount,
            notarised=found is True and notarised(task.case),
        )
    except ValidationError as refused:
        errors.update(refused.message_dict)
    if errors:
        raise ValidationError(errors)
    result = {"outcome": "done"}
    if chain:
        result["cause_chain"] = chain
    if institution.strip():
        result["institution"] = institution.strip()
    if doctor.strip():
        result["doctor"] = doctor.strip()
    if outcome_text:
        result["outcome_text"] = outcome_text
    if english and outcome_text_en:
        result["outcome_text_en"] = outcome_text_en
    if date:
        result["date"] = date.isoformat()
    if amount is not None:
        result["amount"] = f"{amount:.2f}"
    if account.strip():
        result["account"] = account.strip()
    if stopped is not None:
        result["benefit"] = stopped.as_result()
    if bank is not None:
        result["bank"] = bank
        # The bank's own answer, unless the clerk wrote something else.
        if result.get("outcome_text", standard_phrase(task.matter_code, False)) == standard_phrase(
            task.matter_code, False
        ):
            result["outcome_text"] = outcome_words(bank, english=False)
            result["outcome_text_en"] = outcome_words(bank, english=True)
    return result


def issues_death_certificate(task):
    """The medical (H01) or police (P01) certificate of death."""
    return task.matter_code in (MEDICAL_CERTIFICATE, POLICE_CERTIFICATE)


def result_lines(tasks):
    """The lines of the list for these tasks, as plain data (no full account
    numbers: the list is shown, printed and kept)."""
    lines = []
    for task in sorted(tasks, key=lambda t: t.matter_code):
        result = task.result or {}
        lines.append(
            {
                "code": task.matter_code,
                "matter_zh": task.matter_name_zh,
                "matter_en": task.matter_name_en,
                "department_zh": task.department.name_zh,
                "department_en": task.department.name_en,
                "done": task.status == TaskStatus.COMPLETED,
                "date": (
                    result.get("date")
                    # The family's day (Beijing), not UTC's: a task done at
                    # 05:56 was done that day, not the one before.
                    or (
                        timezone.localdate(task.completed_at).isoformat()
                        if task.completed_at
                        else ""
                    )
                ),
                "outcome_zh": outcome_phrase(task, english=False),
                "outcome_en": outcome_phrase(task, english=True),
                "amount": result.get("amount") or "",
                "account": mask_bank_account(result["account"]) if result.get("account") else "",
                "reason": task.reason if task.status == TaskStatus.NOT_APPLICABLE else "",
                # A benefit's stop: from when, and what was paid too much or is owed.
                "stopped_from": result.get("benefit", {}).get("stopped_from", ""),
                "overpaid": _nonzero(result.get("benefit", {}).get("overpaid")),
                "owed": _nonzero(result.get("benefit", {}).get("owed")),
                # A payment less an overpaid benefit the payee let the department deduct.
                "offset": _nonzero(result.get("offset")),
                # A deduction a corrected stop made too large, paid back.
                "given_back": _nonzero(result.get("given_back")),
            }
        )
    return lines


def total_received(result_list):
    """What the family received, all payments of the list together."""
    return sum((Decimal(line["amount"]) for line in result_list if line.get("amount")), Decimal(0))


def _nonzero(amount):
    return amount if amount and Decimal(amount) else ""


def issue_result_list(case, now):
    """Freeze the list on the case, unless it was issued already for this
    completion (a matter found later reopens it: the list is issued again)."""
    issued = case.result_list_issued_at
    if issued is not None and (case.reopened_at is None or case.reopened_at < issued):
        return False
    case.result_list = result_lines(case.tasks.select_related("department"))
    case.result_list_issued_at = now
    return True


def shown_lines(result_list, english):
    """The issued lines as the family reads them: matter, department and one
    sentence, in English or Chinese."""
    return [
        {
            "matter": (line["matter_en"] or line["matter_zh"]) if english else line["matter_zh"],
            "department": line["department_en"] if english else line["department_zh"],
            "done": line["done"],
            "text": _sentence(line, english),
        }
        for line in result_list
    ]


def lines_added_since(case, english):
    """The matters found later (补办) that the issued list does not hold yet:
    shown under it as under way until the list is issued again."""
    if case.result_list_issued_at is None:
        return []
    listed = {line["code"] for line in case.result_list}
    return [
        {
            "matter": (task.matter_name_en or task.matter_name_zh)
            if english
            else task.matter_name_zh,
            "department": task.department.name_en if english else task.department.name_zh,
            "done": False,
            "added": True,
            "text": _("Added on %(date)s; in progress") % {"date": _day(task.created_at)},
        }
        for task in case.tasks.filter(found_later=True)
        .exclude(matter_code__in=listed)
        .select_related("department")
        .order_by("matter_code")
    ]


def _day(moment):
    return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


def _sentence(line, english):
    if not line["done"]:
        reason = f" ({line['reason']})" if line["reason"] else ""
        return _("Not applicable") + reason
    text = line["outcome_en"] if english else line["outcome_zh"]
    if line["date"]:
        text = _("%(outcome)s on %(date)s") % {"outcome": text, "date": line["date"]}
    if line["amount"]:
        text += _("; ¥%(amount)s paid to account %(account)s") % {
            "amount": line["amount"],
            "account": line["account"] or "—",
        }
    if line.get("offset"):
        text += _(" (¥%(offset)s overpaid benefit deducted, as you agreed)") % {
            "offset": line["offset"]
        }
    if line.get("given_back"):
        text += _(" (¥%(amount)s deducted too much and given back after a correction)") % {
            "amount": line["given_back"]
        }
    if line.get("stopped_from"):
        text += _("; stopped from %(date)s") % {"date": line["stopped_from"]}
    if line.get("overpaid"):
        text += _("; ¥%(amount)s was paid for months after the death") % {
            "amount": line["overpaid"]
        }
    if line.get("owed"):
        text += _("; ¥%(amount)s still due for the months up to the death") % {
            "amount": line["owed"]
        }
    return text
