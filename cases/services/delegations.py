"""The heir's side of a delegated authorization (亲属间委托授权).

An heir opens the personal link from their SMS, proves who they are with the
last six characters of their ID number and a code sent to their phone for
that request only (:func:`verify_heir`), reads what they authorize, and
confirms or declines (:func:`answer_delegation`). The link then is used up. A confirmation can be
withdrawn until the money is paid (:func:`revoke_delegation`), and becomes a
signed PDF authorization (委托书) the paying departments can download.
"""

import hashlib
import hmac

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import queue
from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import RESOLVED_TASK_STATUSES, CaseStatus, TaskStatus
from ..fields import hash_for
from ..models import AuditEventKind, Case, CodePurpose, Delegation, DelegationStatus, PhoneDevice
from ..pdf import layouts
from ..validators import normalise_id_number
from . import codes, sign_in
from .certificates import sign_pdf
from .heir_links import token_hash
from .heirs import authorized_for
from .notary import notary_task, settle

# A new wording of the authorization gets a new version.
AUTHORIZATION_VERSION = "delegation-2026-11"
# The platform operator signs the authorizations: they are not any one
# department's document.
SIGNING_DEPARTMENT = "big_data"

CONFIRM, DECLINE, OFFLINE = "confirm", "decline", "offline"
DECISIONS = {
    CONFIRM: DelegationStatus.CONFIRMED,
    DECLINE: DelegationStatus.DECLINED,
    OFFLINE: DelegationStatus.OFFLINE,
}


class DelegationRefused(Exception):
    """The heir's request cannot be carried out; the message says why and
    what to do, and is safe to show."""

    def __init__(self, message, *, locked_until=None):
        super().__init__(message)
        self.locked_until = locked_until


def authorization_text(authorized):
    return _(
        "I agree that %(payee)s receives the money of the matters listed on behalf of all "
        "heirs, paid into the account ending %(account)s. The money is then shared among "
        "the heirs as the law or our agreement says."
    ) % {"payee": authorized.get("payee_name", ""), "account": authorized.get("payee_account", "")}


def delegation_for_token(token):
    """The delegation a link opens, or DelegationRefused for an unknown one."""
    delegation = (
        Delegation.objects.select_related(
            "declaration__case__deceased", "declaration__case__applicant"
        )
        .filter(token_hash=token_hash(str(token)))
        .first()
    )
    if delegation is None:
        raise DelegationRefused(
            _("This link is not valid. Please check the text message, or call 12345.")
        )
    return delegation


def check_open(delegation, now=None):
    """Raise DelegationRefused unless the heir can still answer through the link."""
    now = now or timezone.now()
    if delegation.declaration.case.status != CaseStatus.IN_PROGRESS:
        raise DelegationRefused(_("This case is closed, so no authorization is needed any more."))
    if delegation.status == DelegationStatus.VOID or delegation.declaration.superseded_at:
        raise DelegationRefused(
            _(
                "This request was replaced: the heirs or the payee changed. A new text "
                "message has been sent if your authorization is still needed."
            )
        )
    if delegation.link_used_at is not None or delegation.status != DelegationStatus.PENDING:
        raise DelegationRefused(
            _(
                "You have already answered this request (%(answer)s). To withdraw a "
                "confirmation, sign in with your mobile number and open “My authorizations”."
            )
            % {"answer": delegation.get_status_display()}
        )
    if delegation.expires_at is not None and delegation.expires_at <= now:
        raise DelegationRefused(
            _(
                "This request has expired. The family has been offered an appointment at "
                "the notary office instead."
            )
        )


def send_code(delegation, *, client_ip=None):
    """Text a code to the heir's own phone, good for this authorization
    request only; returns codes.CodeRequest."""
    check_open(delegation)
    try:
        return codes.send(
            CodePurpose.HEIR_VERIFICATION,
            delegation.pk,
            delegation.phone,
            template="delegation_code",
            client_ip=client_ip,
        )
    except codes.CodeRefused as exc:
        raise DelegationRefused(str(exc)) from None


def verify_heir(delegation, *, id_suffix, code, client_ip=None):
    """Prove the heir is who the link is for: the last six characters of
    their ID number and the code sent to their phone for this request. A
    wrong answer of either kind counts against that code (throttled, then
    dead, and this number locked from this network).

    Returns the account of the heir's phone, which records the answer. The
    heir is not signed in by it: the code proves who answers this request
    and nothing else."""
    check_open(delegation)
    suffix = normalise_id_number(str(id_suffix or ""))
    try:
        if len(suffix) != 6 or not hmac.compare_digest(
            suffix, normalise_id_number(delegation.id_number)[-6:]
        ):
            codes.refuse_wrong_suffix(
                CodePurpose.HEIR_VERIFICATION, delegation.pk, delegation.phone, client_ip=client_ip
            )
        codes.confirm(
            CodePurpose.HEIR_VERIFICATION,
            delegation.pk,
            delegation.phone,
            code,
            client_ip=client_ip,
        )
    except codes.CodeRefused as exc:
        raise DelegationRefused(str(exc), locked_until=exc.locked_until) from None
    return sign_in.account_for(delegation.phone)


def answer_delegation(delegation, *, decision, heir_user, client_ip=None, user_agent="", reason=""):
    """Record the heir's answer (confirm, decline, or cannot answer online);
    the link is used up by it."""
    if decision not in DECISIONS:
        raise DelegationRefused(_("Choose to confirm or to decline."))
    now = timezone.now()
    with transaction.atomic(), acting_as(heir_user):
        case = (
            Case.objects.select_for_update()
            .select_related("deceased", "applicant")
            .get(pk=delegation.declaration.case_id)
        )
        delegation = (
            Delegation.objects.select_for_update()
            .select_related("declaration")
            .get(pk=delegation.pk)
        )
        delegation.declaration.case = case
        check_open(delegation, now)
        delegation.status = DECISIONS[decision]
        delegation.authorized = authorized_for(case, delegation.declaration)
        delegation.consent_version = AUTHORIZATION_VERSION
        # The link has served; only its hash stays, to say it was used.
        delegation.token = ""
        delegation.decided_at = delegation.link_used_at = now
        delegation.decided_from = client_ip
        delegation.decided_with = (user_agent or "")[:200]
        delegation.decided_by = heir_user if getattr(heir_user, "is_authenticated", False) else None
        delegation.decline_reason = reason.strip() if decision != CONFIRM else ""
        delegation.save()
        record_event(
            AuditEventKind.AUTHORIZATION_ANSWERED,
            actor=heir_user,
            case=case,
            subject=f"delegation:{delegation.pk}",
            remote_addr=client_ip,
            outcome=delegation.status,
        )
        if delegation.status == DelegationStatus.CONFIRMED:
            # Signed in the background; the job row is part of this transaction.
            queue.enqueue(queue.SIGN_DELEGATION, delegation.pk)
        settle(case, delegation.declaration, now)
    return delegation


def delegations_given_by(user):
    """The authorizations a signed-in citizen was asked for, newest first."""
    device = PhoneDevice.objects.filter(user=user).only("phone").first()
    if device is None:
        return Delegation.objects.none()
    return (
        Delegation.objects.filter(phone_hash=hash_for(Delegation, "phone", device.phone))
        .select_related("declaration__case")
        .order_by("-sent_at", "-pk")
    )


def revoke_delegation(delegation, *, heir_user, client_ip=None):
    """The heir withdraws a confirmation, as long as money is still to be paid."""
    if not delegations_given_by(heir_user).filter(pk=delegation.pk).exists():
        raise PermissionDenied(_("Only the heir who gave an authorization can withdraw it."))
    now = timezone.now()
    with transaction.atomic(), acting_as(heir_user):
        case = Case.objects.select_for_update().get(pk=delegation.declaration.case_id)
        delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
        if delegation.status != DelegationStatus.CONFIRMED:
            raise DelegationRefused(_("Only a confirmed authorization can be withdrawn."))
        unpaid = case.tasks.filter(requires_consent=True).exclude(status__in=RESOLVED_TASK_STATUSES)
        if not unpaid.exists():
            raise DelegationRefused(
                _("The money has been paid already, so the authorization cannot be withdrawn.")
            )
        notary = notary_task(case)
        if notary is not None and notary.status == TaskStatus.COMPLETED:
            raise DelegationRefused(
                _("The notary has already certified the heirs. Please contact the notary office.")
            )
        delegation.status = DelegationStatus.REVOKED
        delegation.revoked_at = now
        delegation.save(update_fields=["status", "revoked_at"])
        record_event(
            AuditEventKind.AUTHORIZATION_ANSWERED,
            actor=heir_user,
            case=case,
            subject=f"delegation:{delegation.pk}",
            remote_addr=client_ip,
            outcome=delegation.status,
        )
        settle(case, delegation.declaration, now)
    return delegation


def sign_delegation(delegation_id):
    """Render and seal the authorization (委托书) of a confirmed delegation,
    once; returns the delegation, or None when there is nothing to sign."""
    delegation = Delegation.objects.select_related("declaration__case").get(pk=delegation_id)
    if delegation.status != DelegationStatus.CONFIRMED or delegation.document:
        return None
    signed = sign_pdf(_render(delegation), SIGNING_DEPARTMENT, "委托授权书")
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=delegation_id)
        if delegation.document:
            return delegation
        delegation.document.save(f"{delegation.pk}.pdf", ContentFile(signed), save=False)
        delegation.document_sha256 = hashlib.sha256(signed).hexdigest()
        delegation.save(update_fields=["document", "document_sha256"])
    return delegation


def _render(delegation):
    authorized = delegation.authorized
    declaration = delegation.declaration
    decided = timezone.localtime(delegation.decided_at)
    facts = [
        ["办件编号", authorized.get("reference", "")],
        ["逝者", authorized.get("deceased_name", "")],
        ["委托人（继承人）", delegation.name],
        ["与逝者关系", delegation.get_relationship_display()],
        ["委托人身份证号码", delegation.id_number],
        ["受托收款人", authorized.get("payee_name", "")],
        ["收款账户", authorized.get("payee_account", "")],
        ["继承人名单版本", f"第{declaration.version}版"],
        ["确认时间", f"{decided:%Y-%m-%d %H:%M:%S}"],
        ["确认方式", "本人身份证号后六位及手机短信验证码"],
        ["授权文本版本", delegation.consent_version],
    ]
    matters = [
        [
            matter["name_zh"],
            matter["department_zh"],
            f"¥{matter['amount']}" if matter.get("amount") else "以部门核定为准",
        ]
        for matter in authorized.get("matters", [])
    ]
    return layouts.authorization(facts, matters, _authorization_text_zh(authorized))


def _authorization_text_zh(authorized):
    from django.utils import translation

    with translation.override("zh-hans"):
        return authorization_text(authorized)
