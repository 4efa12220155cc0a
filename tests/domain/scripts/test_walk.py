"""The walk of one call: choices, disclosures, branches, moods, outcome, save and resume."""

from __future__ import annotations

import json
import random
from datetime import datetime
from decimal import Decimal

import pytest

from agentdesk.domain.scripts import (
    BranchKind,
    CallData,
    CaseFacts,
    InvalidWalkDataError,
    MissingCallDataError,
    NaiveTimestampError,
    ResumeMismatchError,
    UnconfirmedDisclosureError,
    UnknownChoiceError,
    Walk,
    WalkFinishedError,
    load_default_scripts,
)
from agentdesk.domain.vocabulary import CallResult, DelinquencyReason, Hold, Language, Mood, Stage
from tests.domain.scripts.cases import call_data, tick

SCRIPTS = {s.id: s for s in load_default_scripts()}
NEGOTIATION = SCRIPTS["negotiation_en"]
FACTS = CaseFacts(stage=Stage.NEGOTIATION, dpd=47, language=Language.EN)
DATA = CallData(
    borrower_name="Emily Carter",
    agent_name="Sarah Lee",
    company="Anxin Consumer Finance",
    callback_number="400-820-6688",
    amount_overdue=Decimal("2468.30"),
    outstanding_balance=Decimal("18250.00"),
    instalment=Decimal("1234.15"),
    due_date=datetime(2026, 10, 12).date(),
    dpd=47,
    product_name="Easy Instalment Loan",
)


def _to_why() -> Walk:
    walk = Walk.begin(NEGOTIATION, FACTS, DATA, tick(0))
    walk.choose("is_borrower", tick(1))
    walk.confirm_disclosure(tick(2))
    walk.advance(tick(3))
    assert walk.current == "purpose"
    walk.advance(tick(4))
    return walk


def test_the_first_step_is_rendered_for_the_borrower() -> None:
    walk = Walk.begin(NEGOTIATION, FACTS, DATA, tick(0))
    view = walk.view()
    assert view.step_id == "open"
    assert view.text is not None and "Sarah Lee" in view.text and "Emily Carter" in view.text
    assert [c.id for c in view.choices] == ["is_borrower", "someone_else", "voicemail"]


def test_amounts_and_dates_are_formatted_for_the_language() -> None:
    walk = _to_why()
    purpose = next(e for e in walk.transcript() if e.get("step") == "purpose" and "text" in e)
    assert "CNY\u00a02,468.30" in purpose["text"]
    assert "12 Oct 2026" in purpose["text"]
    assert "47 days" in purpose["text"]

    zh = SCRIPTS["negotiation_zh_CN"]
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=47, language=Language.ZH_CN)
    data = CallData(**{**DATA.__dict__, "borrower_name": "张伟"})
    walk = Walk.begin(zh, facts, data, tick(0))
    walk.choose("is_borrower", tick(1))
    walk.confirm_disclosure(tick(2))
    walk.advance(tick(3))
    assert walk.current_text is not None
    assert "¥2,468.30" in walk.current_text
    assert "2026年10月12日" in walk.current_text
    assert "47天" in walk.current_text


def test_a_disclosure_cannot_be_passed_unconfirmed() -> None:
    walk = Walk.begin(NEGOTIATION, FACTS, DATA, tick(0))
    walk.choose("is_borrower", tick(1))
    assert walk.view().needs_confirmation
    with pytest.raises(UnconfirmedDisclosureError) as raised:
        walk.advance(tick(2))
    assert raised.value.step_id == "recording"
    assert "recording" in raised.value.message(Language.ZH_CN)
    walk.confirm_disclosure(tick(3))
    assert not walk.view().needs_confirmation
    walk.advance(tick(4))
    assert walk.current == "purpose"
    assert walk.confirmed_disclosures == ["recording"]
    confirms = [e for e in walk.transcript() if e["event"] == "confirm"]
    assert confirms == [
        {
            "at": "2026-11-28T10:15:30Z",
            "event": "confirm",
            "step": "recording",
            "kind": "disclosure",
        }
    ]


def test_a_returning_interruption_asks_for_the_disclosure_again() -> None:
    walk = Walk.begin(NEGOTIATION, FACTS, DATA, tick(0))
    walk.choose("is_borrower", tick(1))
    walk.open_branch(BranchKind.DEESCALATION, tick(2))
    walk.advance(tick(3))
    walk.choose("carry_on", tick(4))
    walk.advance(tick(5))
    assert walk.current == "recording"
    with pytest.raises(UnconfirmedDisclosureError):
        walk.advance(tick(6))


def test_an_unknown_answer_is_refused_with_the_choices() -> None:
    walk = _to_why()
    with pytest.raises(UnknownChoiceError) as raised:
        walk.choose("won_the_lottery", tick(5))
    assert "income_fell" in raised.value.available


def test_the_term_extension_path_records_reason_and_offer() -> None:
    walk = _to_why()
    walk.choose("income_fell", tick(5))
    walk.choose("less_than_instalment", tick(6))
    view = walk.view()
    assert view.kind == "offer" and [o.id for o in view.offers] == ["extend_12", "extend_6"]
    walk.choose("accepts_12", tick(7))
    walk.confirm_disclosure(tick(8))
    walk.advance(tick(9))
    assert walk.finished and walk.outcome is not None
    assert walk.outcome.result is CallResult.PLAN_PROPOSED
    assert walk.outcome.delinquency_reason is DelinquencyReason.INCOME_DROP
    offer = walk.outcome.accepted_offer
    assert offer is not None and offer.extra_months == 12
    options = offer.restructure_options()
    assert options.extra_months == 12 and options.grace_months == 0
    with pytest.raises(WalkFinishedError):
        walk.advance(tick(10))


def test_an_angry_mood_opens_de_escalation_and_returns_where_it_was() -> None:
    walk = _to_why()
    walk.mark_mood(Mood.ANGRY, tick(5))
    assert walk.current == "calm_listen"
    assert walk.facts.mood is Mood.ANGRY
    walk.mark_mood(Mood.CRYING, tick(6))  # already calming down: stays put
    assert walk.current == "calm_listen"
    walk.advance(tick(7))
    walk.choose("still_upset", tick(8))
    walk.advance(tick(9))
    walk.choose("carry_on", tick(10))
    walk.advance(tick(11))
    assert walk.current == "why" and walk.stack == []
    events = [e["event"] for e in walk.transcript()]
    assert events.count("mood") == 2 and "branch" in events and "return" in events


def test_stop_calling_sets_the_hold_and_ends_politely() -> None:
    walk = _to_why()
    walk.open_branch(BranchKind.CEASE_REQUEST, tick(5))
    walk.advance(tick(6))
    assert walk.outcome is not None
    assert walk.outcome.hold is Hold.CEASE_REQUEST
    assert walk.outcome.reason
    assert walk.current_text is not None and "400-820-6688" in walk.current_text


def test_an_objection_returns_to_the_step_it_interrupted() -> None:
    walk = _to_why()
    assert [o.id for o in walk.available_objections()] == ["why_so_much", "busy_now", "no_money"]
    walk.raise_objection("why_so_much", tick(5))
    assert walk.current == "obj_breakdown"
    walk.advance(tick(6))
    assert walk.current == "why"
    with pytest.raises(UnknownChoiceError):
        walk.raise_objection("the_weather", tick(7))


def test_save_and_resume_an_interrupted_call() -> None:
    walk = _to_why()
    walk.choose("income_fell", tick(5))
    walk.mark_mood(Mood.UPSET, tick(6))
    saved = json.loads(json.dumps(walk.to_data()))  # really plain JSON

    resumed = Walk.resume(saved, NEGOTIATION, DATA)
    assert resumed.current == walk.current == "calm_listen"
    assert resumed.view() == walk.view()
    assert resumed.transcript() == walk.transcript()
    assert resumed.facts == walk.facts

    for w in (walk, resumed):
        w.advance(tick(7))
        w.choose("carry_on", tick(8))
        w.advance(tick(9))
        w.choose("instalment_only", tick(10))
        w.choose("accepts_6", tick(11))
        w.confirm_disclosure(tick(12))
        w.advance(tick(13))
    assert resumed.outcome == walk.outcome
    assert resumed.transcript() == walk.transcript()


def test_resume_refuses_another_script_version() -> None:
    saved = _to_why().to_data()
    newer = NEGOTIATION.model_copy(update={"version": 2})
    with pytest.raises(ResumeMismatchError) as raised:
        Walk.resume(saved, newer, DATA)
    assert "negotiation_en@1" in str(raised.value) and "negotiation_en@2" in str(raised.value)


def test_resume_refuses_damaged_data() -> None:
    saved = _to_why().to_data()
    with pytest.raises(InvalidWalkDataError):
        Walk.resume({**saved, "current": 42, "stack": "x"}, NEGOTIATION, DATA)
    with pytest.raises(InvalidWalkDataError):
        Walk.resume({**saved, "current": "no_such_step"}, NEGOTIATION, DATA)


def test_times_must_be_aware_and_are_never_read_from_the_clock() -> None:
    walk = Walk.begin(NEGOTIATION, FACTS, DATA, tick(0))
    with pytest.raises(NaiveTimestampError):
        walk.choose("is_borrower", datetime(2026, 11, 28, 10, 0))
    assert {e["at"] for e in walk.transcript()} == {"2026-11-28T10:15:00Z"}


def test_missing_case_data_is_a_typed_error() -> None:
    data = CallData(borrower_name="Emily Carter", company="Anxin Consumer Finance")
    with pytest.raises(MissingCallDataError) as raised:
        Walk.begin(NEGOTIATION, FACTS, data, tick(0))
    assert raised.value.field == "agent_name"


def test_a_fork_does_not_change_the_original() -> None:
    walk = _to_why()
    twin = walk.fork()
    twin.choose("forgot", tick(5))
    assert walk.current == "why" and twin.current == "pay_in_full"


def test_a_recorded_hardship_reason_routes_to_the_known_hardship_opening() -> None:
    facts = FACTS.evolve(reason=DelinquencyReason.ILLNESS)
    walk = Walk.begin(NEGOTIATION, facts, call_data(Language.EN, random.Random(5), 47), tick(0))
    walk.choose("is_borrower", tick(1))
    walk.confirm_disclosure(tick(2))
    walk.advance(tick(3))
    assert walk.current == "purpose_known_hardship"


@pytest.mark.parametrize(
    ("mood", "first_step"),
    [
        (Mood.CRYING, "calm_tears"),
        (Mood.THREATENING_COMPLAINT, "calm_complaint_offered"),
        (Mood.UPSET, "calm_listen"),
    ],
)
def test_the_mood_chooses_how_de_escalation_opens(mood: Mood, first_step: str) -> None:
    walk = _to_why()
    walk.mark_mood(mood, tick(5))
    assert walk.current == first_step
    assert walk.stack[-1].return_to == "why"


def test_a_return_with_nothing_open_is_a_typed_error_in_an_unlinted_script() -> None:
    from agentdesk.domain.scripts.errors import NothingToReturnToError
    from tests.domain.scripts.sample import parse, sample

    data = sample()
    data["steps"]["notice"]["next"] = "@return"
    script = parse(data)  # parsed, deliberately not linted
    walk = Walk.begin(script, FACTS, DATA, tick(0))
    walk.choose("yes", tick(1))
    walk.confirm_disclosure(tick(2))
    with pytest.raises(NothingToReturnToError):
        walk.advance(tick(3))
