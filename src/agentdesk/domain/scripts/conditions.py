"""Case facts and the conditions that choose a script and its branches.

A condition lists what must be true of the case; every field left out matches anything.
A list means "one of these". The walk evaluates conditions against the facts as they stand
at that moment: the mood the agent marked and who answered change during a call.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agentdesk.domain.vocabulary import Bucket, DelinquencyReason, Hold, Language, Mood, Stage


class Answerer(StrEnum):
    """Who is on the line."""

    BORROWER = "borrower"
    THIRD_PARTY = "third_party"


class RuleProfile(StrEnum):
    """The contact rules the call is made under (COMPLIANCE.md profiles)."""

    CN = "cn"
    US = "us"


@dataclass(frozen=True)
class CaseFacts:
    """What the engine knows about a case when choosing a script or a branch."""

    stage: Stage
    dpd: int
    language: Language
    reason: DelinquencyReason | None = None
    broken_promises: int = 0
    holds: frozenset[Hold] = field(default_factory=frozenset)
    answered_by: Answerer = Answerer.BORROWER
    mood: Mood | None = None
    profile: RuleProfile = RuleProfile.CN
    first_communication: bool = False

    def __post_init__(self) -> None:
        if self.dpd < 0:
            raise ValueError(f"dpd must be 0 or more, got {self.dpd}")
        if self.broken_promises < 0:
            raise ValueError(f"broken_promises must be 0 or more, got {self.broken_promises}")

    @property
    def bucket(self) -> Bucket:
        """The delinquency bucket, always derived from the days past due."""
        return Bucket.for_dpd(self.dpd)

    def evolve(self, **changes: object) -> CaseFacts:
        """A copy with some facts changed (mood, answerer, recorded reason)."""
        return replace(self, **changes)  # type: ignore[arg-type]


class Range(BaseModel):
    """An inclusive whole-number range; either end may be left open."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) must not be greater than max ({self.max})")
        return self

    def contains(self, value: int) -> bool:
        """Whether `value` lies in the range."""
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Condition(BaseModel):
    """What must hold of the case for a script or branch to apply."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stage: list[Stage] | None = None
    bucket: list[Bucket] | None = None
    dpd: Range | None = None
    reason: list[DelinquencyReason] | None = None
    broken_promises: Range | None = None
    holds_any_of: list[Hold] | None = None
    without_holds: bool | None = None
    language: Language | None = None
    answered_by: Answerer | None = None
    mood: list[Mood] | None = None
    profile: RuleProfile | None = None
    first_communication: bool | None = None

    @property
    def specificity(self) -> int:
        """How many facts the condition constrains: the more, the better it fits."""
        return sum(1 for name in type(self).model_fields if getattr(self, name) is not None)

    def matches(self, facts: CaseFacts) -> bool:
        """Whether every constraint holds for `facts`."""
        checks = (
            self.stage is None or facts.stage in self.stage,
            self.bucket is None or facts.bucket in self.bucket,
            self.dpd is None or self.dpd.contains(facts.dpd),
            self.reason is None or (facts.reason is not None and facts.reason in self.reason),
            self.broken_promises is None or self.broken_promises.contains(facts.broken_promises),
            self.holds_any_of is None or bool(facts.holds & set(self.holds_any_of)),
            self.without_holds is None or self.without_holds == (not facts.holds),
            self.language is None or facts.language is self.language,
            self.answered_by is None or facts.answered_by is self.answered_by,
            self.mood is None or (facts.mood is not None and facts.mood in self.mood),
            self.profile is None or facts.profile is self.profile,
            self.first_communication is None
            or facts.first_communication == self.first_communication,
        )
        return all(checks)
