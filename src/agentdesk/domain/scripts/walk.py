"""A walk: one call guided by one script, step by step.

The agent sees the current step (its words rendered with the case data), records the
borrower's answers, confirms disclosures, marks the mood, and can open an always-available
branch (de-escalation, third party, stop-calling, dispute, complaint, hardship) or an
objection at any moment. Times are passed in; the walk never reads the clock.

Two rules are enforced here and not left to the screen: nobody goes past a disclosure
that was not confirmed, and once a third party is on the line no debt detail is rendered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from agentdesk.domain.scripts.conditions import Answerer, CaseFacts
from agentdesk.domain.scripts.errors import (
    InvalidWalkDataError,
    NaiveTimestampError,
    NothingToReturnToError,
    ResumeMismatchError,
    UnconfirmedDisclosureError,
    UnknownChoiceError,
    WalkFinishedError,
)
from agentdesk.domain.scripts.model import (
    RETURN,
    Answer,
    BranchKind,
    DisclosureStep,
    EndStep,
    OfferStep,
    PlanOffer,
    QuestionStep,
    RouteStep,
    SayStep,
    Script,
    Step,
    branch_of_target,
)
from agentdesk.domain.scripts.placeholders import CallData
from agentdesk.domain.scripts.record import (
    CallOutcome,
    FactsRecord,
    Frame,
    TranscriptEntry,
    WalkEvent,
    WalkSnapshot,
)
from agentdesk.domain.scripts.render import catalogue, render_text
from agentdesk.domain.vocabulary import Mood

NEXT = "next"  # the one choice of a say or disclosure step

# Moods that call for de-escalation before anything else is said.
ESCALATED_MOODS = frozenset({Mood.UPSET, Mood.ANGRY, Mood.CRYING, Mood.THREATENING_COMPLAINT})


@dataclass(frozen=True)
class Choice:
    """Something the agent can record at the current step."""

    id: str
    label: str


@dataclass(frozen=True)
class StepView:
    """The current step as the agent sees it."""

    step_id: str
    kind: str
    text: str | None
    note: str | None
    choices: tuple[Choice, ...]
    offers: tuple[PlanOffer, ...]
    needs_confirmation: bool


def _facts_record(facts: CaseFacts) -> FactsRecord:
    return FactsRecord(
        stage=facts.stage,
        dpd=facts.dpd,
        language=facts.language,
        reason=facts.reason,
        broken_promises=facts.broken_promises,
        holds=sorted(facts.holds),
        answered_by=facts.answered_by,
        mood=facts.mood,
        profile=facts.profile,
        first_communication=facts.first_communication,
    )


def _facts(record: FactsRecord) -> CaseFacts:
    return CaseFacts(
        stage=record.stage,
        dpd=record.dpd,
        language=record.language,
        reason=record.reason,
        broken_promises=record.broken_promises,
        holds=frozenset(record.holds),
        answered_by=record.answered_by,
        mood=record.mood,
        profile=record.profile,
        first_communication=record.first_communication,
    )


class Walk:
    """One call's way through a script. Create with `Walk.begin` or `Walk.resume`."""

    def __init__(self, script: Script, data: CallData, facts: CaseFacts) -> None:
        self.script = script
        self.data = data
        self.facts = facts
        self._placeholders = catalogue(script)  # cheap: a dict of the script's placeholders
        self.current: str | None = None
        self.current_text: str | None = None
        self.current_confirmed = False
        self.stack: list[Frame] = []
        self.third_party = script.audience is Answerer.THIRD_PARTY
        self.accepted_offer: PlanOffer | None = None
        self.outcome: CallOutcome | None = None
        self.entries: list[TranscriptEntry] = []
        self._last_at: datetime | None = None

    # ------------------------------------------------------------------ starting
    @classmethod
    def begin(cls, script: Script, facts: CaseFacts, data: CallData, at: datetime) -> Walk:
        """Start a walk at the script's first step (or its third-party flow if a third
        party answered)."""
        walk = cls(script, data, facts)
        walk._stamp(at)
        if facts.answered_by is Answerer.THIRD_PARTY and not walk.third_party:
            walk._switch_to_third_party(at)
        else:
            walk._enter(script.start, at)
        return walk

    @classmethod
    def resume(cls, snapshot: dict[str, Any], script: Script, data: CallData) -> Walk:
        """Carry on a walk saved with `to_data`, against the very same script version."""
        try:
            saved = WalkSnapshot.model_validate(snapshot)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            field = ".".join(str(part) for part in first["loc"]) or "(snapshot)"
            raise InvalidWalkDataError(field, first["msg"], first["msg"]) from exc
        if saved.script_key != script.key:
            raise ResumeMismatchError(saved.script_key, script.key)
        for step_id in [saved.current, *(f.return_to for f in saved.stack)]:
            if step_id is not None and step_id not in script.steps:
                raise InvalidWalkDataError(
                    "current",
                    f"step '{step_id}' is not in the script",
                    f"脚本中没有步骤“{step_id}”",
                )
        walk = cls(script, data, _facts(saved.facts))
        walk.current = saved.current
        walk.current_text = saved.current_text
        walk.current_confirmed = saved.current_confirmed
        walk.stack = list(saved.stack)
        walk.third_party = saved.third_party
        walk.accepted_offer = saved.accepted_offer
        walk.outcome = saved.outcome
        walk.entries = list(saved.transcript)
        walk._last_at = saved.last_at
        return walk

    def to_data(self) -> dict[str, Any]:
        """The walk as plain JSON-able data, to save and `resume` later."""
        return WalkSnapshot(
            script_key=self.script.key,
            facts=_facts_record(self.facts),
            current=self.current,
            current_text=self.current_text,
            current_confirmed=self.current_confirmed,
            stack=self.stack,
            third_party=self.third_party,
            accepted_offer=self.accepted_offer,
            outcome=self.outcome,
            transcript=self.entries,
            last_at=self._last_at,
        ).model_dump(mode="json")

    def fork(self) -> Walk:
        """An independent copy of this walk (to explore "what if" without changing it)."""
        twin = Walk(self.script, self.data, self.facts)
        twin.current = self.current
        twin.current_text = self.current_text
        twin.current_confirmed = self.current_confirmed
        twin.stack = list(self.stack)
        twin.third_party = self.third_party
        twin.accepted_offer = self.accepted_offer
        twin.outcome = self.outcome
        twin.entries = list(self.entries)
        twin._last_at = self._last_at
        return twin

    # ------------------------------------------------------------------ reading
    @property
    def finished(self) -> bool:
        """Whether the walk reached an ending."""
        return self.outcome is not None

    @property
    def step(self) -> Step:
        """The current step's definition."""
        assert self.current is not None
        return self.script.steps[self.current]

    def view(self) -> StepView:
        """The current step as the agent sees it: words, choices, offers."""
        step = self.step
        assert self.current is not None
        offers = tuple(step.offers) if isinstance(step, OfferStep) else ()
        return StepView(
            step_id=self.current,
            kind=step.kind,
            text=self.current_text,
            note=step.note,
            choices=tuple(self.choices()),
            offers=offers,
            needs_confirmation=isinstance(step, DisclosureStep) and not self.current_confirmed,
        )

    def choices(self) -> list[Choice]:
        """What the agent can record at this step (answers whose conditions hold)."""
        if self.finished:
            return []
        step = self.step
        if isinstance(step, SayStep | DisclosureStep):
            return [Choice(NEXT, "")]
        if isinstance(step, QuestionStep | OfferStep):
            return [Choice(a.id, self._render(a.label)) for a in self._answers(step)]
        return []

    def available_branches(self) -> list[BranchKind]:
        """The branches the agent can open now (none once a third party is on the line)."""
        if self.finished or self.third_party:
            return []
        return [kind for kind in BranchKind if kind in self.script.branches]

    def available_objections(self) -> list[Choice]:
        """The script's objection handlers the agent can open now."""
        if self.finished or self.third_party:
            return []
        return [Choice(o.id, self._render(o.label)) for o in self.script.objections]

    @property
    def confirmed_disclosures(self) -> list[str]:
        """The disclosure steps confirmed as read out so far, in order."""
        return [e.step for e in self.entries if e.event is WalkEvent.CONFIRM and e.step]

    def transcript(self) -> list[dict[str, Any]]:
        """The walk's transcript as plain data: every event with its rendered words."""
        return [entry.model_dump(mode="json", exclude_none=True) for entry in self.entries]

    def record_entries(self) -> list[dict[str, Any]]:
        """The transcript in the contact-attempt record's shape: `step_id`, `action`
        (the event), `value` (the words shown, the answer chosen, or the branch, mood or
        result) and `at`. Spoken text is at most 450 characters before placeholders are
        filled, so a value fits the record's 500."""
        return [
            {
                "step_id": entry.step,
                "action": entry.event.value,
                "value": entry.text
                if entry.event is WalkEvent.STEP
                else entry.answer or entry.detail,
                "at": entry.at.isoformat(),
            }
            for entry in self.entries
        ]

    # ------------------------------------------------------------------ acting
    def choose(self, choice_id: str, at: datetime) -> None:
        """Record the answer `choice_id` (or `next` on a say/disclosure step) and move on."""
        self._stamp(at)
        self._not_finished()
        step = self.step
        assert self.current is not None
        if isinstance(step, SayStep | DisclosureStep):
            if choice_id != NEXT:
                raise UnknownChoiceError(self.current, choice_id, [NEXT])
            if isinstance(step, DisclosureStep) and not self.current_confirmed:
                raise UnconfirmedDisclosureError(self.current)
            assert step.next is not None
            self._follow(step.next, at)
            return
        if not isinstance(step, QuestionStep | OfferStep):
            raise UnknownChoiceError(self.current, choice_id, [])
        answers = {a.id: a for a in self._answers(step)}
        answer = answers.get(choice_id)
        if answer is None:
            raise UnknownChoiceError(self.current, choice_id, list(answers))
        self._log(at, WalkEvent.ANSWER, answer=answer.id, label=self._render(answer.label))
        if answer.records_reason is not None:
            self.facts = self.facts.evolve(reason=answer.records_reason)
        if answer.accepts_offer is not None and isinstance(step, OfferStep):
            self.accepted_offer = next(o for o in step.offers if o.id == answer.accepts_offer)
        self._follow(answer.next, at)

    def advance(self, at: datetime) -> None:
        """Go on from a say or disclosure step (same as `choose("next", at)`)."""
        self.choose(NEXT, at)

    def confirm_disclosure(self, at: datetime) -> None:
        """Record that the current disclosure was read out in full."""
        self._stamp(at)
        self._not_finished()
        assert self.current is not None
        if not isinstance(self.step, DisclosureStep):
            raise UnknownChoiceError(self.current, "confirm", [c.id for c in self.choices()])
        self.current_confirmed = True
        self._log(at, WalkEvent.CONFIRM)

    def open_branch(self, kind: BranchKind, at: datetime) -> None:
        """Open an always-available branch; most return here when they are done."""
        self._stamp(at)
        self._not_finished()
        allowed = self.available_branches()
        if kind not in allowed:
            assert self.current is not None
            raise UnknownChoiceError(self.current, f"@{kind.value}", [k.value for k in allowed])
        if kind.hides_debt:
            self._switch_to_third_party(at, kind)
            return
        assert self.current is not None
        self.stack.append(Frame(return_to=self.current, opened=kind.value))
        self._log(at, WalkEvent.BRANCH, detail=kind.value)
        self._enter(self.script.branches[kind], at)

    def raise_objection(self, objection_id: str, at: datetime) -> None:
        """Open the handler for one of the script's objections."""
        self._stamp(at)
        self._not_finished()
        assert self.current is not None
        handlers = {o.id: o for o in self.script.objections} if not self.third_party else {}
        objection = handlers.get(objection_id)
        if objection is None:
            raise UnknownChoiceError(self.current, objection_id, list(handlers))
        self.stack.append(Frame(return_to=self.current, opened=objection.id))
        self._log(at, WalkEvent.OBJECTION, detail=objection.id, label=objection.label)
        self._enter(objection.next, at)

    def switch_to_third_party(self, at: datetime) -> None:
        """Someone other than the borrower is on the line: go to the third-party flow."""
        self.open_branch(BranchKind.THIRD_PARTY, at)

    def mark_mood(self, mood: Mood, at: datetime) -> None:
        """Record the borrower's mood; an upset borrower takes the walk to de-escalation."""
        self._stamp(at)
        self._not_finished()
        self.facts = self.facts.evolve(mood=mood)
        self._log(at, WalkEvent.MOOD, detail=mood.value)
        calming = any(f.opened == BranchKind.DEESCALATION.value for f in self.stack)
        if (
            mood in ESCALATED_MOODS
            and not calming
            and BranchKind.DEESCALATION in self.available_branches()
        ):
            self.open_branch(BranchKind.DEESCALATION, at)

    # ------------------------------------------------------------------ inside
    def _answers(self, step: QuestionStep | OfferStep) -> list[Answer]:
        return [a for a in step.answers if a.when is None or a.when.matches(self.facts)]

    def _render(self, text: str) -> str:
        return render_text(
            text, self._placeholders, self.data, self.script.language, third_party=self.third_party
        )

    def _stamp(self, at: datetime) -> None:
        if at.tzinfo is None or at.utcoffset() is None:
            raise NaiveTimestampError("at")
        self._last_at = at

    def _not_finished(self) -> None:
        if self.finished:
            raise WalkFinishedError()

    def _log(self, at: datetime, event: WalkEvent, **fields: str | None) -> None:
        # Before the first step is shown (a third party answered at once) events belong
        # to the script's start.
        step_id = self.current if self.current is not None else self.script.start
        self.entries.append(
            TranscriptEntry(
                at=at, event=event, step=step_id, kind=self.script.steps[step_id].kind, **fields
            )
        )

    def _switch_to_third_party(
        self, at: datetime, kind: BranchKind = BranchKind.THIRD_PARTY
    ) -> None:
        # One way only: whatever was interrupted is not returned to with a stranger (or
        # a machine) listening, and from now on no debt detail is rendered.
        self.third_party = True
        self.stack.clear()
        if kind is BranchKind.THIRD_PARTY:
            self.facts = self.facts.evolve(answered_by=Answerer.THIRD_PARTY)
            self._log(at, WalkEvent.THIRD_PARTY)
        else:
            self._log(at, WalkEvent.BRANCH, detail=kind.value)
        self._enter(self.script.branches[kind], at)

    def _follow(self, target: str, at: datetime) -> None:
        if target == RETURN:
            if not self.stack:  # only an unlinted script gets here (RETURN_OUTSIDE_BRANCH)
                raise NothingToReturnToError(self.current or self.script.start)
            frame = self.stack.pop()
            self._log(at, WalkEvent.RETURN, detail=frame.opened)
            self._enter(frame.return_to, at)
            return
        kind = branch_of_target(target)
        if kind is not None and kind.hides_debt:
            self._switch_to_third_party(at, kind)
        elif kind is not None:
            self._log(at, WalkEvent.BRANCH, detail=kind.value)
            self._enter(self.script.branches[kind], at)
        else:
            self._enter(target, at)

    def _enter(self, step_id: str, at: datetime) -> None:
        step = self.script.steps[step_id]
        if isinstance(step, RouteStep):
            route = next(r for r in step.routes if r.when is None or r.when.matches(self.facts))
            self.current = step_id
            self._log(at, WalkEvent.ROUTE, detail=route.next)
            self._follow(route.next, at)
            return
        self.current = step_id
        self.current_confirmed = False
        self.current_text = self._render(step.text) if step.text is not None else None
        self._log(at, WalkEvent.STEP, text=self.current_text)
        if isinstance(step, EndStep):
            self.outcome = CallOutcome(
                result=step.outcome,
                hold=step.hold,
                reason=step.reason,
                delinquency_reason=self.facts.reason,
                accepted_offer=self.accepted_offer,
                ended_at_step=step_id,
            )
            self._log(at, WalkEvent.END, detail=step.outcome.value)
