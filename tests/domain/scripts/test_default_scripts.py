"""The shipped scripts: they load, pass lint, and every path ends with an outcome."""

from __future__ import annotations

import random

import pytest

from agentdesk.domain.scripts import Answerer, Script, Walk, load_default_scripts, pick_script
from agentdesk.domain.scripts.conditions import CaseFacts, RuleProfile
from agentdesk.domain.vocabulary import CallResult, Hold, Language, Stage
from tests.domain.scripts.cases import call_data, fact_variants, tick
from tests.domain.scripts.paths import all_paths

SCRIPTS = load_default_scripts()
BY_ID = {s.id: s for s in SCRIPTS}
KINDS = ["first_reminder", "negotiation", "promise_follow_up", "pre_legal_notice", "third_party"]
STAGE = {
    "first_reminder": Stage.REMINDER,
    "negotiation": Stage.NEGOTIATION,
    "promise_follow_up": Stage.NEGOTIATION,
    "pre_legal_notice": Stage.PRE_LEGAL,
    "third_party": Stage.NEGOTIATION,
}
IDS = [f"{kind}_{lang.value}" for kind in KINDS for lang in Language]


def _facts(script: Script) -> list[CaseFacts]:
    kind = script.id.removesuffix(f"_{script.language.value}")
    return fact_variants(script.language, STAGE[kind], script.audience)


def _begin(script: Script, facts: CaseFacts, seed: int) -> Walk:
    return Walk.begin(
        script, facts, call_data(script.language, random.Random(seed), facts.dpd), tick(0)
    )


def test_every_kind_of_call_is_shipped_in_both_languages() -> None:
    assert sorted(BY_ID) == sorted(IDS)
    for script in SCRIPTS:
        assert script.version >= 1
        assert script.title.strip()


def _check_finished_path(walk: Walk) -> None:
    assert walk.finished, f"stuck at {walk.current}"
    assert walk.outcome is not None
    record = walk.entries  # the models behind `transcript()`; dumping each path is slow
    assert record[-1].event.value == "end"
    assert record[-1].detail == walk.outcome.result.value
    for entry in record:
        assert "{" not in (entry.text or "") and "}" not in (entry.text or "")
    # Holds are set only by the branches that exist for them.
    if walk.outcome.hold is Hold.CEASE_REQUEST:
        assert walk.outcome.result is CallResult.REFUSED
    if walk.outcome.hold is Hold.DISPUTE:
        assert walk.outcome.result is CallResult.DISPUTE
    if walk.outcome.hold is Hold.COMPLAINT:
        assert walk.outcome.result is CallResult.COMPLAINT
    if walk.outcome.result is CallResult.PLAN_PROPOSED:
        assert walk.outcome.accepted_offer is not None


@pytest.mark.parametrize("script_id", IDS)
def test_every_path_with_every_interruption_ends_with_an_outcome(script_id: str) -> None:
    script = BY_ID[script_id]
    facts = _facts(script)[0]
    walk = _begin(script, facts, seed=len(script_id))
    outcomes = set()
    count = 0
    for _path, end in all_paths(walk, max_interrupts=1):
        _check_finished_path(end)
        assert end.outcome is not None
        outcomes.add(end.outcome.result)
        count += 1
    assert count > 5
    if script.audience is Answerer.BORROWER:
        # Every always-available branch was reached and ended the way it should.
        assert {
            CallResult.COMPLAINT,
            CallResult.DISPUTE,
            CallResult.THIRD_PARTY,
            CallResult.VOICEMAIL,
        } <= outcomes
        assert {CallResult.PLAN_PROPOSED, CallResult.CALLBACK_REQUESTED} <= outcomes


@pytest.mark.parametrize("script_id", IDS)
def test_every_path_under_other_case_facts_ends_with_an_outcome(script_id: str) -> None:
    script = BY_ID[script_id]
    for seed, facts in enumerate(_facts(script)[1:]):
        walk = _begin(script, facts, seed=seed)
        for _path, end in all_paths(walk, max_interrupts=0):
            _check_finished_path(end)


@pytest.mark.parametrize("language", list(Language))
def test_us_rules_add_the_debt_collection_disclosure_on_first_contact(language: Language) -> None:
    script = BY_ID[f"negotiation_{language.value}"]
    base = CaseFacts(stage=Stage.NEGOTIATION, dpd=47, language=language)
    seen = {}
    for name, facts in {
        "cn": base,
        "us_first": base.evolve(profile=RuleProfile.US, first_communication=True),
        "us_later": base.evolve(profile=RuleProfile.US),
    }.items():
        walk = _begin(script, facts, seed=3)
        walk.choose("is_borrower", tick(1))
        walk.confirm_disclosure(tick(2))
        walk.advance(tick(3))
        seen[name] = walk.current
    assert seen == {"cn": "purpose", "us_first": "us_first_notice", "us_later": "us_notice"}
    if language is Language.EN:
        text = BY_ID["negotiation_en"].steps["us_first_notice"]
        assert "attempt to collect a debt" in text.model_dump()["text"]


@pytest.mark.parametrize("language", list(Language))
def test_the_right_script_is_picked_for_each_case(language: Language) -> None:
    def pick(**facts: object) -> str | None:
        chosen = pick_script(CaseFacts(language=language, **facts), SCRIPTS)  # type: ignore[arg-type]
        return chosen.id.removesuffix(f"_{language.value}") if chosen else None

    assert pick(stage=Stage.REMINDER, dpd=5) == "first_reminder"
    assert pick(stage=Stage.NEGOTIATION, dpd=45) == "negotiation"
    assert pick(stage=Stage.NEGOTIATION, dpd=45, broken_promises=1) == "promise_follow_up"
    assert pick(stage=Stage.REMINDER, dpd=12, broken_promises=2) == "promise_follow_up"
    assert pick(stage=Stage.PRE_LEGAL, dpd=120) == "pre_legal_notice"
    assert pick(stage=Stage.NEGOTIATION, dpd=45, answered_by=Answerer.THIRD_PARTY) == "third_party"
    # A case on hold gets no collection script at all.
    assert pick(stage=Stage.NEGOTIATION, dpd=45, holds=frozenset({Hold.COMPLAINT})) is None
    assert pick(stage=Stage.LEGAL, dpd=200) is None


@pytest.mark.parametrize("script_id", IDS)
def test_the_paths_together_visit_every_step(script_id: str) -> None:
    script = BY_ID[script_id]
    visited: set[str] = set()
    for index, facts in enumerate(_facts(script)):
        walk = _begin(script, facts, seed=index)
        for _path, end in all_paths(walk, max_interrupts=1 if index == 0 else 0):
            visited |= {e.step for e in end.entries if e.step is not None}
    assert visited == set(script.steps)
