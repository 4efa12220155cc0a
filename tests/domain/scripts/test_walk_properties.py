"""Properties of walks over the shipped scripts, with random choices (hypothesis)."""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from agentdesk.domain.scripts import Answerer, Walk, WalkEvent, load_default_scripts
from agentdesk.domain.scripts.conditions import CaseFacts
from agentdesk.domain.vocabulary import Stage
from agentdesk.protocol.ops import TranscriptEntry as WireTranscriptEntry
from tests.domain.scripts.cases import call_data, tick
from tests.domain.scripts.paths import moves

SCRIPTS = load_default_scripts()
STAGES = {"first": Stage.REMINDER, "pre": Stage.PRE_LEGAL}


def _begin(index: int, seed: int) -> Walk:
    script = SCRIPTS[index % len(SCRIPTS)]
    stage = STAGES.get(script.id.split("_")[0], Stage.NEGOTIATION)
    facts = CaseFacts(
        stage=stage,
        dpd=37,
        language=script.language,
        answered_by=script.audience,
        broken_promises=seed % 3,
    )
    return Walk.begin(script, facts, call_data(script.language, random.Random(seed), 37), tick(0))


def _walk(walk: Walk, picks: list[int], start: int = 0, limit: int = 200) -> int:
    """Follow `picks` (indexes into the available moves); returns the moves made.

    Each further visit to a step shifts the pick by one, so a loop ("still upset" →
    listen again) is left after at most as many visits as the step has choices.
    """
    n = start
    while not walk.finished and n < limit:
        available = moves(walk, interrupts=n % 4 == 1)
        # Counted from the transcript, so a resumed walk counts the same as the original.
        seen = sum(1 for e in walk.entries if e.event is WalkEvent.STEP and e.step == walk.current)
        move = available[(picks[n % len(picks)] + seen) % len(available)]
        move.apply(walk, n + 1)
        n += 1
    return n


picks = st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(index=st.integers(min_value=0, max_value=50), seed=st.integers(0, 10_000), picks=picks)
def test_any_sequence_of_choices_reaches_an_outcome(
    index: int, seed: int, picks: list[int]
) -> None:
    walk = _begin(index, seed)
    _walk(walk, picks)
    # Loops (still upset → listen again) have exits, and random choices leave them soon.
    assert walk.finished
    assert walk.outcome is not None
    for entry in walk.record_entries():
        WireTranscriptEntry.model_validate(entry)  # fits the contact-attempt record


@settings(max_examples=25, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=50),
    seed=st.integers(0, 10_000),
    picks=picks,
    cut=st.integers(min_value=0, max_value=12),
)
def test_a_saved_walk_resumes_exactly_where_it_stopped(
    index: int, seed: int, picks: list[int], cut: int
) -> None:
    straight = _begin(index, seed)
    interrupted = _begin(index, seed)
    made = _walk(interrupted, picks, limit=cut)
    saved = json.loads(json.dumps(interrupted.to_data()))
    resumed = Walk.resume(saved, interrupted.script, interrupted.data)
    _walk(resumed, picks, start=made)
    _walk(straight, picks)
    assert resumed.transcript() == straight.transcript()
    assert resumed.outcome == straight.outcome
    assert resumed.third_party == straight.third_party


def test_a_third_party_script_walk_starts_in_third_party_mode() -> None:
    walk = _begin(next(i for i, s in enumerate(SCRIPTS) if s.audience is Answerer.THIRD_PARTY), 1)
    assert walk.third_party and walk.available_branches() == []
