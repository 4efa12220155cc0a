"""The outbox: ops waiting for the server's answer, and the answers a person must see.

Ops enter only through `operations.py`, in the same transaction as their local change.
The sync engine reads them in order (`pending`, `batches`), pushes them, and hands the
server's per-op results to `mark_answered`:

- *applied* / *duplicate*: the op is on the server; it leaves the outbox and the rows it
  created locally are marked synced.
- *rejected* / *conflict*: it leaves the outbox **into the attention list** with the
  server's reason (and, for a conflict, the server's version and current data, which
  is applied locally). The case is rebuilt from its server data plus the ops still
  pending, so the local view stops showing a change that did not happen. An attention
  item stays listed until a person acknowledges it; nothing is dropped silently.

An op without an answer stays in the outbox, however often a push fails.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from agentdesk.client import changes, local_effects
from agentdesk.client.convert import utc_text
from agentdesk.client.store import LocalStore, WriteTx
from agentdesk.protocol.ops import (
    CaseReassignOp,
    Op,
    OpType,
    PlanDecideOp,
    PlanWithdrawOp,
    parse_op,
)
from agentdesk.protocol.sync import CaseData, EntityType, OpResult, OpStatus, parse_entity

DEFAULT_BATCH = 100


@dataclass(frozen=True)
class OutboxEntry:
    """One pending op and how often a push of it was tried."""

    seq: int
    op: Op
    attempts: int


@dataclass(frozen=True)
class AttentionItem:
    """An op the server did not apply, kept until a person acknowledges it."""

    op_id: UUID
    op_type: OpType
    case_id: str
    entity_id: str
    status: OpStatus
    reason: str
    reason_code: str | None
    server_version: int | None
    current: dict[str, Any] | None
    op: Op
    answered_at: datetime
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class AnswerSummary:
    """What `mark_answered` did."""

    synced: int
    needs_attention: int
    unknown: int
    """Results for op ids not (or no longer) in the outbox: already answered before."""
    removed_cases: tuple[str, ...]
    """Cases whose deferred removal completed now that their ops were answered."""


def append(tx: WriteTx, op: Op) -> int:
    """Add `op` to the outbox inside `tx` (the transaction of its local change)."""
    row = tx.db.execute(
        "INSERT INTO outbox (op_id, op_type, entity_id, case_id, base_version, created_at,"
        " body, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0) RETURNING seq",
        (
            str(op.op_id),
            str(op.type),
            str(op.entity_id),
            str(op.payload.case_id),
            op.base_version,
            utc_text(op.created_at),
            op.model_dump_json(),
        ),
    ).fetchone()
    return int(row[0])


def _created_ids(op: Op) -> list[str]:
    # The local rows an op created: its entity, or for a decision the decision record.
    if isinstance(op, PlanDecideOp):
        return [str(op.payload.decision_id)]
    if op.type.is_edit:
        return []
    return [str(op.entity_id)]


def _set_local_state(db: sqlite3.Connection, op: Op, state: str) -> None:
    for item_id in _created_ids(op):
        for table, column in (
            ("history", "item_id"), ("plans", "plan_id"), ("plan_decisions", "decision_id"),
            ("contact_preferences", "preference_id"),
        ):
            db.execute(
                f"UPDATE {table} SET local_state = ? WHERE {column} = ?", (state, item_id)
            )


def rebuild_case(tx: WriteTx, case_id: str) -> None:
    """Reset a case's queue columns and plan statuses to the server's data, then re-apply
    the effects of the ops on it that still wait."""
    db = tx.db
    db.execute(
        "UPDATE plans SET status = json_extract(data, '$.status') WHERE case_id = ?", (case_id,)
    )
    row = db.execute(
        "SELECT c.version, d.data FROM cases c JOIN case_data d ON d.case_id = c.case_id"
        " WHERE c.case_id = ?",
        (case_id,),
    ).fetchone()
    if row is not None:
        case = CaseData.model_validate_json(row[1])
        changes.upsert_entity(tx, EntityType.CASE, int(row[0]), case, access_back=False)
    else:
        local_effects.reapply_pending(db, case_id)
    tx.case_changed(case_id)


class Outbox:
    """Reading and answering the outbox of one store."""

    def __init__(self, store: LocalStore) -> None:
        self.store = store

    def count(self) -> int:
        """How many ops wait for an answer (the status bar's "ops waiting")."""
        with self.store.read() as db:
            return int(db.execute("SELECT count(*) FROM outbox").fetchone()[0])

    def pending(self, limit: int = DEFAULT_BATCH, after_seq: int = 0) -> list[OutboxEntry]:
        """Up to `limit` pending ops after `after_seq`, oldest first."""
        with self.store.read() as db:
            rows = db.execute(
                "SELECT seq, body, attempts FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                (after_seq, limit),
            ).fetchall()
        return [OutboxEntry(int(seq), parse_op(body), int(n)) for seq, body, n in rows]

    def batches(self, size: int = DEFAULT_BATCH) -> Iterator[list[OutboxEntry]]:
        """The pending ops in order, `size` at a time (read lazily, batch by batch)."""
        after = 0
        while batch := self.pending(size, after):
            yield batch
            after = batch[-1].seq

    def pending_for_case(self, case_id: str) -> int:
        """How many unanswered ops the case has."""
        with self.store.read() as db:
            return changes.pending_op_count(db, case_id)

    def record_attempt(self, op_ids: Iterable[UUID]) -> None:
        """Note that a push of these ops was tried (for diagnostics and backoff)."""
        with self.store.write() as tx:
            for op_id in op_ids:
                tx.db.execute(
                    "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?"
                    " WHERE op_id = ?",
                    (utc_text(tx.now), str(op_id)),
                )

    def mark_answered(self, results: Iterable[OpResult]) -> AnswerSummary:
        """Record the server's answers, all in one transaction (see the module docstring)."""
        synced = attention = unknown = 0
        with self.store.write() as tx:
            db = tx.db
            for result in results:
                row = db.execute(
                    "SELECT body FROM outbox WHERE op_id = ?", (str(result.op_id),)
                ).fetchone()
                if row is None:
                    unknown += 1
                    continue
                op = parse_op(row[0])
                db.execute("DELETE FROM outbox WHERE op_id = ?", (str(op.op_id),))
                case_id = str(op.payload.case_id)
                if not result.status.needs_attention:
                    _set_local_state(db, op, "synced")
                    synced += 1
                    tx.case_changed(case_id)
                    continue
                attention += 1
                self._keep_for_attention(tx, op, result, row[0])
                _set_local_state(db, op, str(result.status))
                self._apply_current(tx, op, result)
                rebuild_case(tx, case_id)
            removed = changes.finish_deferred_removals(tx)
        return AnswerSummary(synced, attention, unknown, tuple(removed))

    @staticmethod
    def _keep_for_attention(tx: WriteTx, op: Op, result: OpResult, body: str) -> None:
        tx.db.execute(
            "INSERT OR REPLACE INTO attention (op_id, op_type, entity_id, case_id, status,"
            " reason, reason_code, server_version, current, body, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(op.op_id),
                str(op.type),
                str(op.entity_id),
                str(op.payload.case_id),
                str(result.status),
                result.reason or "",
                result.reason_code,
                result.server_version,
                None if result.current is None else json.dumps(result.current),
                body,
                utc_text(tx.now),
            ),
        )

    @staticmethod
    def _apply_current(tx: WriteTx, op: Op, result: OpResult) -> None:
        # A conflict may carry the server's current entity: show that, not our guess.
        if result.current is None or result.server_version is None:
            return
        entity_type = None
        if isinstance(op, PlanWithdrawOp | PlanDecideOp):
            entity_type = EntityType.PLAN
        elif isinstance(op, CaseReassignOp):
            entity_type = EntityType.CASE
        if entity_type is None:
            return
        entity = parse_entity(entity_type, dict(result.current))
        changes.upsert_entity(tx, entity_type, result.server_version, entity)

    def needs_attention(self, *, include_acknowledged: bool = False) -> list[AttentionItem]:
        """Rejected and conflicting ops, oldest answer first."""
        where = "" if include_acknowledged else " WHERE acknowledged_at IS NULL"
        with self.store.read() as db:
            rows = db.execute(
                "SELECT op_id, op_type, case_id, entity_id, status, reason, reason_code,"
                " server_version, current, body, answered_at, acknowledged_at"
                f" FROM attention{where} ORDER BY answered_at, op_id"
            ).fetchall()
        return [
            AttentionItem(
                op_id=UUID(r[0]),
                op_type=OpType(r[1]),
                case_id=r[2],
                entity_id=r[3],
                status=OpStatus(r[4]),
                reason=r[5],
                reason_code=r[6],
                server_version=r[7],
                current=None if r[8] is None else json.loads(r[8]),
                op=parse_op(r[9]),
                answered_at=datetime.fromisoformat(r[10]),
                acknowledged_at=None if r[11] is None else datetime.fromisoformat(r[11]),
            )
            for r in rows
        ]

    def acknowledge(self, op_id: UUID) -> None:
        """A person has seen this rejection or conflict; it leaves the attention list."""
        with self.store.write() as tx:
            done = tx.db.execute(
                "UPDATE attention SET acknowledged_at = ? WHERE op_id = ?"
                " AND acknowledged_at IS NULL",
                (utc_text(tx.now), str(op_id)),
            ).rowcount
            if not done:
                raise KeyError(f"no unacknowledged attention item for op {op_id}")
