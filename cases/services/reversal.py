"""A death reported in error, undone everywhere from the case.

When the health department or the police retract their death certificate
(the person is alive, or the wrong ID number was recorded), a supervisor of
that department opens the reversal with a reason. From that moment: the
tasks still open close and their departments' systems are told to stop;
every completed stop gets a compensating task in its own department
(household registration restored, pension and allowances resumed with back
pay, insurance, licence and card restored, banks and insurers told the
notice was wrong) on a one-working-day clock; payouts already made are
listed with who received them, to be returned; every certificate is revoked
and the result list withdrawn (/verify/ says so and why); the applicant and,
when a number is given, the person concerned are texted. The reversal is
done when every compensating task is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..connectors.dispatching import dispatch_ready_tasks
from ..constants import (
    COMPENSATION_SUFFIX,
    MEDICAL_CERTIFICATE,
    POLICE_CERTIFICATE,
    CaseStatus,
    TaskStatus,
)
from ..limits import LimitUnit, TimeLimit
from ..masking import mask_bank_account, mask_name
from ..models import (
    AuditEventKind,
    Case,
    Certificate,
    DepartmentTask,
    DispatchEvent,
    Reversal,
    SealedResultList,
)
from ..notifications import notify
from ..roles import is_supervisor
from ..transitions import check_case_transition
from ..validators import validate_mobile
from ..workdays import calendar_for
from .burial import release_places
from .consent import current_declaration
from .status_history import record_created
from .tasks import close_unfinished, finish_reversal_if_done

# The departments' own deadline to undo their part (catalogue.md).
LIMIT = TimeLimit(1, LimitUnit.WORKING_DAYS)

# What undoing each matter means, in the department's words; others read
# "Undo: <matter>".
UNDO = {
    "BD01": (
        "通知各部门：推送的死亡信息有误，恢复本人身份状态",
        "Tell the departments the death data pushed was wrong; restore the person's status",
    ),
    "C01": ("更正遗体接运与殡仪服务记录", "Correct the body transport and funeral records"),
    "C02": ("更正或撤销火化证明记录", "Correct or cancel the cremation certificate record"),
    "C03": ("恢复社会救助待遇并补发停发期间待遇", "Resume social assistance with back pay"),
    "C05": ("恢复高龄津贴并补发", "Resume the old-age allowance with back pay"),
    "C06": ("撤销基本殡葬服务费用减免", "Cancel the basic funeral fee exemption"),
    "D01": ("恢复残疾人证", "Restore the disability certificate"),
    "D02": ("恢复残疾人两项补贴并补发", "Resume the disability subsidies with back pay"),
    "P02": ("恢复户口登记", "Restore the household registration"),
    "P03": ("恢复机动车驾驶证", "Restore the driving licence"),
    "R01": (
        "恢复养老金发放并补发停发月份；追回已支付的个人账户余额",
        "Resume the pension with back pay for the months stopped; recover the "
        "personal-account balance paid",
    ),
    "R02": ("追回已支付的丧葬补助金", "Recover the funeral subsidy paid"),
    "R03": (
        "撤销遗属待遇并追回已支付款项",
        "Cancel the survivors' benefit and recover what was paid",
    ),
    "R04": ("恢复社会保障卡", "Restore the social security card"),
    "M01": ("恢复基本医疗保险参保", "Restore the basic medical insurance"),
    "M02": (
        "恢复医保个人账户并追回已支取余额",
        "Restore the medical account and recover the balance paid",
    ),
    "F01": (
        "恢复住房公积金账户并追回已提取款项",
        "Restore the housing fund account and recover what was withdrawn",
    ),
    "V01": (
        "恢复优抚待遇并补发；追回丧葬补助费",
        "Resume veterans' benefits with back pay; recover the funeral grant",
    ),
    "B01": (
        "告知银行死亡通知有误，解除止付并追回已支取款项",
        "Tell the banks the death notice was wrong, lift the freeze and recover what was paid",
    ),
    "B02": ("告知保险公司死亡通知有误", "Tell the insurers the death notice was wrong"),
    "N01": ("撤销继承权公证", "Cancel the notarisation of the heirs"),
}


def open_reversal(case, *, by, reason, person_phone=""):
    """Retract the death of ``case`` and undo it everywhere; return the
    Reversal. Raises PermissionDenied for anyone but a supervisor of the
    issuing department, ValidationError for a missing reason or a bad
    number, InvalidTransition for a case withdrawn or reversed already."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the death is retracted.")]})
    if person_phone:
        try:
            validate_mobile(person_phone)
        except ValidationError as exc:
            raise ValidationError({"person_phone": exc.messages}) from None
    now = timezone.now()
    with transaction.atomic(), acting_as(by):
        case = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
        certificate_task = _death_certificate_task(case)
        if certificate_task is None or not is_supervisor(by, certificate_task.department):
            raise PermissionDenied(
                _("Only a supervisor of the department that issued the death certificate can.")
            )
        check_case_transition(case.status, CaseStatus.REVERSED)
        department = certificate_task.department
        calendar = calendar_for([LIMIT], now)
        reversal = Reversal.objects.create(
            case=case,
            department=department,
            reason=reason,
            opened_by=by if getattr(by, "is_authenticated", False) else None,
            opened_at=now,
            due_at=LIMIT.due(now, calendar),
            payouts=_payouts(case),
        )
        stopped = close_unfinished(
            case, _("The death was reported in error and retracted."), now, actor=by
        )
        release_places(case)
        undoing = _compensate(case, certificate_task, now, calendar)
        record_created(undoing, at=now, actor=by)
        record_event(
            AuditEventKind.DEATH_RETRACTED, actor=by, case=case, department=department.code
        )
        _revoke_documents(case, by, reason, now)
        case.status = CaseStatus.REVERSED
        case.paused_since, case.pause_reason = None, ""
        case.save()
        dispatch_ready_tasks([*stopped, *undoing], event=DispatchEvent.REVERSAL)
        _tell(case, reversal, person_phone)
        if not undoing:
            finish_reversal_if_done(case, now)
    return reversal


def _death_certificate_task(case):
    return (
        case.tasks.filter(matter_code__in=[MEDICAL_CERTIFICATE, POLICE_CERTIFICATE])
        .select_related("department")
        .first()
    )


def _compensate(case, certificate_task, now, calendar):
    """One compensating task per completed stop, in its own department (the
    retracted certificate itself excepted: the reversal is its undoing)."""
    done = case.tasks.filter(status=TaskStatus.COMPLETED, compensates__isnull=True).exclude(
        pk=certificate_task.pk
    )
    undoing = []
    for original in done.select_related("matter", "department"):
        name_zh, name_en = UNDO.get(
            original.matter_code,
            (f"撤销已办理的事项：{original.matter_name_zh}", f"Undo: {original.matter_name_en}"),
        )
        # Each bank undoes its own: the department that acted, not the matter's.
        task = DepartmentTask.for_matter(
            case, original.matter, original.department, status=TaskStatus.READY
        )
        task.matter_code = f"{original.matter_code}{COMPENSATION_SUFFIX}"
        task.matter_name_zh, task.matter_name_en = name_zh, name_en
        task.time_limit, task.time_limit_unit = LIMIT.amount, LIMIT.unit
        task.is_automatic = task.requires_consent = task.issues_certificate = False
        task.needs = list(original.needs)
        task.compensates = original
        task.start_clock(now, calendar)
        task.save()
        undoing.append(task)
    return undoing


def _payouts(case):
    """Money paid to the heirs, with who received it: to be returned."""
    declaration = current_declaration(case)
    payee = mask_name(declaration.payee_name) if declaration else mask_name(case.applicant.name)
    paid = case.tasks.filter(requires_consent=True, status=TaskStatus.COMPLETED).select_related(
        "department"
    )
    return [
        {
            "code": task.matter_code,
            "matter_zh": task.matter_name_zh,
            "matter_en": task.matter_name_en,
            "department_zh": task.department.name_zh,
            "department_en": task.department.name_en,
            "amount": (task.result or {}).get("amount") or "",
            "account": mask_bank_account((task.result or {}).get("account") or ""),
            "payee": payee,
        }
        for task in paid.order_by("matter_code")
    ]


def _revoke_documents(case, by, reason, now):
    """Every certificate revoked and the result list withdrawn, one row at a
    time so that each is in the audit trail."""
    why = _("Death reported in error: %(reason)s") % {"reason": reason}
    for certificate in Certificate.objects.filter(case=case, revoked_at__isnull=True):
        certificate.revoked_at, certificate.revoked_reason = now, why
        certificate.revoked_by = by if getattr(by, "is_authenticated", False) else None
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    for sealed in SealedResultList.objects.filter(case=case, superseded_at__isnull=True):
        sealed.superseded_at, sealed.superseded_reason = now, why
        sealed.save(update_fields=["superseded_at", "superseded_reason"])


def _tell(case, reversal, person_phone):
    department = (
        reversal.department.name_en
        if case.language.startswith("en")
        else reversal.department.name_zh
    )
    notify(
        "death_reversed",
        phone=case.applicant.phone,
        case=case,
        context={
            "reference": case.display_reference,
            "department": department,
            "due": reversal.due_at,
        },
        dedupe_key=f"case:{case.pk}:reversed",
    )
    if person_phone:
        notify(
            "death_retracted",
            phone=person_phone,
            case=case,
            context={"department": department, "due": reversal.due_at},
            dedupe_key=f"case:{case.pk}:reversed:person",
        )
