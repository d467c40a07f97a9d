"""The applicant's declaration of the heirs and the payee.

The applicant declares the other first-order heirs and the payee
(:func:`declare_heirs`); each heir who can answer online gets an SMS with a
personal link (:mod:`.heir_links`) and answers there (:mod:`.delegations`).
What the answers lead to — release, hold, the notary route — is
:mod:`.notary`; reminders and expiry are :mod:`.heir_reminders`.
"""

import dataclasses
import datetime
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import acting_as
from ..audit_events import record as record_event
from ..constants import (
    FIRST_ORDER_HEIRS,
    CaseStatus,
    TaskStatus,
)
from ..masking import mask_bank_account
from ..models import (
    AuditEventKind,
    Case,
    Delegation,
    DelegationStatus,
    HeirDeclaration,
)
from ..notifications import notify
from ..validators import (
    normalise_bank_account,
    normalise_id_number,
    normalise_phone,
    validate_bank_account,
    validate_mobile,
    validate_resident_id,
)
from .consent import current_declaration
from .heir_links import delegation_link, new_token, token_hash
from .notary import notary_task, settle
from .registry_check import relatives_for

# Versions of the texts people agree to; a new wording gets a new version.
DECLARATION_VERSION = "heirs-declaration-2026-11"


@dataclasses.dataclass
class HeirData:
    name: str
    relationship: str
    id_number: str
    phone: str = ""
    # False for an heir who cannot confirm online (elderly, abroad, no phone).
    online: bool = True


def declaration_text():
    return _(
        "I declare that the people listed are all the first-order heirs of the deceased "
        "(spouse, children and parents) besides me, and that the details are true. I know "
        "that a false declaration makes me liable for any loss it causes to the other heirs."
    )


# The applicant's side ----------------------------------------------------------


def pays_heirs(case):
    """Whether a matter of the case pays money to the heirs."""
    return (
        case.tasks.filter(requires_consent=True).exclude(status=TaskStatus.NOT_APPLICABLE).exists()
    )


@dataclasses.dataclass
class Prefill:
    heirs: list
    payee_name: str
    payee_account: str
    declared: bool  # from the current declaration, not the registry


def declaration_prefill(case):
    """What the applicant starts from: the current declaration, else the
    registry's first-order heirs and the applicant with the account given
    when applying (not typed twice)."""
    current = current_declaration(case)
    if current is not None:
        heirs = [
            HeirData(
                name=d.name,
                relationship=d.relationship,
                id_number=d.id_number,
                phone=d.phone or "",
                online=bool(d.phone),
            )
            for d in current.delegations.all()
        ]
        return Prefill(heirs, current.payee_name, current.payee_account, declared=True)
    heirs = [
        HeirData(name=h.name, relationship=h.relationship, id_number=h.id_number)
        for h in registry_heirs(case)
    ]
    return Prefill(heirs, case.applicant.name, case.applicant.bank_account or "", declared=False)


def registry_heirs(case):
    """The other first-order heirs the shared registry knows, to pre-fill the
    list (without phones: they are asked for), when the registry may tell
    this applicant (:func:`.registry_check.relatives_for`)."""
    applicant_id = normalise_id_number(case.applicant.id_number or "")
    return [
        HeirData(
            name=relative.get("name", ""),
            relationship=relative.get("relationship", ""),
            id_number=relative.get("id_number", ""),
        )
        for relative in relatives_for(case)
        if relative.get("relationship") in FIRST_ORDER_HEIRS
        and normalise_id_number(relative.get("id_number", "")) != applicant_id
        and relative.get("name") != case.applicant.name
    ]


def declare_heirs(
    case, *, heirs, payee_name, payee_account, consent_version, actor, client_ip=None
):
    """Record the heirs list and the payee; ask every online heir to confirm.

    A list and payee equal to the current ones change nothing. A different
    one replaces the current declaration: what its heirs confirmed no longer
    counts, and the family is told. Raises ValidationError (keyed
    ``heirs.<n>.<field>``, ``payee_name``, ``payee_account``, ``consent``).
    """
    heirs = list(heirs)
    _validate_declaration(case, heirs, payee_name, payee_account, consent_version)
    now = timezone.now()
    with transaction.atomic(), acting_as(actor):
        case = (
            Case.objects.select_for_update().select_related("deceased", "applicant").get(pk=case.pk)
        )
        if case.status != CaseStatus.IN_PROGRESS:
            raise ValidationError(_("This case is closed; nothing can be changed in it."))
        consent_tasks = list(case.tasks.filter(requires_consent=True))
        if not consent_tasks:
            raise ValidationError(_("No matter of this case pays money to the heirs."))
        if any(task.status == TaskStatus.COMPLETED for task in consent_tasks):
            raise ValidationError(
                _(
                    "Money has already been paid for this case, so the heirs and the payee "
                    "can no longer be changed here. Please call 12345."
                )
            )
        notary = notary_task(case)
        if notary is not None and notary.status == TaskStatus.COMPLETED:
            raise ValidationError(
                _(
                    "The notary has already certified the heirs. To change them, please "
                    "contact the notary office or call 12345."
                )
            )
        previous = current_declaration(case)
        if previous is not None and _same(previous, heirs, payee_name, payee_account):
            return previous
        voided = _void(previous, now) if previous else 0
        declaration = HeirDeclaration.objects.create(
            case=case,
            version=previous.version + 1 if previous else 1,
            payee_name=payee_name.strip(),
            payee_account=payee_account,
            consent_version=consent_version,
            declared_by=actor if getattr(actor, "is_authenticated", False) else None,
            declared_at=now,
            declared_from=client_ip,
            voided_confirmations=voided,
        )
        record_event(
            AuditEventKind.HEIRS_DECLARED,
            actor=actor,
            case=case,
            subject=f"declaration:{declaration.version}",
            remote_addr=client_ip,
        )
        authorized = authorized_for(case, declaration)
        for heir in heirs:
            _ask(case, declaration, heir, authorized, now)
        if voided:
            notify(
                "delegations_voided",
                phone=case.applicant.phone,
                case=case,
                context={"reference": case.display_reference, "count": voided},
                dedupe_key=f"declaration:{declaration.pk}:voided",
            )
        settle(case, declaration, now)
    return declaration


def ask_heirs_again(case, now, *, actor=None):
    """A matter that pays the heirs joined the case after they answered (补办):
    what they agreed to did not name it, so each is asked again about the
    same list and payee, as a new version of the declaration. An heir the
    notary covered stays covered (the notary certified who the heirs are).
    Without a declaration yet, nothing is asked: the applicant declares the
    heirs as for any case. Call with the case row locked; returns the new
    declaration or None."""
    previous = current_declaration(case)
    if previous is None:
        return None
    answered = list(previous.delegations.exclude(status=DelegationStatus.VOID))
    _void(previous, now)
    declaration = HeirDeclaration.objects.create(
        case=case,
        version=previous.version + 1,
        payee_name=previous.payee_name,
        payee_account=previous.payee_account,
        consent_version=previous.consent_version,
        declared_by=previous.declared_by,
        declared_at=now,
        declared_from=previous.declared_from,
    )
    authorized = authorized_for(case, declaration)
    for earlier in answered:
        notarised = earlier.notarised_at is not None
        heir = HeirData(
            name=earlier.name,
            relationship=earlier.relationship,
            id_number=earlier.id_number,
            phone=earlier.phone or "",
            online=bool(earlier.phone) and not notarised,
        )
        delegation = _ask(case, declaration, heir, authorized, now)
        if notarised:
            delegation.notarised_at = earlier.notarised_at
            delegation.save(update_fields=["notarised_at"])
    settle(case, declaration, now)
    return declaration


def _validate_declaration(case, heirs, payee_name, payee_account, consent_version):
    errors = {}
    seen = {
        normalise_id_number(case.deceased.id_number or ""),
        normalise_id_number(case.applicant.id_number or ""),
    }
    # Each heir answers on their own phone: a number used twice (or the
    # applicant's) would let one person answer for another.
    phones = {normalise_phone(case.applicant.phone or "")}
    for n, heir in enumerate(heirs):
        prefix = f"heirs.{n}"
        if not heir.name.strip():
            errors[f"{prefix}.name"] = [_("Enter the heir's name.")]
        if heir.relationship not in FIRST_ORDER_HEIRS:
            errors[f"{prefix}.relationship"] = [
                _("Only the spouse, children and parents are first-order heirs.")
            ]
        try:
            validate_resident_id(heir.id_number)
        except ValidationError as exc:
            errors[f"{prefix}.id_number"] = exc.messages
        else:
            id_number = normalise_id_number(heir.id_number)
            if id_number in seen:
                errors[f"{prefix}.id_number"] = [
                    _("This ID number is already in the list (or is the applicant's).")
                ]
            seen.add(id_number)
        if heir.online:
            try:
                validate_mobile(heir.phone)
            except ValidationError as exc:
                errors[f"{prefix}.phone"] = exc.messages
            else:
                if normalise_phone(heir.phone) in phones:
                    errors[f"{prefix}.phone"] = [
                        _(
                            "Each heir needs their own mobile number, not yours or another "
                            "heir's. Tick the box below if this heir has none."
                        )
                    ]
                phones.add(normalise_phone(heir.phone))
    names = {case.applicant.name.strip(), *(heir.name.strip() for heir in heirs)}
    if payee_name.strip() not in names:
        errors["payee_name"] = [_("The money can only go to you or to one of the heirs listed.")]
    try:
        validate_bank_account(payee_account)
    except ValidationError as exc:
        errors["payee_account"] = exc.messages
    if consent_version != DECLARATION_VERSION:
        errors["consent"] = [_("Please read and agree to the declaration.")]
    if errors:
        raise ValidationError(errors)


def _same(declaration, heirs, payee_name, payee_account):
    current = sorted(
        (d.name, d.relationship, d.id_number, d.phone, d.status != DelegationStatus.OFFLINE)
        for d in declaration.delegations.exclude(status=DelegationStatus.VOID)
    )
    proposed = sorted(
        (
            h.name.strip(),
            h.relationship,
            normalise_id_number(h.id_number),
            h.phone.strip() if h.online else "",
            h.online,
        )
        for h in heirs
    )
    return (
        current == proposed
        and declaration.payee_name == payee_name.strip()
        and declaration.payee_account == normalise_bank_account(payee_account)
    )


def _void(declaration, now):
    """Supersede ``declaration``; return how many confirmations that voided."""
    voided = 0
    for delegation in declaration.delegations.select_for_update():
        if delegation.status == DelegationStatus.CONFIRMED:
            voided += 1
        if delegation.status in (DelegationStatus.PENDING, DelegationStatus.CONFIRMED):
            delegation.status = DelegationStatus.VOID
            # Only the hash stays, to say the link was replaced.
            delegation.token = ""
            delegation.save(update_fields=["status", "token"])
    declaration.superseded_at = now
    declaration.save(update_fields=["superseded_at"])
    return voided


def _ask(case, declaration, heir, authorized, now):
    delegation = Delegation(
        declaration=declaration,
        name=heir.name.strip(),
        relationship=heir.relationship,
        id_number=heir.id_number,
        phone=heir.phone if heir.online else "",
        authorized=authorized,
    )
    if not heir.online:
        delegation.status = DelegationStatus.OFFLINE
        delegation.save()
        return delegation
    token = new_token()
    delegation.token = token
    delegation.token_hash = token_hash(token)
    delegation.sent_at = now
    delegation.expires_at = now + datetime.timedelta(days=settings.DELEGATION_VALID_DAYS)
    delegation.save()
    notify(
        "delegation_request",
        phone=delegation.phone,
        case=case,
        # Full names: a masked "王**" reads like a scam to an elderly heir, and
        # a listed heir knows both names already.
        context={
            "applicant": case.applicant.name,
            "deceased": case.deceased.name,
            "matters": _matters_in_short(authorized),
            "expires": delegation.expires_at,
            "link": delegation_link(token),
        },
        dedupe_key=f"delegation:{delegation.pk}:request",
    )
    return delegation


def authorized_for(case, declaration):
    """What a heir is asked to agree to, as it will be kept with the answer."""
    tasks = (
        case.tasks.filter(requires_consent=True)
        .exclude(status=TaskStatus.NOT_APPLICABLE)
        .select_related("department")
        .order_by("matter_code")
    )
    return {
        "reference": case.display_reference,
        "deceased_name": case.deceased.name,
        "applicant_name": case.applicant.name,
        "payee_name": declaration.payee_name,
        "payee_account": mask_bank_account(declaration.payee_account),
        "matters": [
            {
                "code": task.matter_code,
                "name_zh": task.matter_name_zh,
                "name_en": task.matter_name_en,
                "department_zh": task.department.name_zh,
                "department_en": task.department.name_en,
                "amount": (task.result or {}).get("amount"),
            }
            for task in tasks
        ],
    }


def _matters_in_short(authorized):
    # A matter of several banks (or insurers) names each one.
    counts = Counter(matter["code"] for matter in authorized["matters"])
    names = [
        f"{matter['name_zh']}（{matter['department_zh']}）"
        if counts[matter["code"]] > 1
        else matter["name_zh"]
        for matter in authorized["matters"]
    ]
    if len(names) <= 2:
        return "、".join(names)
    return f"{names[0]}等{len(names)}项事项的款项"
