"""How long the contact check and the banned-conduct lint take (plain script, prints figures).

The check runs before every dial on the desktop, and the judgement after the fact
(`violations_of`: which rules an attempt broke) for every attempt pushed to the server,
against the borrower's whole history; the lint runs on every note and template.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from agentdesk.domain.compliance import (
    CaseFacts,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
    check_contact,
    shipped_policy,
    violations_of,
)
from agentdesk.domain.conduct import find_banned_conduct
from agentdesk.domain.vocabulary import CallResult, Channel


def _history(attempts: int, days: int, seed: int = 7) -> ContactHistory:
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, 1, tzinfo=UTC)
    rows = [
        ContactAttempt(
            at=start + timedelta(minutes=rng.randrange(days * 24 * 60)),
            channel=Channel.CALL,
            contact_point_id=f"number-{rng.randrange(4)}",
            result=rng.choice(list(CallResult)),
            agent_id=f"agent-{rng.randrange(20)}",
        )
        for _ in range(attempts)
    ]
    return ContactHistory(tuple(sorted(rows, key=lambda a: a.at)))


def _time(label: str, run: Callable[[], object], repeat: int = 200) -> None:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(f"{label:<58} median {statistics.median(samples):7.3f} ms   p95 {p95:7.3f} ms")


def main() -> None:
    point = ContactPoint("number-0")
    for profile, zones in (
        ("cn", ("Asia/Shanghai",)),
        ("us-regf", ("America/New_York", "America/Los_Angeles")),
    ):
        policy = shipped_policy(profile)
        case = CaseFacts("case-1", zones)
        for size in (20, 200, 2000):
            history = _history(size, 30)
            day = datetime(2026, 3, 31, 4, tzinfo=UTC)  # daytime in Shanghai, night in the US
            night = datetime(2026, 3, 31, 15, tzinfo=UTC)
            _time(
                f"{profile:<8} check, {size:>5} attempts in history, 04:00Z",
                lambda h=history, p=policy, c=case, t=day: check_contact(
                    c, Channel.CALL, point, t, h, p
                ),
                50 if size == 2000 else 200,
            )
            _time(
                f"{profile:<8} check, {size:>5} attempts in history, 15:00Z",
                lambda h=history, p=policy, c=case, t=night: check_contact(
                    c, Channel.CALL, point, t, h, p
                ),
                50 if size == 2000 else 200,
            )
            # A call logged at night (the server's question: which rules did it break?).
            logged = ContactAttempt(
                at=night, channel=Channel.CALL, contact_point_id="number-0",
                result=CallResult.NO_ANSWER, attempt_id="pushed",
            )
            _time(
                f"{profile:<8} judge a logged call, {size:>5} attempts in history",
                lambda h=history, p=policy, c=case, a=logged: violations_of(a, h, c, p),
                50 if size == 2000 else 500,
            )
    for text in ("离线备注 17", "Borrower asked to be called back after payday."):
        _time(
            f"banned-conduct lint, short note ({len(text)} characters)",
            lambda t=text: find_banned_conduct(t),
            2000,
        )
    note = (
        "客户称最近失业，收入下降，同意下周五前先还 2000 元，剩余部分申请延期还款。"
        "The borrower was calm and asked for a longer term with smaller instalments. "
    ) * 20
    print(f"note of {len(note)} characters")
    _time("banned-conduct lint, both languages", lambda: find_banned_conduct(note))


if __name__ == "__main__":
    main()
