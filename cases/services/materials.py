"""The family answers a department's request for materials, or a rejection:
files, a corrected detail, or a note; the task then goes back to the clerk
(a rejected one stays rejected until the department reopens it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..audit import acting_as
from ..constants import TaskStatus
from ..models import Person
from ..validators import validate_bank_account, validate_person_name, validate_resident_id
from .documents import attach
from .tasks import answer_rejection, materials_supplied

# What the family can answer: a request for materials, and a rejection (the
# department then reopens the task or closes it, saying why).
ANSWERABLE = (TaskStatus.AWAITING_MATERIALS, TaskStatus.REJECTED)

# What a family may correct from the case page: (person, attribute, validator).
CORRECTABLE = {
    "applicant.name": ("applicant", "name", validate_person_name, gettext_lazy("Your name")),
    "applicant.id_number": (
        "applicant",
        "id_number",
        validate_resident_id,
        gettext_lazy("Your resident ID number"),
    ),
    "applicant.bank_account": (
        "applicant",
        "bank_account",
        validate_bank_account,
        gettext_lazy("Bank account for payments"),
    ),
    "deceased.place_of_death": (
        "deceased",
        "place_of_death",
        None,
        gettext_lazy("Place of death"),
    ),
}


def supply_materials(task, *, actor, documents=(), corrections=None, note=""):
    """Record what the family sent for ``task`` and hand the task back."""
    corrections = {k: v for k, v in (corrections or {}).items() if v not in (None, "")}
    if task.status not in ANSWERABLE:
        raise ValidationError(_("This matter is not waiting for anything from you any more."))
    errors = {}
    for key, value in corrections.items():
        if key not in CORRECTABLE:
            errors[key] = _("This detail cannot be corrected here.")
            continue
        validator = CORRECTABLE[key][2]
        if validator is not None:
            try:
                validator(value)
            except ValidationError as exc:
                errors[key] = exc.messages
    if errors:
        raise ValidationError(errors)
    if not documents and not corrections and not note.strip():
        raise ValidationError(_("Upload a file, correct a detail or write a short note."))

    with transaction.atomic(), acting_as(actor):
        attach(task.case, documents, actor=actor, task=task)
        people = {}
        for key, value in corrections.items():
            role, attribute = CORRECTABLE[key][:2]
            if role not in people:
                case = task.case
                people[role] = Person.objects.get(
                    pk=case.applicant_id if role == "applicant" else case.deceased_id
                )
            setattr(people[role], attribute, value.strip())
        for person in people.values():
            person.save()  # audited, personal fields masked
        if task.status == TaskStatus.REJECTED:
            return answer_rejection(task, actor=actor, reply=note.strip())
        return materials_supplied(task, actor=actor, reply=note.strip())
