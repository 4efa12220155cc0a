"""How long negotiation scripts take to load and lint, and how fast a walk moves
(plain script, prints figures).

Loading happens when the desktop starts or a sync brings a new script, and on every
publish on the server; a walk step happens each time the agent clicks during a call, and
must feel instant; saving happens after every step of an interrupted call.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from agentdesk.domain.conduct import shipped_lexicon
from agentdesk.domain.scripts import (
    CallData,
    CaseFacts,
    Walk,
    lint_script,
    load_default_scripts,
    script_document,
)
from agentdesk.domain.scripts.model import DisclosureStep
from agentdesk.domain.vocabulary import Language, Stage

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _timed(label: str, runs: int, work: Callable[[], object]) -> None:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    print(f"{label:<52} median {statistics.median(times) * 1000:8.2f} ms  (n={runs})")


def _data(language: Language) -> CallData:
    return CallData(
        borrower_name="张伟" if language is Language.ZH_CN else "Emily Carter",
        agent_name="周敏" if language is Language.ZH_CN else "Sarah Lee",
        company="安信消费金融" if language is Language.ZH_CN else "Anxin Consumer Finance",
        callback_number="400-820-6688",
        amount_overdue=Decimal("2468.30"),
        outstanding_balance=Decimal("18250.00"),
        instalment=Decimal("1234.15"),
        due_date=datetime(2026, 10, 12).date(),
        dpd=47,
        product_name="安心分期贷",
        broken_promises=2,
        promise_amount=Decimal("1234.15"),
        promise_date=datetime(2026, 11, 1).date(),
    )


def _random_walk(walk: Walk, rng: random.Random) -> int:
    steps = 0
    while not walk.finished:
        at = T0 + timedelta(seconds=steps)
        if isinstance(walk.step, DisclosureStep):
            walk.confirm_disclosure(at)
        walk.choose(rng.choice(walk.choices()).id, at)
        steps += 1
    return steps


def main() -> None:
    shipped_lexicon()  # read once, as a running program would have
    _timed("load + assemble + lint all 10 shipped scripts", 5, load_default_scripts)
    scripts = load_default_scripts()
    _timed("lint one script (negotiation, 55 steps)", 20, lambda: lint_script(scripts[1]))
    _timed("script_document (assembled script as JSON)", 20, lambda: script_document(scripts[1]))

    rng = random.Random(7)
    borrower_scripts = [s for s in scripts if s.audience.value == "borrower"]
    walks = steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 2.0:
        script = rng.choice(borrower_scripts)
        facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=47, language=script.language)
        steps += _random_walk(Walk.begin(script, facts, _data(script.language), T0), rng)
        walks += 1
    elapsed = time.perf_counter() - start
    print(
        f"{'random walks to an outcome':<52} {walks / elapsed:8.0f} walks/s, "
        f"{elapsed / steps * 1e6:6.0f} µs a step"
    )

    script = scripts[1]
    facts = CaseFacts(stage=Stage.NEGOTIATION, dpd=47, language=script.language)
    walk = Walk.begin(script, facts, _data(script.language), T0)
    _random_walk(walk.fork(), random.Random(1))
    for _ in range(6):
        if walk.finished:
            break
        if isinstance(walk.step, DisclosureStep):
            walk.confirm_disclosure(T0)
        walk.choose(walk.choices()[0].id, T0)
    saved = walk.to_data()
    text = json.dumps(saved)
    _timed("save a walk in progress (to JSON text)", 50, lambda: json.dumps(walk.to_data()))
    _timed(
        "resume a saved walk (from JSON text)",
        50,
        lambda: Walk.resume(json.loads(text), script, walk.data),
    )
    print(f"{'saved walk size':<52} {len(text):8d} bytes")


if __name__ == "__main__":
    main()
