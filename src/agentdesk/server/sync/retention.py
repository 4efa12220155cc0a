"""Keeping the op log and the change log from growing for ever.

**The op log** (`sync_ops`) answers a repeated op id with the first answer. It is kept
`OP_LOG_DAYS` after an op arrived: a desktop retries an unanswered op at its next sync,
so a retry months later means a desktop that was shelved with unanswered ops. Even then
nothing is applied twice: ops that create something carry the client-made id of what
they create (a second try finds it and is refused as "already exists"), and plan
decisions, withdrawals and reassignments check the version they were based on (a second
try is a conflict, or changes nothing). What is lost past the horizon is only the
friendly *duplicate* answer.

**The change log** (`sync_changes`) feeds pulls after a cursor. Rows older than
`CHANGE_LOG_DAYS` are pruned — except `access` rows (who held a case when), which the
push rules read to accept calls made before a reassignment, and the newest row. The
highest pruned position is kept as the *horizon* (`sync_retention`): a pull whose
cursor is below it might have missed pruned changes, so it is refused with
`cursor_expired`, and the desktop starts again from a snapshot (removing what it holds,
except cases with unanswered ops, then pulling everything it may see).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Delete, delete, func, select
from sqlalchemy.orm import Session

from agentdesk.server.errors import ApiError
from agentdesk.server.sync.changelog import ACCESS
from agentdesk.server.sync.models import SyncChange, SyncOp, SyncRetention

OP_LOG_DAYS = 90
CHANGE_LOG_DAYS = 30
HORIZON = "change_log_horizon"

CURSOR_EXPIRED = ApiError(
    422,
    "cursor_expired",
    "本机上次同步太久以前，服务器已不再保留其后的变更记录，将重新完整同步。",
    "This desktop last synced too long ago for the server's change log; it will sync "
    "everything again.",
)


@dataclass(frozen=True)
class Pruned:
    """What one `prune` removed, and the change log's horizon after it."""

    ops: int
    changes: int
    horizon: int


def horizon(db: Session) -> int:
    """The highest pruned change-log position (0 when nothing was ever pruned)."""
    value = db.scalar(select(SyncRetention.value).where(SyncRetention.name == HORIZON))
    return int(value or 0)


def check_cursor(db: Session, log_seq: int) -> None:
    """Refuse a cursor below the horizon: changes after it may have been pruned."""
    if log_seq < horizon(db):
        raise CURSOR_EXPIRED


def prune(
    db: Session,
    now: datetime,
    *,
    op_log_days: int = OP_LOG_DAYS,
    change_log_days: int = CHANGE_LOG_DAYS,
) -> Pruned:
    """Delete op-log rows and change-log rows past their retention (caller commits).

    Days must be at least 1: pruning today's log would expire every desktop's cursor."""
    for name, days in (("op_log_days", op_log_days), ("change_log_days", change_log_days)):
        if days < 1:
            raise ValueError(
                f"{name} 必须至少为 1 天（收到 {days}） / {name} must be at least 1 day, got {days}"
            )
    ops = _deleted(
        db, delete(SyncOp).where(SyncOp.received_at < now - timedelta(days=op_log_days))
    )
    newest = db.scalar(select(func.max(SyncChange.seq))) or 0
    cut = db.scalar(
        select(func.max(SyncChange.seq)).where(
            SyncChange.at < now - timedelta(days=change_log_days), SyncChange.seq < newest
        )
    )
    changes = 0
    current = horizon(db)
    if cut is not None and cut > current:
        changes = _deleted(
            db, delete(SyncChange).where(SyncChange.seq <= cut, SyncChange.kind != ACCESS)
        )
        row = db.get(SyncRetention, HORIZON)
        if row is None:
            db.add(SyncRetention(name=HORIZON, value=cut, at=now))
        else:
            row.value, row.at = cut, now
        current = cut
    return Pruned(ops=ops, changes=changes, horizon=current)


def _deleted(db: Session, statement: Delete) -> int:
    result = cast(CursorResult[Any], db.execute(statement))
    return int(result.rowcount or 0)
