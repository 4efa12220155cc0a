"""What the engine is told: the case, the contact point, the history of attempts.

These are plain frozen records; the caller (client store or server database) builds them.
Every time is timezone-aware — a naive time cannot be judged in the borrower's zone, so
it is refused at construction rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from enum import StrEnum

from agentdesk.domain.compliance.errors import ContactInputError
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold


def require_aware(value: datetime, name: str) -> None:
    """Refuse a naive datetime: rules are judged in local zones, so UTC must be known."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ContactInputError(
            name,
            "时间必须带时区（例如 UTC），不能是无时区的本地时间",
            "must be timezone-aware (e.g. UTC), not a naive local time",
        )


@dataclass(frozen=True)
class InconvenientTime:
    """A time the borrower said is inconvenient, in their local time.

    `start` ≥ `end` means the period runs past midnight (21:00–09:00). `weekdays` are
    0 = Monday … 6 = Sunday, the day the period starts; empty means every day.
    `channels` empty means every channel.
    """

    start: time
    end: time
    weekdays: frozenset[int] = frozenset()
    channels: frozenset[Channel] = frozenset()
    note: str = ""

    def __post_init__(self) -> None:
        bad = [d for d in self.weekdays if not 0 <= d <= 6]
        if bad:
            raise ContactInputError(
                "inconvenient_times.weekdays",
                f"星期必须在 0（周一）到 6（周日）之间，收到 {bad}",
                f"weekdays must be 0 (Monday) to 6 (Sunday), got {bad}",
            )
        if self.start == self.end:
            raise ContactInputError(
                "inconvenient_times",
                "开始与结束时间不能相同",
                "start and end must differ",
            )


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about the case and its borrower.

    `time_zones` are IANA names; when the borrower's location is uncertain give every
    candidate — a time must be allowed in all of them. None known: every contact that
    depends on the time is blocked.
    """

    case_id: str
    time_zones: tuple[str, ...]
    holds: frozenset[Hold] = frozenset()
    borrower_unreachable: bool = False
    borrower_incapacitated: bool = False
    inconvenient_times: tuple[InconvenientTime, ...] = ()


@dataclass(frozen=True)
class ContactPoint:
    """A phone number, address or account someone can be reached at, and whose it is."""

    id: str
    relation: ContactRelation = ContactRelation.BORROWER
    opted_out: frozenset[Channel] = frozenset()
    asked_not_to_be_contacted: bool = False
    workplace_prohibits_contact: bool = False
    # Where the contact point is when that differs from the borrower (a relative abroad).
    time_zones: tuple[str, ...] = ()


class ConsentKind(StrEnum):
    """What the borrower directly agreed to."""

    # To be contacted at a time outside the usual hours (CN-1, US-1).
    CONTACT_TIME = "contact_time"
    # To further calls: Reg F excludes calls within 7 days of such consent from 7-in-7.
    CALL_FREQUENCY = "call_frequency"


@dataclass(frozen=True)
class ConsentRecord:
    """The borrower's direct consent, as recorded by the agent.

    For CONTACT_TIME, `valid_from`/`valid_until` bound the agreed period. For
    CALL_FREQUENCY the policy says how many days it lasts; a later conversation ends it.
    """

    kind: ConsentKind
    given_at: datetime
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    channels: frozenset[Channel] = frozenset()

    def __post_init__(self) -> None:
        for name in ("given_at", "valid_from", "valid_until"):
            value = getattr(self, name)
            if value is not None:
                require_aware(value, f"consent.{name}")
                object.__setattr__(self, name, value.astimezone(UTC))
        if self.kind is ConsentKind.CONTACT_TIME and (
            self.valid_from is None or self.valid_until is None
        ):
            raise ContactInputError(
                "consent.valid_from/valid_until",
                "同意在其他时间联系时必须写明起止时间",
                "consent to a contact time must say from when until when",
            )

    def covers(self, at: datetime, channel: Channel) -> bool:
        """Whether a CONTACT_TIME consent covers a contact at `at` on `channel`."""
        if self.kind is not ConsentKind.CONTACT_TIME:
            return False
        if self.channels and channel not in self.channels:
            return False
        assert self.valid_from is not None and self.valid_until is not None
        return self.valid_from <= at < self.valid_until


@dataclass(frozen=True)
class ContactAttempt:
    """One contact attempt that happened, by any agent on any device.

    `result` is None for channels that have none (an SMS sent). `conversation` overrides
    what the result implies (None: a conversation-type result with the borrower is one).
    `inbound` marks a call the borrower made: it is not a call placed, but a
    conversation on it starts the cool-down all the same.
    """

    at: datetime
    channel: Channel
    contact_point_id: str
    relation: ContactRelation = ContactRelation.BORROWER
    result: CallResult | None = None
    agent_id: str = ""
    device_id: str = ""
    inbound: bool = False
    conversation: bool | None = None
    attempt_id: str = ""

    def __post_init__(self) -> None:
        require_aware(self.at, "attempt.at")
        # Held in UTC: Python compares two times of the same zone by wall clock, which
        # is wrong for the repeated hour at the end of DST.
        object.__setattr__(self, "at", self.at.astimezone(UTC))

    @property
    def is_conversation_with_borrower(self) -> bool:
        """A conversation with the borrower took place on this attempt."""
        if self.relation is not ContactRelation.BORROWER:
            return False
        if self.conversation is not None:
            return self.conversation
        return self.result is not None and self.result.is_conversation


@dataclass(frozen=True)
class ContactHistory:
    """Everything known to have happened on the case: attempts and consents."""

    attempts: tuple[ContactAttempt, ...] = ()
    consents: tuple[ConsentRecord, ...] = field(default=())

    def before(self, moment: datetime, exclude_id: str = "") -> ContactHistory:
        """The history as it stood just before `moment` (for judging a past attempt)."""
        # List comprehensions, not generators: every judged attempt filters its history.
        if exclude_id:
            attempts = [
                a for a in self.attempts if a.at < moment and a.attempt_id != exclude_id
            ]
        else:
            attempts = [a for a in self.attempts if a.at < moment]
        consents = [c for c in self.consents if c.given_at <= moment]
        return ContactHistory(tuple(attempts), tuple(consents))
