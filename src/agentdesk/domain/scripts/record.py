"""What a walk leaves behind: its transcript, its outcome, and a snapshot to resume from.

All of it is plain JSON-able data (`model_dump(mode="json")`): the transcript and outcome
become part of the contact-attempt record that syncs to the server; the snapshot lets an
interrupted call carry on from where it stopped, with the same script version.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict

from agentdesk.domain.scripts.conditions import Answerer, RuleProfile
from agentdesk.domain.scripts.model import PlanOffer
from agentdesk.domain.vocabulary import (
    CallResult,
    DelinquencyReason,
    Hold,
    Language,
    Mood,
    Stage,
)


class WalkEvent(StrEnum):
    """What happened at one moment of a walk."""

    STEP = "step"  # a step was shown to the agent (with its words as rendered)
    ROUTE = "route"  # the engine chose a way on from the case facts
    ANSWER = "answer"  # the agent recorded the borrower's answer
    CONFIRM = "confirm"  # the agent confirmed a disclosure was read out
    BRANCH = "branch"  # an always-available branch was opened
    OBJECTION = "objection"  # an objection handler was opened
    RETURN = "return"  # back to the step a branch interrupted
    MOOD = "mood"  # the agent marked the borrower's mood
    THIRD_PARTY = "third_party"  # someone other than the borrower is on the line
    END = "end"  # the call's outcome was set


class TranscriptEntry(BaseModel):
    """One line of a walk's transcript."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: AwareDatetime
    event: WalkEvent
    step: str | None = None
    kind: str | None = None
    text: str | None = None
    answer: str | None = None
    label: str | None = None
    detail: str | None = None


class CallOutcome(BaseModel):
    """How the call ended, as the script's ending step sets it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    result: CallResult
    hold: Hold | None = None
    reason: str | None = None
    delinquency_reason: DelinquencyReason | None = None
    accepted_offer: PlanOffer | None = None
    ended_at_step: str


class FactsRecord(BaseModel):
    """Case facts as plain data (the mood and answerer change during a walk)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stage: Stage
    dpd: int
    language: Language
    reason: DelinquencyReason | None = None
    broken_promises: int = 0
    holds: list[Hold] = []
    answered_by: Answerer = Answerer.BORROWER
    mood: Mood | None = None
    profile: RuleProfile = RuleProfile.CN
    first_communication: bool = False


class Frame(BaseModel):
    """A branch or objection that interrupted a step, and the step to return to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    return_to: str
    opened: str


class WalkSnapshot(BaseModel):
    """Everything needed to resume a walk against the same script version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    snapshot_format: int = 1
    script_key: str
    facts: FactsRecord
    current: str | None
    current_text: str | None = None
    current_confirmed: bool = False
    stack: list[Frame] = []
    third_party: bool = False
    accepted_offer: PlanOffer | None = None
    outcome: CallOutcome | None = None
    transcript: list[TranscriptEntry] = []
    last_at: datetime | None = None
