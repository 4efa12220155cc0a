"""The plan engine gives exactly the figures it gave before it was made faster.

Each case of the fixed corpus (`engine_corpus`) is summarised by a digest of everything
the engine returns: the contract schedule, the position, the plan, every role's verdict
with its reasons in both languages, and affordability. The golden digests were written by
the engine before its speed work; any changed figure, exponent or word fails here.
"""

from __future__ import annotations

import json

from tests.domain.engine_corpus import CASES, GOLDEN, case_digest


def test_every_corpus_case_gives_the_figures_it_gave_before() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) == CASES
    changed = [n for n in range(CASES) if case_digest(n) != golden[n]]
    assert changed == [], f"{len(changed)} cases changed, first {changed[:10]}"
