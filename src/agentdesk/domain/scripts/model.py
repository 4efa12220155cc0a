"""The script format (version 1): a graph of steps an agent follows during a call.

Documented for authors in resources/scripts/FORMAT.md. A step's `next` (or an answer's)
names another step, or a special target:

- `@return` — go back to the step the agent was on when a branch or objection was opened;
- `@deescalation`, `@third_party`, `@cease_request`, `@dispute`, `@complaint`,
  `@hardship`, `@voicemail` — enter one of the always-available branches.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from agentdesk.domain.restructure import RestructureOptions, Waiver
from agentdesk.domain.schedule import RepaymentMethod
from agentdesk.domain.scripts.conditions import Answerer, Condition
from agentdesk.domain.vocabulary import CallResult, DelinquencyReason, Hold, Language

FORMAT_VERSION = 1

RETURN = "@return"

_ID = r"^[a-z][a-z0-9_]*$"
_TARGET = r"^(@[a-z_]+|[a-z][a-z0-9_]*)$"

StepId = Annotated[str, Field(pattern=_ID, max_length=64)]
# Script and branch-set ids may carry a locale suffix such as `_zh_CN`.
DocumentId = Annotated[str, Field(pattern=r"^[a-z][A-Za-z0-9_]*$", max_length=64)]
Target = Annotated[str, Field(pattern=_TARGET, max_length=64)]
# Words an agent reads out live: short enough to read at a glance, and to fit the
# contact-attempt record (a transcript value holds at most 500 characters).
MAX_SPOKEN = 450
Spoken = Annotated[str, Field(min_length=1, max_length=MAX_SPOKEN)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class BranchKind(StrEnum):
    """The branches every borrower script offers at any moment of the call."""

    DEESCALATION = "deescalation"
    THIRD_PARTY = "third_party"
    CEASE_REQUEST = "cease_request"
    DISPUTE = "dispute"
    COMPLAINT = "complaint"
    HARDSHIP = "hardship"
    VOICEMAIL = "voicemail"

    @property
    def target(self) -> str:
        """How a `next` names this branch: `@hardship`."""
        return f"@{self.value}"

    @property
    def hides_debt(self) -> bool:
        """Whether someone other than the borrower may hear what follows (a third party on
        the line, or a recorded message anyone can play back): no debt details then."""
        return self in (BranchKind.THIRD_PARTY, BranchKind.VOICEMAIL)


def branch_of_target(target: str) -> BranchKind | None:
    """The branch a special target like `@hardship` enters, or None."""
    if not target.startswith("@") or target == RETURN:
        return None
    try:
        return BranchKind(target[1:])
    except ValueError:
        return None


class PlanKind(StrEnum):
    """The kinds of arrangement an offer can propose to the plan calculator."""

    FULL_PAYMENT = "full_payment"
    PARTIAL_PAYMENT = "partial_payment"
    TERM_EXTENSION = "term_extension"
    GRACE_PERIOD = "grace_period"
    PENALTY_WAIVER = "penalty_waiver"
    PERSONALISED_INSTALMENT = "personalised_instalment"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PlanOffer(_Strict):
    """One arrangement to propose, with the plan calculator's fields pre-filled."""

    id: StepId
    plan: PlanKind
    label: Spoken
    extra_months: int | None = Field(default=None, ge=1, le=60)
    grace_months: int | None = Field(default=None, ge=0, le=12)
    waive_penalty_percent: Decimal | None = Field(default=None, ge=0, le=100)
    method: RepaymentMethod | None = None

    def restructure_options(self) -> RestructureOptions:
        """The plan calculator's options pre-filled from this offer."""
        waiver = (
            Waiver.percent(self.waive_penalty_percent)
            if self.waive_penalty_percent is not None and self.waive_penalty_percent > 0
            else None
        )
        return RestructureOptions(
            extra_months=self.extra_months or 0,
            grace_months=self.grace_months or 0,
            penalty_waiver=waiver,
            method=self.method,
        )


class Answer(_Strict):
    """A borrower's possible answer and where it leads."""

    id: StepId
    label: Spoken
    next: Target
    when: Condition | None = None
    records_reason: DelinquencyReason | None = None
    accepts_offer: StepId | None = None


class _StepBase(_Strict):
    # Guidance for the agent's eyes only (how to say it, what to listen for); never read out.
    note: Text | None = None


class SayStep(_StepBase):
    """Words for the agent to say, then on to `next`."""

    kind: Literal["say"]
    text: Spoken
    next: Target | None = None


class DisclosureStep(_StepBase):
    """Mandatory words: the agent must confirm they were read out before going on."""

    kind: Literal["disclosure"]
    text: Spoken
    next: Target | None = None


class QuestionStep(_StepBase):
    """A question; the borrower's answer chooses the next step."""

    kind: Literal["question"]
    text: Spoken
    answers: list[Answer] = Field(min_length=1)


class OfferStep(_StepBase):
    """Arrangements to propose; the answer says whether (and which) was accepted."""

    kind: Literal["offer"]
    text: Spoken
    offers: list[PlanOffer] = Field(min_length=1)
    answers: list[Answer] = Field(min_length=1)

    @model_validator(mode="after")
    def _accepted_offers_exist(self) -> OfferStep:
        ids = {offer.id for offer in self.offers}
        for answer in self.answers:
            if answer.accepts_offer is not None and answer.accepts_offer not in ids:
                raise ValueError(
                    f"answer '{answer.id}' accepts offer '{answer.accepts_offer}', "
                    f"which this step does not make (offers: {', '.join(sorted(ids))})"
                )
        return self


class Route(_Strict):
    """One way out of a route step; the first whose condition matches is taken."""

    when: Condition | None = None
    next: Target


class RouteStep(_StepBase):
    """No words: the engine picks the next step from the case facts."""

    kind: Literal["route"]
    routes: list[Route] = Field(min_length=1)


class EndStep(_StepBase):
    """The end of the call: closing words and the outcome recorded for it."""

    kind: Literal["end"]
    text: Spoken | None = None
    outcome: CallResult
    hold: Hold | None = None
    reason: Annotated[str, Field(min_length=1, max_length=200)] | None = None


Step = Annotated[
    SayStep | DisclosureStep | QuestionStep | OfferStep | RouteStep | EndStep,
    Field(discriminator="kind"),
]


def step_targets(step: Step) -> list[str]:
    """Every `next` a step can lead to, in order (special targets included)."""
    if isinstance(step, SayStep | DisclosureStep):
        return [step.next] if step.next is not None else []
    if isinstance(step, QuestionStep | OfferStep):
        return [answer.next for answer in step.answers]
    if isinstance(step, RouteStep):
        return [route.next for route in step.routes]
    return []


def step_texts(step: Step) -> list[str]:
    """The words of a step that are shown to the agent (text, answers, offers, note)."""
    texts: list[str] = []
    if not isinstance(step, RouteStep) and step.text is not None:
        texts.append(step.text)
    if isinstance(step, QuestionStep | OfferStep):
        texts.extend(answer.label for answer in step.answers)
    if isinstance(step, OfferStep):
        texts.extend(offer.label for offer in step.offers)
    if step.note is not None:
        texts.append(step.note)
    return texts


class PlaceholderSpec(_Strict):
    """A script's own placeholder: the data field it reads and its wording per language."""

    field: str
    format: dict[Language, Annotated[str, Field(min_length=1, max_length=100)]]


class Objection(_Strict):
    """A script-specific objection the agent can open at any moment ("I have no money")."""

    id: StepId
    label: Spoken
    next: StepId


class SourceMap:
    """Where each part of a script was written: a key path → (file, line)."""

    def __init__(self, lines: dict[tuple[str | int, ...], tuple[str, int]] | None = None) -> None:
        self.lines = dict(lines or {})

    def locate(self, path: tuple[str | int, ...]) -> tuple[str, int] | None:
        """The file and line of the deepest known part of `path`."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return None

    def merged(self, other: SourceMap, only_steps: set[str]) -> SourceMap:
        """This map plus `other`'s entries for the given steps."""
        lines = dict(self.lines)
        for path, where in other.lines.items():
            if len(path) >= 2 and path[0] == "steps" and path[1] in only_steps:
                lines[path] = where
        return SourceMap(lines)


class _Document(_Strict):
    format_version: Literal[1]
    id: DocumentId
    version: int = Field(ge=1)
    language: Language
    steps: dict[StepId, Step] = Field(min_length=1)
    _source: SourceMap = PrivateAttr(default_factory=SourceMap)

    @property
    def source(self) -> SourceMap:
        """Where each part was written (empty for scripts built in code)."""
        return self._source

    def with_source(self, source: SourceMap) -> None:
        """Attach the file positions found when the document was parsed."""
        self._source = source


class Script(_Document):
    """A negotiation script: who it is for, its placeholders, its branches and steps."""

    title: Text
    audience: Answerer = Answerer.BORROWER
    priority: int = 0
    applies_when: Condition = Field(default_factory=Condition)
    placeholders: dict[StepId, PlaceholderSpec] = Field(default_factory=dict)
    start: StepId
    branches: dict[BranchKind, StepId] = Field(default_factory=dict)
    objections: list[Objection] = Field(default_factory=list)
    # Branch sets merged in by `assemble`: id → version (part of what a walk is pinned to).
    includes: dict[str, int] = Field(default_factory=dict)

    @property
    def key(self) -> str:
        """The exact script a walk is pinned to: id, version and included branch sets."""
        parts = [f"{self.id}@{self.version}"]
        parts += [f"{name}@{version}" for name, version in sorted(self.includes.items())]
        return "+".join(parts)


class BranchSet(_Document):
    """Shared always-available branches in one language, merged into scripts that lack them."""

    kind: Literal["branch_set"]
    branches: dict[BranchKind, StepId] = Field(min_length=1)
