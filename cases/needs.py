"""What a matter needs from the case (the data contract of a matter, 一次录入).

Each matter of the catalogue lists the items of ``NEEDS`` its department must
receive to act without calling the family; a task keeps the list it was
created with. The department sees exactly those items — on the workbench and
in its connector's payload — and nothing else of the case.

The vocabulary is fixed here, because code reads each item from one place of
the case; which matter needs which item is catalogue data.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """In the order a clerk works through a case."""

    FACTS = "facts", _("Facts of the death")
    PEOPLE = "people", _("People")
    ACCOUNT = "account", _("Payee account")
    DOCUMENTS = "documents", _("Documents")


class DocumentKind(models.TextChoices):
    """What an uploaded document is; a form's upload question says which."""

    DEATH_REPORT = "death_report", _("Death notification (人口死亡申报单)")
    CARE_HOME_REPORT = "care_home_report", _("Care home's death report")
    MEDICAL_RECORDS = "medical_records", _("Medical records")
    POLICE_RECEIPT = "police_receipt", _("Police report receipt or investigation form")
    CREMATION_RECORD = "cremation_record", _("Cremation record")
    OTHER = "other", _("Other document")


# key: (section, label)
NEEDS = {
    "deceased.identity": (
        Section.FACTS,
        _("Deceased's identity (name, sex, date of birth, full ID number)"),
    ),
    "death.time_place": (Section.FACTS, _("Time and place of death")),
    "death.cause": (Section.FACTS, _("Cause of death")),
    "deceased.household": (Section.FACTS, _("Household registration and family situation")),
    "funeral.pickup": (Section.FACTS, _("Body pickup: address and time")),
    "funeral.farewell": (Section.FACTS, _("Farewell choices")),
    "care_home.contact": (Section.FACTS, _("Care home's contact")),
    "burial.booking": (Section.FACTS, _("Ecological burial or niche the family booked")),
    "funeral.services": (
        Section.FACTS,
        _("Funeral services the family chose from the published list, with the bill"),
    ),
    "applicant": (Section.PEOPLE, _("Applicant and relationship to the deceased")),
    "applicant.contact": (Section.PEOPLE, _("Applicant's full mobile number")),
    "heirs": (Section.PEOPLE, _("Heirs and their consent")),
    "family.supported": (Section.PEOPLE, _("Relatives the deceased supported")),
    "payee.account": (Section.ACCOUNT, _("Payee's full bank account")),
    "cert.death": (Section.DOCUMENTS, _("Death certificate")),
    "cert.cremation": (Section.DOCUMENTS, _("Cremation certificate")),
    "cert.household_cancellation": (
        Section.DOCUMENTS,
        _("Household registration cancellation certificate"),
    ),
    **{
        f"doc.{kind.value}": (Section.DOCUMENTS, kind.label)
        for kind in DocumentKind
        if kind != DocumentKind.OTHER
    },
}
NEED_CHOICES = [(key, label) for key, (_section, label) in NEEDS.items()]

# The certificates other matters issue, by the need that asks for them.
CERTIFICATE_MATTERS = {
    "cert.death": ("H01", "P01"),
    "cert.cremation": ("C02",),
    "cert.household_cancellation": ("P02",),
}

# Facts the family gives as answers to the form, by the form's domain key,
# and the need each one serves.
FACT_KEYS = {
    "death.cause": "death.cause",
    "deceased.household": "deceased.household",
    "funeral.pickup_address": "funeral.pickup",
    "funeral.pickup_time": "funeral.pickup",
    "funeral.farewell": "funeral.farewell",
    "care_home.contact": "care_home.contact",
    "family.supported": "family.supported",
}

# What the family itself gives on the form in every scenario (the rest comes
# from the registry, the institutions, the departments or the heirs' list).
FAMILY_GIVES = (
    "death.time_place",
    "applicant.contact",
    "funeral.pickup",
    "funeral.farewell",
    "deceased.household",
    "family.supported",
)
# And by scenario (catalogue.md, "Scenario facts"): a hospital issues the
# certificate itself; at home the family brings the death notification, a
# care home's report and contact and any medical records; after an
# unnatural death, the police receipt.
SCENARIO_GIVES = {
    "hospital": (),
    "home": (
        "care_home.contact",
        "doc.death_report",
        "doc.care_home_report",
        "doc.medical_records",
    ),
    "abnormal": ("doc.police_receipt",),
}

# The seeded catalogue's needs (catalogue.md, column "needs").
SEEDED = {
    "BD01": ["deceased.identity"],
    "H01": [
        "deceased.identity",
        "death.time_place",
        "death.cause",
        "doc.death_report",
        "doc.care_home_report",
        "doc.medical_records",
    ],
    "P01": ["deceased.identity", "death.time_place", "doc.police_receipt"],
    "P02": ["deceased.identity", "cert.death", "applicant"],
    "P03": ["deceased.identity", "cert.death"],
    "C01": [
        "death.time_place",
        "funeral.pickup",
        "funeral.farewell",
        "funeral.services",
        "care_home.contact",
        "applicant",
        "applicant.contact",
    ],
    "C02": ["cert.death", "doc.cremation_record"],
    "C03": ["deceased.identity", "death.time_place", "deceased.household"],
    "C05": ["deceased.identity", "death.time_place"],
    "C06": ["cert.cremation", "payee.account"],
    "D01": ["deceased.identity", "cert.death"],
    "D02": ["deceased.identity", "death.time_place"],
    "R01": ["deceased.identity", "death.time_place", "heirs", "payee.account"],
    "R02": ["cert.cremation", "heirs", "payee.account"],
    "R03": ["family.supported", "payee.account"],
    "R04": ["deceased.identity", "cert.household_cancellation"],
    "M01": ["deceased.identity", "death.time_place"],
    "M02": ["heirs", "payee.account"],
    "F01": ["cert.household_cancellation", "heirs", "payee.account"],
    "V01": ["deceased.identity", "death.time_place", "payee.account"],
    "B01": ["deceased.identity", "cert.household_cancellation", "heirs", "payee.account"],
    "B02": ["deceased.identity", "cert.death", "applicant", "applicant.contact"],
    "N01": ["applicant", "applicant.contact", "heirs"],
    "C07": ["burial.booking", "applicant", "applicant.contact", "payee.account"],
}


def document_kinds(needs):
    """The kinds of uploaded document ``needs`` asks for."""
    return {key.removeprefix("doc.") for key in needs if key.startswith("doc.")}
