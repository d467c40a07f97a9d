from .audit_events import AuditEvent, AuditEventKind
from .burial import (
    BookingStatus,
    BurialAward,
    BurialBooking,
    BurialDay,
    BurialKind,
    BurialNiche,
    BurialSite,
)
from .calendar import CalendarOverride, HolidayNotice
from .cases import Case, DepartmentTask, Person
from .catalogue import Department, DepartmentKind, Matter
from .certificates import Certificate, SealedResultList
from .codes import CodePurpose, PurposeCode
from .delegations import Delegation, DelegationStatus, HeirDeclaration
from .devices import PhoneDevice
from .dispatch import CallbackNonce, Dispatch, DispatchEvent, DispatchStatus
from .documents import CaseDocument
from .fees import (
    BillLine,
    ClaimStatus,
    FeeItem,
    FeeList,
    FeeUnit,
    FeeWaiver,
    FuneralBill,
    FuneralHome,
    FuneralService,
    WaiverClaim,
    WaiverClaimLine,
)
from .history import TaskStatusChange
from .hotline import HotlineAccess, HotlineLock
from .medical import InstitutionKind, MedicalDeathCertificate, MedicalInstitution
from .money import BankStatement, Overpayment
from .network import Area, AreaLevel, AssistantTraining, FuneralAssistant
from .notifications import SmsMessage, SmsStatus, SmsTemplate
from .ratings import POOR_LEVELS, Rating, SatisfactionLevel
from .reminders import StaffReminder
from .reversals import Reversal
from .rights import (
    OPEN_REQUEST_STATUSES,
    DataRequest,
    Refusal,
    RequesterRole,
    RequestKind,
    RequestStatus,
)
from .scheduling import Heartbeat, ScheduledJobRun
from .sharing import BodyKind, ReceivingBody, SharingConsent, SharingScope
from .statistics import DailyCaseFigures, DailyTaskFigures, MonthlyDurations
from .trail import TrailCheck, TrailHead, TrailLink, TrailSource

__all__ = [
    "OPEN_REQUEST_STATUSES",
    "POOR_LEVELS",
    "Area",
    "AreaLevel",
    "AssistantTraining",
    "AuditEvent",
    "AuditEventKind",
    "BankStatement",
    "BillLine",
    "BodyKind",
    "BookingStatus",
    "BurialAward",
    "BurialBooking",
    "BurialDay",
    "BurialKind",
    "BurialNiche",
    "BurialSite",
    "CalendarOverride",
    "CallbackNonce",
    "Case",
    "CaseDocument",
    "Certificate",
    "ClaimStatus",
    "CodePurpose",
    "DailyCaseFigures",
    "DailyTaskFigures",
    "DataRequest",
    "Delegation",
    "DelegationStatus",
    "Department",
    "DepartmentKind",
    "DepartmentTask",
    "Dispatch",
    "DispatchEvent",
    "DispatchStatus",
    "FeeItem",
    "FeeList",
    "FeeUnit",
    "FeeWaiver",
    "FuneralAssistant",
    "FuneralBill",
    "FuneralHome",
    "FuneralService",
    "Heartbeat",
    "HeirDeclaration",
    "HolidayNotice",
    "HotlineAccess",
    "HotlineLock",
    "InstitutionKind",
    "Matter",
    "MedicalDeathCertificate",
    "MedicalInstitution",
    "MonthlyDurations",
    "Overpayment",
    "Person",
    "PhoneDevice",
    "PurposeCode",
    "Rating",
    "ReceivingBody",
    "Refusal",
    "RequestKind",
    "RequestStatus",
    "RequesterRole",
    "Reversal",
    "SatisfactionLevel",
    "ScheduledJobRun",
    "SealedResultList",
    "SharingConsent",
    "SharingScope",
    "SmsMessage",
    "SmsStatus",
    "SmsTemplate",
    "StaffReminder",
    "TaskStatusChange",
    "TrailCheck",
    "TrailHead",
    "TrailLink",
    "TrailSource",
    "WaiverClaim",
    "WaiverClaimLine",
]
