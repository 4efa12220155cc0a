"""The contact rules give exactly the answers they gave before they were made faster.

Each scenario of the fixed corpus (`rules_corpus`) is summarised by a digest of every
answer the engine gives in it: the rule ids an attempt broke, and whole decisions with
their findings, sentences in both languages and instants. The golden digests were written
by the engine before its speed work; any changed rule id, word or instant fails here.
"""

from __future__ import annotations

import json

from tests.domain.compliance.rules_corpus import GOLDEN, SCENARIOS, scenario_digest


def test_every_corpus_scenario_gives_the_answers_it_gave_before() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) == SCENARIOS
    changed = [n for n in range(SCENARIOS) if scenario_digest(n) != golden[n]]
    assert changed == [], f"{len(changed)} scenarios changed, first {changed[:10]}"
