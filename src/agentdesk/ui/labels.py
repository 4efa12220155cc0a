"""What the shared vocabulary is called for people, in the current language.

Each table is built once per language (tables are read for every visible cell), so
`label(Stage.LEGAL)` costs a dictionary look-up. Unknown values (a newer server's) are
shown as they come rather than hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import cache

from PySide6.QtCore import QCoreApplication

from agentdesk.domain.vocabulary import (
    Bucket,
    CallResult,
    Channel,
    ContactRelation,
    DelinquencyReason,
    Hold,
    Language,
    Mood,
    PlanStatus,
    PromiseStatus,
    Role,
    Stage,
)
from agentdesk.ui.app import current_language


def _stage() -> dict[str, str]:
    return {
        Stage.REMINDER: QCoreApplication.translate("Labels", "Reminder"),
        Stage.NEGOTIATION: QCoreApplication.translate("Labels", "Negotiation"),
        Stage.PRE_LEGAL: QCoreApplication.translate("Labels", "Pre-legal"),
        Stage.LEGAL: QCoreApplication.translate("Labels", "Legal"),
    }


def _bucket() -> dict[str, str]:
    return {
        Bucket.CURRENT: QCoreApplication.translate("Labels", "Current"),
        Bucket.M1: "M1", Bucket.M2: "M2", Bucket.M3: "M3", Bucket.M3_PLUS: "M3+",
    }


def _hold() -> dict[str, str]:
    return {
        Hold.COMPLAINT: QCoreApplication.translate("Labels", "Complaint"),
        Hold.DISPUTE: QCoreApplication.translate("Labels", "Dispute"),
        Hold.CEASE_REQUEST: QCoreApplication.translate("Labels", "Asked to stop contact"),
        Hold.ATTORNEY: QCoreApplication.translate("Labels", "Represented by a lawyer"),
        Hold.DECEASED: QCoreApplication.translate("Labels", "Deceased"),
        Hold.VULNERABLE: QCoreApplication.translate("Labels", "Vulnerable"),
    }


def _plan_status() -> dict[str, str]:
    return {
        PlanStatus.PENDING: QCoreApplication.translate("Labels", "Pending approval"),
        PlanStatus.APPROVED: QCoreApplication.translate("Labels", "Approved"),
        PlanStatus.REJECTED: QCoreApplication.translate("Labels", "Rejected"),
        PlanStatus.RETURNED: QCoreApplication.translate("Labels", "Returned for changes"),
        PlanStatus.WITHDRAWN: QCoreApplication.translate("Labels", "Withdrawn"),
    }


def _promise_status() -> dict[str, str]:
    return {
        PromiseStatus.OPEN: QCoreApplication.translate("Labels", "Promised"),
        PromiseStatus.KEPT: QCoreApplication.translate("Labels", "Kept"),
        PromiseStatus.BROKEN: QCoreApplication.translate("Labels", "Broken"),
        "due": QCoreApplication.translate("Labels", "Due today"),
    }


def _call_result() -> dict[str, str]:
    return {
        CallResult.NO_ANSWER: QCoreApplication.translate("Labels", "No answer"),
        CallResult.BUSY: QCoreApplication.translate("Labels", "Busy"),
        CallResult.NOT_IN_SERVICE: QCoreApplication.translate("Labels", "Number not in service"),
        CallResult.VOICEMAIL: QCoreApplication.translate("Labels", "Voicemail"),
        CallResult.WRONG_NUMBER: QCoreApplication.translate("Labels", "Wrong number"),
        CallResult.THIRD_PARTY: QCoreApplication.translate("Labels", "Third party"),
        CallResult.RIGHT_PARTY_CONTACT: QCoreApplication.translate(
            "Labels", "Spoke with the borrower"),
        CallResult.REFUSED: QCoreApplication.translate("Labels", "Refused to pay"),
        CallResult.PROMISE: QCoreApplication.translate("Labels", "Promise to pay"),
        CallResult.PLAN_PROPOSED: QCoreApplication.translate("Labels", "Plan proposed"),
        CallResult.DISPUTE: QCoreApplication.translate("Labels", "Dispute"),
        CallResult.COMPLAINT: QCoreApplication.translate("Labels", "Complaint"),
        CallResult.CALLBACK_REQUESTED: QCoreApplication.translate(
            "Labels", "Asked to be called back"),
    }


def _channel() -> dict[str, str]:
    return {
        Channel.CALL: QCoreApplication.translate("Labels", "Call"),
        Channel.SMS: QCoreApplication.translate("Labels", "SMS"),
        Channel.EMAIL: QCoreApplication.translate("Labels", "E-mail"),
        Channel.IM: QCoreApplication.translate("Labels", "Instant message"),
        Channel.VISIT: QCoreApplication.translate("Labels", "Visit"),
        Channel.LETTER: QCoreApplication.translate("Labels", "Letter"),
    }


def _relation() -> dict[str, str]:
    return {
        ContactRelation.BORROWER: QCoreApplication.translate("Labels", "Borrower"),
        ContactRelation.EMERGENCY_CONTACT: QCoreApplication.translate(
            "Labels", "Emergency contact"),
        ContactRelation.EMPLOYER: QCoreApplication.translate("Labels", "Employer"),
        ContactRelation.GUARANTOR: QCoreApplication.translate("Labels", "Guarantor"),
    }


def _reason() -> dict[str, str]:
    return {
        DelinquencyReason.FINANCIAL_PRESSURE: QCoreApplication.translate(
            "Labels", "Financial pressure"),
        DelinquencyReason.JOB_LOSS: QCoreApplication.translate("Labels", "Lost their job"),
        DelinquencyReason.ILLNESS: QCoreApplication.translate("Labels", "Illness"),
        DelinquencyReason.FAMILY_EMERGENCY: QCoreApplication.translate(
            "Labels", "Family emergency"),
        DelinquencyReason.INCOME_DROP: QCoreApplication.translate("Labels", "Income dropped"),
        DelinquencyReason.DISPUTE: QCoreApplication.translate("Labels", "Disputes the debt"),
        DelinquencyReason.FRAUD: QCoreApplication.translate("Labels", "Claims fraud"),
        DelinquencyReason.FORGOT: QCoreApplication.translate("Labels", "Forgot to pay"),
        DelinquencyReason.UNKNOWN: QCoreApplication.translate("Labels", "Unknown"),
    }


def _mood() -> dict[str, str]:
    return {
        Mood.CALM: QCoreApplication.translate("Labels", "Calm"),
        Mood.COOPERATIVE: QCoreApplication.translate("Labels", "Cooperative"),
        Mood.UPSET: QCoreApplication.translate("Labels", "Upset"),
        Mood.ANGRY: QCoreApplication.translate("Labels", "Angry"),
        Mood.CRYING: QCoreApplication.translate("Labels", "Crying"),
        Mood.THREATENING_COMPLAINT: QCoreApplication.translate(
            "Labels", "Threatening to complain"),
    }


def _role() -> dict[str, str]:
    return {
        Role.AGENT: QCoreApplication.translate("Labels", "Agent"),
        Role.LEAD: QCoreApplication.translate("Labels", "Team lead"),
        Role.ADMIN: QCoreApplication.translate("Labels", "Administrator"),
    }


def _history_kind() -> dict[str, str]:
    return {
        "contact_attempt": QCoreApplication.translate("Labels", "Contact"),
        "message": QCoreApplication.translate("Labels", "Message"),
        "note": QCoreApplication.translate("Labels", "Note"),
        "promise": QCoreApplication.translate("Labels", "Promise"),
        "plan": QCoreApplication.translate("Labels", "Plan"),
        "plan_decision": QCoreApplication.translate("Labels", "Decision"),
    }


_TABLES: dict[type[StrEnum] | str, Callable[[], dict[str, str]]] = {
    Stage: _stage, Bucket: _bucket, Hold: _hold, PlanStatus: _plan_status,
    PromiseStatus: _promise_status, CallResult: _call_result, Channel: _channel,
    ContactRelation: _relation, DelinquencyReason: _reason, Mood: _mood, Role: _role,
    "history": _history_kind,
}


@cache
def table(kind: type[StrEnum] | str, language: Language) -> dict[str, str]:
    """Every value of `kind` with its label in `language` (translators must be installed)."""
    return _TABLES[kind]()


def label(value: StrEnum) -> str:
    """The label of one vocabulary value in the current language."""
    return table(type(value), current_language()).get(str(value), str(value))


def label_of(kind: type[StrEnum] | str, value: str | None) -> str:
    """The label of a raw value of `kind` (as stored), empty for None."""
    if value is None:
        return ""
    return table(kind, current_language()).get(value, value)
