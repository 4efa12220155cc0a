"""A case's next action (follow-up), kept on the case row.

The rules (what sets, replaces and clears it) are the domain's
(`agentdesk.domain.follow_up`); this module reads and writes the three columns
(`next_action_at`, `next_action_reason`, `next_action_decided_at`) in the caller's
transaction, bumps the case's version when they change (so pulls carry the case again)
and audits the change. Both the `case.schedule_follow_up` op and a contact attempt that
names its next follow-up come through here, in the transaction that applies the op.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from agentdesk.domain import follow_up as rules
from agentdesk.domain.errors import DomainError
from agentdesk.domain.follow_up import NextAction
from agentdesk.server import audit
from agentdesk.server.base import touch, utcnow
from agentdesk.server.deps import Principal
from agentdesk.server.errors import domain_error
from agentdesk.server.models import Case


def _not_after_now(made_at: datetime) -> datetime:
    # A decision is dated when the desktop made it, but never after the server heard of
    # it: a desktop clock running ahead must not make its decisions win for ever.
    return min(made_at, utcnow())


def _lock(db: Session, case: Case) -> None:
    # Read the follow-up in force under the row lock (PostgreSQL), so that two devices'
    # decisions applied at once still leave the later one standing.
    db.flush()  # a refresh would drop the case's unflushed changes
    db.refresh(case, with_for_update=True)


def current(case: Case) -> NextAction | None:
    """The case's follow-up as the domain sees it (None when there is none)."""
    if case.next_action_at is None:
        return None
    decided = case.next_action_decided_at or case.next_action_at
    return NextAction(case.next_action_at, case.next_action_reason or "", decided)


def _store(
    db: Session, principal: Principal, case: Case, action: NextAction | None, source: str
) -> bool:
    before = current(case)
    if action == before:
        return False
    case.next_action_at = None if action is None else action.due_at
    case.next_action_reason = None if action is None or not action.reason else action.reason
    case.next_action_decided_at = None if action is None else action.decided_at
    touch(case)
    audit.record(
        db,
        "case.follow_up" if action is not None else "case.follow_up_done",
        actor=principal,
        entity="case",
        entity_id=case.id,
        source=source,
        due_at=None if action is None else action.due_at.isoformat(),
        reason=None if action is None else action.reason,
        previous=None if before is None else before.due_at.isoformat(),
    )
    return True


def schedule(
    db: Session,
    principal: Principal,
    case: Case,
    due_at: datetime,
    reason: str,
    made_at: datetime,
) -> bool:
    """Schedule the case's follow-up at `due_at` as decided at `made_at` (the op's
    `created_at`); refused (422, naming the range) unless it lies after `made_at`.

    Returns whether the case changed: a decision older than the one in force is
    accepted (the op is answered) but changes nothing."""
    made_at = _not_after_now(made_at)
    try:
        action = rules.check_follow_up(due_at, reason, now=made_at)
    except DomainError as exc:
        raise domain_error(exc) from exc
    _lock(db, case)
    return _store(db, principal, case, rules.after_scheduling(current(case), action), "schedule")


def after_attempt(
    db: Session,
    principal: Principal,
    case: Case,
    *,
    ended_at: datetime,
    follow_up_at: datetime | None,
    made_at: datetime,
) -> bool:
    """Apply a recorded contact attempt to the case's follow-up (set, kept or done)."""
    if follow_up_at is None and case.next_action_at is None:
        return False  # nothing to set and nothing to complete: no lock taken
    _lock(db, case)
    action = rules.after_attempt(
        current(case), ended_at=ended_at, follow_up_at=follow_up_at,
        made_at=_not_after_now(made_at),
    )
    return _store(db, principal, case, action, "contact_attempt")
