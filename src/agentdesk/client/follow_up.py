"""Reading a case's next action (follow-up) as the desktop shows it.

The queue columns hold it with the agent's unsynced changes applied
(`local_effects.py`), so what is read here is what the agent decided last, whether or
not the server has it yet. Writing it is `Operations.schedule_follow_up`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from agentdesk.client.convert import parse_utc
from agentdesk.client.store import LocalStore


@dataclass(frozen=True)
class NextActionView:
    """When the case should be worked next, and why ('' when no reason was given)."""

    due_at: datetime
    reason: str


def next_action(store: LocalStore, case_id: str) -> NextActionView | None:
    """The case's follow-up, or None when none is set (or the case is not here)."""
    with store.read() as db:
        row = db.execute(
            "SELECT next_action_due, next_action_reason FROM cases WHERE case_id = ?",
            (case_id,),
        ).fetchone()
    if row is None or row[0] is None:
        return None
    due = parse_utc(row[0])
    assert due is not None
    return NextActionView(due, row[1] or "")
