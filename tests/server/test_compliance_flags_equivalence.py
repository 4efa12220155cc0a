"""The server judges logged attempts exactly as it did before judging was made faster.

A seeded corpus of borrowers (zones, holds, contact points of the borrower and of third
parties, histories of attempts, statements about contact made and cleared at various
times) and attempts to judge — stored ones and ones not stored yet, with and without a
contact point — is judged with `judge_attempt` on the facts the push path keeps. Each
scenario's rule ids are summarised by a digest; the golden digests in
`test_compliance_flags_golden.json` were written before the speed work
(`python -m tests.server.test_compliance_flags_equivalence` rewrites them).
"""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from agentdesk.domain.compliance import ContactHistory, ContactPoint
from agentdesk.domain.vocabulary import CallResult, Channel, ContactRelation, Hold
from agentdesk.server.borrower_facts import _StoredIds
from agentdesk.server.compliance_flags import BorrowerFacts, attempt_fact, judge_attempt
from agentdesk.server.models import ContactPreference
from tests.domain.compliance.rules_corpus import policies

GOLDEN = Path(__file__).with_name("test_compliance_flags_golden.json")
SCENARIOS = 400
_SEED = 777
_ZONES = ("Asia/Shanghai", "Asia/Shanghai", "America/New_York", "America/Los_Angeles", "", "X/Y")
_BASES = (
    datetime(2026, 3, 8, 6, tzinfo=UTC),
    datetime(2026, 5, 14, 2, tzinfo=UTC),
    datetime(2026, 11, 1, 5, tzinfo=UTC),
    datetime(2026, 7, 1, 13, tzinfo=UTC),
)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128))


def _preferences(
    rng: random.Random, points: list[uuid.UUID], base: datetime
) -> list[ContactPreference]:
    out = []
    for _ in range(rng.choice((0, 0, 1, 2, 4))):
        kind = rng.choice(("channel_opt_out", "workplace_prohibits", "inconvenient_time"))
        since = base + timedelta(hours=rng.randrange(-96, 96))
        cleared = since + timedelta(hours=rng.randrange(1, 96)) if rng.random() < 0.3 else None
        point = rng.choice(points) if points and rng.random() < 0.7 else None
        if kind == "workplace_prohibits" and point is None:
            continue
        start = rng.randrange(24)
        end = (start + rng.randrange(1, 23)) % 24
        out.append(
            ContactPreference(
                id=_uuid(rng),
                kind=kind,
                contact_point_id=point,
                channel=rng.choice(list(Channel)).value if kind == "channel_opt_out" else None,
                weekdays=sorted(rng.sample(range(7), rng.randint(0, 3))),
                start_time=f"{start:02d}:00" if kind == "inconvenient_time" else None,
                end_time=f"{end:02d}:30" if kind == "inconvenient_time" else None,
                channels=sorted(c.value for c in rng.sample(list(Channel), rng.randint(0, 2))),
                since=since,
                cleared_at=cleared,
            )
        )
    out.sort(key=lambda p: p.since)
    return out


def scenario_answers(n: int) -> list[tuple[str, ...]]:
    """The rule ids every judged attempt of scenario `n` broke, under every policy."""
    rng = random.Random(_SEED * 10_000 + n)
    base = rng.choice(_BASES) + timedelta(hours=rng.randrange(-30, 30))
    relations = [ContactRelation.BORROWER] * 3 + [
        ContactRelation.EMERGENCY_CONTACT,
        ContactRelation.EMPLOYER,
    ]
    points = {
        pid: ContactPoint(str(pid), rng.choice(relations))
        for pid in (_uuid(rng) for _ in range(rng.randint(0, 4)))
    }
    ids = list(points)
    user = _uuid(rng)
    rows = []
    for _ in range(rng.choice((0, 1, 4, 10, 25))):
        rows.append(
            (
                base + timedelta(minutes=rng.randrange(-2 * 24 * 60, 24 * 60)),
                rng.choice(("call", "call", "call", "sms", "visit", "letter", "fax")),
                rng.choice(ids) if ids and rng.random() < 0.85 else None,
                rng.choice([*(r.value for r in CallResult), "", "odd"]),
                user,
                _uuid(rng),
            )
        )
    rows.sort(key=lambda r: (r[0], r[5]))
    history = ContactHistory(tuple(attempt_fact(points, *row) for row in rows))
    facts = BorrowerFacts(
        frozenset(rng.sample(list(Hold), rng.choice((0, 0, 0, 0, 1)))),
        rng.choice(_ZONES),
        points,
        history,
        tuple(_preferences(rng, ids, base)),
    )
    judged: list[Any] = [
        SimpleNamespace(
            id=row[5], case_id=uuid.UUID(int=n), contact_point_id=row[2], started_at=row[0],
            channel=row[1], result=row[3], user_id=row[4],
        )
        for row in rng.sample(rows, min(len(rows), 5))
    ]
    for _ in range(2):  # attempts not stored yet
        judged.append(
            SimpleNamespace(
                id=_uuid(rng), case_id=uuid.UUID(int=n),
                contact_point_id=rng.choice([None, *ids]), started_at=base,
                channel=rng.choice(("call", "sms", "visit")),
                result=rng.choice(("no_answer", "right_party_contact", "busy")), user_id=user,
            )
        )
    return [
        judge_attempt(None, row, policy, facts)  # type: ignore[arg-type]
        for policy in policies()
        for row in judged
    ]


def scenario_digest(n: int) -> str:
    """A digest of scenario `n`'s answers."""
    return hashlib.sha256(repr(scenario_answers(n)).encode("utf-8")).hexdigest()[:20]


def test_every_scenario_is_judged_as_before() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) == SCENARIOS
    changed = [n for n in range(SCENARIOS) if scenario_digest(n) != golden[n]]
    assert changed == [], f"{len(changed)} scenarios changed, first {changed[:10]}"


@given(st.uuids(), st.sampled_from(["hex", "HEX", "dashed", "braced", "urn", "object"]))
def test_stored_ids_read_as_sqlalchemy_reads_them(value: uuid.UUID, form: str) -> None:
    raw: Any = {
        "hex": value.hex,
        "HEX": value.hex.upper(),
        "dashed": str(value),
        "braced": "{" + str(value) + "}",
        "urn": value.urn,
        "object": value,
    }[form]
    stored = _StoredIds()
    assert stored.id(raw) == uuid.UUID(str(raw)) == value
    assert stored.text(raw) == str(value) == stored.unique_text(raw)
    assert stored.text(None) == ""


if __name__ == "__main__":
    GOLDEN.write_text(
        json.dumps([scenario_digest(n) for n in range(SCENARIOS)], indent=0) + "\n",
        encoding="utf-8",
    )
