"""The result feedback list (办结反馈清单): one line per matter, issued once
when the whole case is done and kept as issued."""

from django.utils import timezone

from ..constants import TaskStatus
from ..masking import mask_bank_account

# What "done" means for each matter, in words a family understands; a clerk's
# own outcome text (result["outcome_text"]) wins.
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


def outcome_phrase(task, english):
    """What a completed task did, in words for the family: the clerk's own
    text, else the matter's standard phrase."""
    custom = (task.result or {}).get("outcome_text")
    if custom:
        return custom
    chinese, in_english = DONE_PHRASES.get(task.matter_code, ("已办结", "done"))
    return in_english if english else chinese


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
            }
        )
    return lines


def issue_result_list(case, now):
    """Freeze the list on the case, unless it was issued already."""
    if case.result_list_issued_at is not None:
        return False
    case.result_list = result_lines(case.tasks.select_related("department"))
    case.result_list_issued_at = now
    return True
