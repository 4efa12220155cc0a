"""A fixed corpus of contact situations for checking the engine's answers never change.

Speed work on the contact rules must not change a single rule id, finding, sentence or
instant. The corpus comes from a seeded generator (the same on every machine): cases in
one or several zones (DST zones and unknown ones among them), holds, inconvenient times,
the borrower's and third parties' contact points, histories of calls and messages around
DST changes with consents of both kinds, judged by every shipped policy and by one with
every rule switched on. Each scenario is summarised by a digest of the `repr` of every
answer: `violations_of` for several attempts of the history (with and without a target)
and `check_contact` at a few moments. The digests in `data/rules_golden.json` were
written by the engine before its speed work; `python -m tests.domain.compliance.rules_corpus`
rewrites them when a rule changes on purpose.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from agentdesk.domain.compliance import (
    CaseFacts,
    ConsentKind,
    ConsentRecord,
    ContactAttempt,
    ContactHistory,
    ContactPoint,
    InconvenientTime,
    Policy,
    check_contact,
    shipped_policy,
    violations_of,
)
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold

GOLDEN = Path(__file__).parent / "data" / "rules_golden.json"
SCENARIOS = 800
_SEED = 4242

ZONE_CHOICES: tuple[tuple[str, ...], ...] = (
    ("Asia/Shanghai",),
    ("Asia/Shanghai",),
    ("America/New_York",),
    ("America/New_York", "America/Los_Angeles"),
    ("Asia/Urumqi", "Asia/Shanghai"),
    ("Europe/London",),
    ("Australia/Lord_Howe",),
    ("Asia/Shanghai",),
    ("America/New_York",),
    ("America/Los_Angeles",),
    ("Asia/Shanghai", "Asia/Shanghai"),
    (),
    ("Mars/Olympus",),
    ("",),
    ("America/Chicago", "Nowhere/At_All"),
)
# Around the US and European DST changes of 2026, and ordinary weeks.
BASES = (
    datetime(2026, 3, 8, 6, tzinfo=UTC),
    datetime(2026, 3, 29, 0, tzinfo=UTC),
    datetime(2026, 11, 1, 5, tzinfo=UTC),
    datetime(2026, 5, 14, 2, tzinfo=UTC),
    datetime(2026, 7, 1, 13, tzinfo=UTC),
    datetime(2026, 12, 31, 15, tzinfo=UTC),
)


def _all_enabled(policy: Policy) -> Policy:
    rules = tuple(r.model_copy(update={"enabled": True}) for r in policy.rules)
    return policy.model_copy(update={"rules": rules, "version": policy.version + "-all"})


def _with_consent_days(policy: Policy) -> Policy:
    rules = tuple(
        r.model_copy(update={"consent_days": 7, "enabled": True})
        if r.check in ("rolling_calls", "conversation_cooldown")
        else r
        for r in policy.rules
    )
    return policy.model_copy(update={"rules": rules, "version": policy.version + "-consent"})


def policies() -> tuple[Policy, ...]:
    """The policies each scenario is judged by."""
    cn, us = shipped_policy("cn"), shipped_policy("us-regf")
    return (cn, us, _all_enabled(cn), _with_consent_days(_all_enabled(us)))


def _inconvenient(rng: random.Random) -> InconvenientTime:
    start = time(rng.randrange(24), rng.choice((0, 30)))
    end = time(rng.randrange(24), rng.choice((0, 15)))
    if start == end:
        end = time((start.hour + 1) % 24, start.minute)
    weekdays = frozenset(rng.sample(range(7), rng.randint(0, 3)))
    channels = frozenset(rng.sample(list(Channel), rng.randint(0, 2)))
    return InconvenientTime(start, end, weekdays, channels)


def _points(rng: random.Random, zones: tuple[str, ...]) -> list[ContactPoint]:
    points = []
    for n in range(rng.randint(1, 3)):
        points.append(
            ContactPoint(
                f"own-{n}",
                ContactRelation.BORROWER,
                opted_out=frozenset(rng.sample(list(Channel), rng.choice((0, 0, 0, 1, 2)))),
                workplace_prohibits_contact=rng.random() < 0.1,
                time_zones=rng.choice(((), (), (), ("America/Denver",), zones)),
            )
        )
    for n in range(rng.randint(0, 2)):
        points.append(
            ContactPoint(
                f"other-{n}",
                rng.choice(
                    (
                        ContactRelation.EMERGENCY_CONTACT,
                        ContactRelation.EMPLOYER,
                        ContactRelation.GUARANTOR,
                    )
                ),
                opted_out=frozenset(rng.sample(list(Channel), rng.choice((0, 0, 1)))),
                asked_not_to_be_contacted=rng.random() < 0.1,
                workplace_prohibits_contact=rng.random() < 0.1,
            )
        )
    if rng.random() < 0.3:
        points.append(ContactPoint(""))  # a visit or letter: the borrower
    return points


def _attempts(
    rng: random.Random, points: list[ContactPoint], base: datetime
) -> list[ContactAttempt]:
    count = rng.choice((0, 1, 3, 6, 10, 20, 40))
    results: list[CallResult | None] = [None, *CallResult]
    out = []
    span = rng.choice((1, 3, 10))
    for n in range(count):
        point = rng.choice(points)
        channel = rng.choice((Channel.CALL, Channel.CALL, Channel.CALL, *Channel))
        result = (
            rng.choice(results) if channel is Channel.CALL else rng.choice((None, None, *results))
        )
        out.append(
            ContactAttempt(
                at=base + timedelta(minutes=rng.randrange(span * 24 * 60)) - timedelta(days=1),
                channel=channel,
                contact_point_id=point.id if rng.random() < 0.95 else "unknown",
                relation=point.relation,
                result=result,
                agent_id=f"agent-{rng.randrange(3)}",
                inbound=rng.random() < 0.08,
                conversation=rng.choice((None, None, None, None, True, False)),
                attempt_id=f"a-{n}" if rng.random() < 0.9 else "",
            )
        )
    if out and rng.random() < 0.3:  # a busy day on one number
        first = out[0]
        for k in range(rng.randint(3, 8)):
            out.append(
                ContactAttempt(
                    at=first.at + timedelta(minutes=rng.randrange(-300, 300)),
                    channel=Channel.CALL,
                    contact_point_id=first.contact_point_id,
                    relation=first.relation,
                    result=rng.choice(results),
                    attempt_id=f"burst-{k}",
                )
            )
    if out and rng.random() < 0.2:  # two attempts at the very same instant
        out.append(
            ContactAttempt(
                at=out[0].at,
                channel=Channel.CALL,
                contact_point_id=out[0].contact_point_id,
                relation=out[0].relation,
                result=CallResult.RIGHT_PARTY_CONTACT,
                attempt_id="twin",
            )
        )
    rng.shuffle(out)  # histories are not promised to be in time order
    return out


def _consents(rng: random.Random, base: datetime) -> list[ConsentRecord]:
    out = []
    for _ in range(rng.choice((0, 0, 0, 1, 2))):
        given = base + timedelta(hours=rng.randrange(-72, 240))
        if rng.random() < 0.5:
            out.append(ConsentRecord(ConsentKind.CALL_FREQUENCY, given))
        else:
            begins = given + timedelta(hours=rng.randrange(0, 48))
            out.append(
                ConsentRecord(
                    ConsentKind.CONTACT_TIME,
                    given,
                    valid_from=begins,
                    valid_until=begins + timedelta(hours=rng.randrange(1, 72)),
                    channels=frozenset(rng.sample(list(Channel), rng.randint(0, 2))),
                )
            )
    return out


def scenario_answers(n: int) -> list[object]:
    """Everything the engine answers in scenario `n`."""
    rng = random.Random(_SEED * 10_000 + n)
    zones = rng.choice(ZONE_CHOICES)
    holds = frozenset(rng.sample(list(Hold), rng.choice((0,) * 8 + (1, 2))))
    case = CaseFacts(
        f"case-{n}",
        zones,
        holds=holds,
        borrower_unreachable=rng.random() < 0.2,
        borrower_incapacitated=rng.random() < 0.05,
        inconvenient_times=tuple(_inconvenient(rng) for _ in range(rng.choice((0, 0, 1, 2)))),
    )
    base = rng.choice(BASES) + timedelta(hours=rng.randrange(-30, 30))
    points = _points(rng, zones)
    attempts = _attempts(rng, points, base)
    history = ContactHistory(tuple(attempts), tuple(_consents(rng, base)))
    answers: list[object] = []
    judged = rng.sample(attempts, min(len(attempts), 6))
    for policy in policies():
        for attempt in judged:
            target = next((p for p in points if p.id == attempt.contact_point_id), None)
            answers.append(violations_of(attempt, history, case, policy))
            answers.append(violations_of(attempt, history, case, policy, target=target))
        for k in range(2):
            at = base + timedelta(minutes=rng.randrange(-600, 5 * 24 * 60))
            if k == 0 and attempts:  # just after an attempt: the daily caps come into play
                at = rng.choice(attempts).at + timedelta(minutes=rng.randrange(1, 90))
            channel = rng.choice(list(Channel))
            # Only what came before: US-2's clear-day search assumes no later calls.
            past = history.before(at)
            answers.append(check_contact(case, channel, rng.choice(points), at, past, policy))
    return answers


def scenario_digest(n: int) -> str:
    """A digest of the `repr` of everything scenario `n` answers."""
    return hashlib.sha256(repr(scenario_answers(n)).encode("utf-8")).hexdigest()[:20]


if __name__ == "__main__":
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(
        json.dumps([scenario_digest(n) for n in range(SCENARIOS)], indent=0) + "\n",
        encoding="utf-8",
    )
