"""The shared words of collections: stages, buckets, holds, roles, channels, outcomes.

Every layer speaks these names (the database stores the values, the wire carries them,
the UI translates them), so they live here once. Values are stable lowercase strings:
changing one is a data migration, not a refactor.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """The languages AgentDesk speaks; domain messages are rendered in one of these."""

    ZH_CN = "zh_CN"
    EN = "en"


class Role(StrEnum):
    """Who a user is. Order matters for authority: each role can do what the one before can."""

    AGENT = "agent"
    LEAD = "lead"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]


_ROLE_RANK = {Role.AGENT: 0, Role.LEAD: 1, Role.ADMIN: 2}


class Stage(StrEnum):
    """Where a case is on the collection path (DOMAIN.md)."""

    REMINDER = "reminder"
    NEGOTIATION = "negotiation"
    PRE_LEGAL = "pre_legal"
    LEGAL = "legal"


class Bucket(StrEnum):
    """Delinquency bucket by days past due: M1 1–30, M2 31–60, M3 61–90, M3+ over 90."""

    CURRENT = "current"
    M1 = "M1"
    M2 = "M2"
    M3 = "M3"
    M3_PLUS = "M3+"

    @classmethod
    def for_dpd(cls, dpd: int) -> Bucket:
        """The bucket of a loan that is `dpd` days past due (0 means not overdue)."""
        if dpd < 0:
            raise ValueError(f"days past due cannot be negative, got {dpd}")
        if dpd == 0:
            return cls.CURRENT
        if dpd <= 30:
            return cls.M1
        if dpd <= 60:
            return cls.M2
        if dpd <= 90:
            return cls.M3
        return cls.M3_PLUS


class Hold(StrEnum):
    """A reason a case must not be contacted for collection (COMPLIANCE.md, 'Holds')."""

    COMPLAINT = "complaint"
    DISPUTE = "dispute"
    CEASE_REQUEST = "cease_request"
    ATTORNEY = "attorney"
    DECEASED = "deceased"
    VULNERABLE = "vulnerable"


class Channel(StrEnum):
    """How a contact is made."""

    CALL = "call"
    SMS = "sms"
    EMAIL = "email"
    IM = "im"
    VISIT = "visit"
    LETTER = "letter"


class ContactRelation(StrEnum):
    """Whose a contact point is. Anyone but the borrower is a third party."""

    BORROWER = "borrower"
    EMERGENCY_CONTACT = "emergency_contact"
    EMPLOYER = "employer"
    GUARANTOR = "guarantor"

    @property
    def is_third_party(self) -> bool:
        return self is not ContactRelation.BORROWER


class CallResult(StrEnum):
    """The result code an agent records for a contact attempt."""

    NO_ANSWER = "no_answer"
    BUSY = "busy"
    NOT_IN_SERVICE = "not_in_service"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong_number"
    THIRD_PARTY = "third_party"
    RIGHT_PARTY_CONTACT = "right_party_contact"
    REFUSED = "refused"
    PROMISE = "promise"
    PLAN_PROPOSED = "plan_proposed"
    DISPUTE = "dispute"
    COMPLAINT = "complaint"
    CALLBACK_REQUESTED = "callback_requested"

    @property
    def is_conversation(self) -> bool:
        """A telephone conversation with the borrower took place."""
        return self in _CONVERSATIONS


_CONVERSATIONS = frozenset(
    {
        CallResult.RIGHT_PARTY_CONTACT,
        CallResult.REFUSED,
        CallResult.PROMISE,
        CallResult.PLAN_PROPOSED,
        CallResult.DISPUTE,
        CallResult.COMPLAINT,
        CallResult.CALLBACK_REQUESTED,
    }
)


class DelinquencyReason(StrEnum):
    """Why the borrower fell behind (DOMAIN.md): the right offer depends on it."""

    FINANCIAL_PRESSURE = "financial_pressure"
    JOB_LOSS = "job_loss"
    ILLNESS = "illness"
    FAMILY_EMERGENCY = "family_emergency"
    INCOME_DROP = "income_drop"
    DISPUTE = "dispute"
    FRAUD = "fraud"
    FORGOT = "forgot"
    UNKNOWN = "unknown"


class Mood(StrEnum):
    """The borrower's mood as the agent marks it during a call."""

    CALM = "calm"
    COOPERATIVE = "cooperative"
    UPSET = "upset"
    ANGRY = "angry"
    CRYING = "crying"
    THREATENING_COMPLAINT = "threatening_complaint"


class PlanStatus(StrEnum):
    """The life of a repayment-plan proposal."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


class PromiseStatus(StrEnum):
    """A promise to pay: open until its date passes, then kept or broken by the payments."""

    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"
