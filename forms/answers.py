"""From a finished wizard's forms to what ``submit_case`` takes."""

import dataclasses

from django.utils.translation import gettext as _

from cases.needs import DocumentKind
from cases.services.network import area_path, village_of
from cases.services.submission import PersonData

from .fields import NO, YES

# Where each domain key lands: (person, attribute).
TARGETS = {
    "deceased.id_number": ("deceased", "id_number"),
    "death.datetime": ("deceased", "died_at"),
    "death.place": ("deceased", "place_of_death"),
    "death.cause": ("deceased", "cause_of_death"),
    "applicant.name": ("applicant", "name"),
    "applicant.phone": ("applicant", "phone"),
    "applicant.id_number": ("applicant", "id_number"),
    "applicant.relationship": ("applicant", "relationship"),
    "applicant.bank_account": ("applicant", "bank_account"),
}
# Errors from submit_case are keyed by person and attribute; the form knows
# them by domain key.
ERROR_KEYS = {f"{person}.{attribute}": key for key, (person, attribute) in TARGETS.items()}


@dataclasses.dataclass
class Upload:
    label: str
    file: object
    kind: str = DocumentKind.OTHER
    needed_by: tuple = ()


@dataclasses.dataclass
class Application:
    deceased: PersonData
    applicant: PersonData
    answers: list
    uploads: list


def collect(steps, cleaned):
    """``cleaned`` maps step name → cleaned data, for the steps that were shown."""
    people = {"deceased": {"name": ""}, "applicant": {"name": ""}}
    answers, uploads = [], []
    for step in steps:
        if step.name not in cleaned:
            continue
        data = cleaned[step.name]
        for question in step.questions:
            value = data.get(question.name)
            if question.domain_key in TARGETS:
                person, attribute = TARGETS[question.domain_key]
                people[person][attribute] = value or ("" if attribute != "died_at" else None)
            elif question.field_type == "file":
                if value:
                    kind = question.options.get("document_kind") or DocumentKind.OTHER
                    needed_by = tuple(question.options.get("needed_by") or ())
                    uploads.append(Upload(question.label, value, kind, needed_by))
                    answers.append(_answer(question, value.name))
            elif question.field_type == "village":
                # The code decides the assistant; the words are what people read.
                if value:
                    village = village_of(value)
                    words = area_path(village) if village else value
                    answers.append({**_answer(question, words), "code": value})
            elif question.field_type == "consent":
                answers.append(
                    {
                        **_answer(question, bool(value)),
                        "version": question.options.get("consent_version", ""),
                    }
                )
            elif value not in (None, "", []):
                answers.append(_answer(question, _display(question, value)))
    return Application(
        deceased=PersonData(**people["deceased"]),
        applicant=PersonData(**people["applicant"]),
        answers=answers,
        uploads=uploads,
    )


def _answer(question, value):
    """An answer kept on the case: a fact the catalogue knows by its domain
    key (``key``), and the matters the editor said need it (``needed_by``)."""
    answer = {"name": question.name, "label": question.label, "value": value}
    if question.domain_key:
        answer["key"] = question.domain_key
    needed_by = question.options.get("needed_by") or []
    if needed_by:
        answer["needed_by"] = list(needed_by)
    return answer


def _display(question, value):
    if question.field_type == "yes_no":
        return {YES: _("Yes"), NO: _("No")}.get(value, value)
    if isinstance(value, list):
        return "、".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
