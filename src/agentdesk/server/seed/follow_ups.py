"""Each demo case's next action (follow-up): some due today, some overdue, most later.

An agent's queue is ordered by what is due, so a demo where no case has a next action
shows an empty column and an empty "due today" filter. Open promises are followed up on
their due day; cases already called were given a follow-up in an earlier call: a fifth
today, a sixth overdue by 1-5 days, less than half in the next two weeks, a fifth none;
cases never called have none.

The decisions are dated at least a day before the seed's `today`, so any follow-up a
client schedules after seeding is the latest decision and stands.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from agentdesk.server.seed.common import local_time

_REASONS = (
    "再次致电借款人",
    "借款人要求回电",
    "核实还款是否到账",
    "发薪日后再联系",
    "与借款人确认还款计划",
    "Call back after work",
)
_PROMISE_REASON = "跟进还款承诺"
NONE = {"next_action_at": None, "next_action_reason": None, "next_action_decided_at": None}


def next_action(case_id: uuid.UUID, tz: str, today: date, promises: list[dict[str, Any]],
                *, contacted: bool) -> dict[str, Any]:
    """The case's next-action columns (all None when it has none).

    A case nobody has called yet has none: its first call is what the queue's *New*
    filter is for.
    """
    # A generator of its own, so the rest of the demo data stays what it was.
    rng = random.Random(case_id.int)
    open_promise = next((p for p in promises if p["status"] == "open"), None)
    if open_promise is None and not contacted:
        return dict(NONE)
    if open_promise is not None:
        due, reason = local_time(rng, open_promise["due_date"], tz), _PROMISE_REASON
    else:
        draw = rng.random()
        if draw < 0.2:
            day = today
        elif draw < 0.36:
            day = today - timedelta(days=rng.randint(1, 5))
        elif draw < 0.8:
            day = today + timedelta(days=rng.randint(1, 14))
        else:
            return dict(NONE)
        due, reason = local_time(rng, day, tz), rng.choice(_REASONS)
    latest_decision = datetime.combine(today - timedelta(days=1), time(0, 0), UTC)
    decided = min(due, latest_decision) - timedelta(hours=rng.randint(2, 72))
    return {"next_action_at": due, "next_action_reason": reason,
            "next_action_decided_at": decided}
