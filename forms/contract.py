"""Which matters receive each question's answer, and what a scenario's
form fails to ask: shown to editors in the preview and on publishing.

A question reaches a matter through its domain key (the fact it carries), the
kind of document it uploads, or the matters the editor named as needing it.
"""

from django.utils.translation import gettext as _

from cases.models import Matter
from cases.needs import FACT_KEYS, FAMILY_GIVES, NEEDS, SCENARIO_GIVES

from . import engine

# Domain keys that land on the case's people, and the need they serve.
PERSON_KEY_NEEDS = {
    "deceased.id_number": "deceased.identity",
    "death.datetime": "death.time_place",
    "death.place": "death.time_place",
    "death.cause": "death.cause",
    "applicant.name": "applicant",
    "applicant.id_number": "applicant",
    "applicant.relationship": "applicant",
    "applicant.phone": "applicant.contact",
    "applicant.bank_account": "payee.account",
}


def need_of(question):
    """The need a question's answer fills, or None."""
    if question.field_type == "file":
        kind = question.options.get("document_kind") or "other"
        return None if kind == "other" else f"doc.{kind}"
    return PERSON_KEY_NEEDS.get(question.domain_key) or FACT_KEYS.get(question.domain_key)


def scenario_matters(scenario):
    return [
        m
        for m in Matter.objects.active().order_by("code")
        if not m.scenarios or scenario in m.scenarios
    ]


# Answers no department receives because the platform itself acts on them:
# the village decides the family's funeral assistant.
READ_BY_THE_SYSTEM = frozenset({"deceased.village"})


def receivers(question, matters):
    """The matters (of ``matters``) whose departments receive this answer,
    by the rule that delivers it (``cases.services.contract``): the matters
    that need its fact or its kind of document, and those the editor named."""
    need = need_of(question)
    named = set(question.options.get("needed_by") or [])
    return [m for m in matters if (need and need in m.needs) or m.code in named]


def preview_rows(definition, scenario):
    """(step, form, {question name: [matter, …]}) for the editors' preview."""
    matters = scenario_matters(scenario)
    return [
        (step, step.form_class()(), {q.name: receivers(q, matters) for q in step.questions})
        for step in engine.parse(definition)
    ]


def warnings(definition, scenario):
    """What an editor should know before families use the form: needed items
    no step asks, and questions whose answer no department receives."""
    matters = scenario_matters(scenario)
    steps = engine.parse(definition)
    questions = [(number, step, q) for number, step in enumerate(steps, 1) for q in step.questions]
    asked = {need_of(q) for _n, _s, q in questions} - {None}
    expected = {*FAMILY_GIVES, *SCENARIO_GIVES.get(scenario, ())}
    found = []
    for matter in matters:
        for need in matter.needs:
            if need in expected and need not in asked:
                found.append(
                    _("%(matter)s needs “%(item)s”, but no step of this form asks for it.")
                    % {"matter": f"{matter.code} {matter.name_zh}", "item": NEEDS[need][1]}
                )
    for number, step, question in questions:
        if question.field_type == "consent" or question.options.get("kept_for_family"):
            continue
        if question.domain_key in READ_BY_THE_SYSTEM:
            continue
        if receivers(question, matters):
            continue
        where = {"number": number, "step": step.title, "question": question.label}
        if question.field_type == "file":
            found.append(
                _(
                    "Step %(number)s “%(step)s” asks for the file “%(question)s”, but no "
                    "department receives it: say what kind of document it is, or name the "
                    "matters that need it."
                )
                % where
            )
        else:
            found.append(
                _(
                    "Step %(number)s “%(step)s” asks “%(question)s”, but no department receives "
                    "the answer: name the matters that need it, or tick “kept for the family only”."
                )
                % where
            )
    return found
