"""What the demo generators share: the row buckets, constants and small helpers."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from agentdesk.domain.vocabulary import CallResult

PRODUCTS = ("消费贷", "现金分期", "装修分期", "教育分期", "购车分期")
NOTES = (
    "借款人称本月工资推迟发放，下周会先还一部分。",
    "借款人近期失业，正在找工作，希望延长还款期限。",
    "家人住院，开销较大，态度配合。",
    "借款人情绪激动，已安抚，约定明天再联系。",
    "借款人忘记还款日，已提醒，承诺今天处理。",
    "借款人对罚息有异议，已解释计算方式。",
    "紧急联系人表示会转告借款人，未透露欠款信息。",
    "Borrower asked for a call back after work.",
    "Borrower's income dropped; discussed a longer term.",
)
# Share of cases per bucket and the DPD range drawn from: M1, M2, M3, M3+.
BUCKETS = ((0.35, 1, 30), (0.25, 31, 60), (0.2, 61, 90), (0.2, 91, 360))
RESULTS = (
    (CallResult.NO_ANSWER, 30),
    (CallResult.BUSY, 6),
    (CallResult.VOICEMAIL, 6),
    (CallResult.RIGHT_PARTY_CONTACT, 20),
    (CallResult.PROMISE, 10),
    (CallResult.REFUSED, 6),
    (CallResult.CALLBACK_REQUESTED, 8),
    (CallResult.THIRD_PARTY, 6),
    (CallResult.WRONG_NUMBER, 2),
    (CallResult.DISPUTE, 2),
    (CallResult.COMPLAINT, 1),
)


@dataclass
class Rows:
    """Rows per table, inserted in bulk at the end."""

    teams: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    borrowers: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    loans: list[dict[str, Any]] = field(default_factory=list)
    instalments: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    promises: list[dict[str, Any]] = field(default_factory=list)


def new_id(rng: random.Random) -> uuid.UUID:
    """A UUID drawn from the seeded generator (so the same seed gives the same ids)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def stamp(at: datetime) -> dict[str, Any]:
    """version/created_at/updated_at of a new row."""
    return {"version": 1, "created_at": at, "updated_at": at}


def local_time(rng: random.Random, day: date, tz: str) -> datetime:
    """A daytime moment (09:00–19:59 in the borrower's zone) on `day`, in UTC."""
    local = datetime.combine(day, time(rng.randint(9, 19), rng.randint(0, 59)), ZoneInfo(tz))
    return local.astimezone(UTC)
