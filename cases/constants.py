from django.db import models
from django.utils.translation import gettext_lazy as _


class Scenario(models.TextChoices):
    HOSPITAL = "hospital", _("Died in hospital")
    HOME = "home", _("Died at home or in a care home")
    ABNORMAL = "abnormal", _("Unnatural death (police involved)")


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    MOBILE = "mobile", _("Mobile app")
    HOTLINE = "hotline", _("Hotline")
    ASSISTED = "assisted", _("Funeral assistant")


class CaseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # The death was reported in error: the departments undo what they did.
    REVERSED = "reversed", _("Death reported in error: being undone")


# The two death certificates: the hospital's or health centre's, the police's.
POLICE_CERTIFICATE, MEDICAL_CERTIFICATE = "P01", "H01"

# A task that undoes another, the death having been reported in error, has
# the other's matter code with this suffix (P02 → P02-R).
COMPENSATION_SUFFIX = "-R"


class TaskStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for earlier matters")
    READY = "ready", _("Ready to be handled")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_MATERIALS = "awaiting_materials", _("Needs something from the family")
    COMPLETED = "completed", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    REJECTED = "rejected", _("Rejected")


# A dependency counts as met once the task it points at is in one of these.
RESOLVED_TASK_STATUSES = frozenset({TaskStatus.COMPLETED, TaskStatus.NOT_APPLICABLE})
# A case is complete once every task is in one of these.
FINISHED_TASK_STATUSES = RESOLVED_TASK_STATUSES
# The five states a family sees; the clerks' finer states fold into them.
FAMILY_STATES = {
    TaskStatus.WAITING: "waiting",
    TaskStatus.READY: "in_progress",
    TaskStatus.IN_PROGRESS: "in_progress",
    TaskStatus.AWAITING_MATERIALS: "needs_you",
    TaskStatus.COMPLETED: "done",
    TaskStatus.NOT_APPLICABLE: "not_applicable",
    TaskStatus.REJECTED: "needs_you",
}


def family_state(status):
    return FAMILY_STATES.get(status, "in_progress")


OPEN_TASK_STATUSES = frozenset(
    {TaskStatus.READY, TaskStatus.IN_PROGRESS, TaskStatus.AWAITING_MATERIALS}
)


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PersonRole(models.TextChoices):
    DECEASED = "deceased", _("Deceased")
    APPLICANT = "applicant", _("Applicant")
    RELATIVE = "relative", _("Relative")


class ExternalEvent(models.TextChoices):
    """What a matter can wait for outside the departments."""

    CREMATION = "cremation", _("the cremation, on the day the family chose")
    BODY_RELEASE = "body_release", _("the police releasing the body")


class PauseReason(models.TextChoices):
    """Why a task's limit or the case clock stands still: the case waits for
    something outside the departments."""

    CREMATION = "cremation", _("Waiting for the cremation on the day you chose")
    BODY_RELEASE = "body_release", _("Waiting for the police to release the body")
    HEIRS = "heirs", _("Waiting for the heirs' authorization (or the notary)")
    FAMILY = "family", _("Waiting for what a department asked of you")


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Brother or sister")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    AGENT = "agent", _("Someone authorised by the family")


FIRST_ORDER_HEIRS = frozenset({Relationship.SPOUSE, Relationship.CHILD, Relationship.PARENT})
FIRST_ORDER_HEIR_CHOICES = [
    (value, label) for value, label in Relationship.choices if value in FIRST_ORDER_HEIRS
]


class ProfileFlag(models.TextChoices):
    """Facts about the deceased, imported from the shared registry, that decide
    which matters apply. The applicant confirms or corrects them."""

    PENSION = "pension", _("Receives a pension")
    EMPLOYEE_INSURED = "employee_insured", _("Insured as an employee (survivors' benefit)")
    MEDICAL_INSURED = "medical_insured", _("Has basic medical insurance")
    HOUSING_FUND = "housing_fund", _("Has a housing provident fund account")
    VETERAN_BENEFITS = "veteran_benefits", _("Receives veterans' benefits")
    DISABILITY_CERTIFICATE = "disability_certificate", _("Holds a disability certificate")
    DISABILITY_SUBSIDIES = "disability_subsidies", _("Receives disability subsidies")
    SOCIAL_ASSISTANCE = "social_assistance", _("Receives social assistance")
    ELDERLY_ALLOWANCE = "elderly_allowance", _("Receives the old-age allowance")
    LOCAL_HUKOU = "local_hukou", _("Registered household in this city")
    DRIVING_LICENCE = "driving_licence", _("Holds a driving licence")
    SOCIAL_SECURITY_CARD = "social_security_card", _("Holds a social security card")
    BANK_ACCOUNTS = "bank_accounts", _("Has bank deposits")
    COMMERCIAL_INSURANCE = "commercial_insurance", _("Has commercial insurance")


class StaffRole(models.TextChoices):
    """Roles that are not tied to one department; their value is the name of
    the group (created by migration ``cases.0003``) that carries the role.
    Department clerks and supervisors are groups linked from ``Department``."""

    HOTLINE_AGENT = "12345热线坐席", _("Hotline agent")
    HOTLINE_SUPERVISOR = "12345热线主管", _("Hotline supervisor")
    FUNERAL_ASSISTANT = "殡葬协理员", _("Funeral assistant")
    CONTENT_EDITOR = "内容编辑", _("Content editor")
    CONTENT_REVIEWER = "内容审核", _("Content reviewer")
    SYSTEM_ADMINISTRATOR = "系统管理员", _("System administrator")
    # Answers relatives' requests about the deceased's personal information.
    DATA_PROTECTION_OFFICER = "个人信息保护负责人", _("Data-protection officer")
