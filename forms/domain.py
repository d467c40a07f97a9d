"""The fixed list of keys through which a form field lands on the case.

Editors choose one of these for a field; everything else an applicant answers
is kept as an extra answer. The name, gender and birth date of the deceased are
not here: the engine asks for them itself, pre-filled from the shared registry,
right after the deceased's ID number.
"""

from django.utils.translation import gettext_lazy as _

# key: (label, field types that can carry it)
DOMAIN_KEYS = {
    "deceased.id_number": (_("Deceased: resident ID number"), {"resident_id"}),
    "death.datetime": (_("Death: date and time"), {"datetime"}),
    "death.place": (_("Death: place"), {"text"}),
    "death.cause": (_("Death: cause, as far as known"), {"text"}),
    "deceased.household": (_("Deceased: household registration and family"), {"text"}),
    "funeral.pickup_address": (_("Body pickup: address"), {"text"}),
    "funeral.pickup_time": (_("Body pickup: preferred time"), {"text", "choice"}),
    "funeral.farewell": (_("Funeral: farewell choices"), {"choice", "multiple_choice", "text"}),
    "care_home.contact": (_("Care home: name and contact"), {"text"}),
    "deceased.village": (
        _("Deceased: village or community of household registration"),
        {"village"},
    ),
    "family.supported": (_("Relatives the deceased supported"), {"text"}),
    "applicant.name": (_("Applicant: name"), {"text"}),
    "applicant.phone": (_("Applicant: mobile number"), {"mobile"}),
    "applicant.id_number": (_("Applicant: resident ID number"), {"resident_id"}),
    "applicant.relationship": (_("Applicant: relationship to the deceased"), {"relationship"}),
    "applicant.bank_account": (_("Applicant: bank account for payments"), {"bank_account"}),
}

# Every scenario's form must ask for these (submit_case cannot do without).
REQUIRED_KEYS = (
    "deceased.id_number",
    "death.datetime",
    "applicant.name",
    "applicant.phone",
    "applicant.relationship",
)


def matter_choices():
    """The catalogue's matters, for an editor to say who needs an answer."""
    from cases.models import Matter

    return [(m.code, f"{m.code} {m.name_zh}") for m in Matter.objects.active().order_by("code")]


DOMAIN_KEY_CHOICES = [(key, label) for key, (label, _types) in DOMAIN_KEYS.items()]


def field_name(domain_key="", name="", block_id=""):
    """The HTML/answer name of a field: its domain key, its editor-given name,
    or one derived from its block id."""
    if domain_key:
        return domain_key.replace(".", "__")
    if name:
        return name
    return "q_" + block_id.replace("-", "")[:12]
