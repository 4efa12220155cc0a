"""Removals: a case the user lost access to, and other entities the server took away.

A removed case goes with its timeline, plans and decisions — and its loan and borrower
when no other local case needs them — but only once no op on it waits in the outbox:
until then the removal is kept in `deferred_removals` and the case is flagged
`removal_pending`; `outbox.mark_answered` finishes it after the last answer.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from agentdesk.client import case_index
from agentdesk.client.convert import utc_text
from agentdesk.client.store import LocalStore, WriteTx
from agentdesk.protocol.sync import EntityType

CASE_ITEMS = frozenset({
    EntityType.CONTACT_ATTEMPT, EntityType.MESSAGE, EntityType.NOTE, EntityType.PROMISE,
    EntityType.PLAN, EntityType.PLAN_DECISION,
})  # fmt: skip


def remove_entity(tx: WriteTx, entity_type: EntityType, entity_id: str) -> None:
    """Delete one entity that is not a case (a timeline item, a phone, a document …)."""
    db = tx.db
    if entity_type in CASE_ITEMS:
        case_id = _scalar(db, "SELECT case_id FROM history WHERE item_id = ?", entity_id)
        _exec(db, "DELETE FROM history WHERE item_id = ?", entity_id)
        _exec(db, "DELETE FROM plans WHERE plan_id = ?", entity_id)
        _exec(db, "DELETE FROM plan_decisions WHERE decision_id = ?", entity_id)
        if case_id is not None:
            tx.case_changed(str(case_id))
        return
    table, column = {
        EntityType.BORROWER: ("borrowers", "borrower_id"),
        EntityType.CONTACT_POINT: ("contact_points", "contact_point_id"),
        EntityType.LOAN: ("loans", "loan_id"),
        EntityType.INSTALMENT: ("instalments", "instalment_id"),
        EntityType.PAYMENT: ("payments", "payment_id"),
        EntityType.SCRIPT: ("documents", "doc_id"),
        EntityType.CONTACT_POLICY: ("documents", "doc_id"),
        EntityType.CONTACT_PREFERENCE: ("contact_preferences", "preference_id"),
    }[entity_type]
    if entity_type is EntityType.CONTACT_POINT:
        borrower = _scalar(
            db, "SELECT borrower_id FROM contact_points WHERE contact_point_id = ?", entity_id
        )
        _exec(db, "DELETE FROM contact_points WHERE contact_point_id = ?", entity_id)
        if borrower is not None:
            keys = case_index.refresh_phones(db, [str(borrower)])
            case_index.reindex_cases(db, keys)
        return
    _exec(db, f"DELETE FROM {table} WHERE {column} = ?", entity_id)


def pending_op_count(db: sqlite3.Connection, case_id: str) -> int:
    """How many ops on this case still wait for the server's answer."""
    return int(_scalar(db, "SELECT count(*) FROM outbox WHERE case_id = ?", case_id))


def remove_case(tx: WriteTx, case_id: str, *, seq: int = 0) -> bool:
    """Delete a case's local copy, or defer it while ops on it are unanswered.

    Returns True when the case is gone, False when the removal was deferred.
    """
    db = tx.db
    if pending_op_count(db, case_id):
        _exec(db, "INSERT OR REPLACE INTO deferred_removals VALUES (?, ?, ?)",
              case_id, seq, utc_text(tx.now))
        _exec(db, "UPDATE cases SET removal_pending = 1 WHERE case_id = ?", case_id)
        tx.case_changed(case_id)
        return False
    row = db.execute(
        "SELECT key, borrower_id, loan_id FROM cases WHERE case_id = ?", (case_id,)
    ).fetchone()
    _exec(db, "DELETE FROM deferred_removals WHERE case_id = ?", case_id)
    for table in ("history", "plans", "plan_decisions", "case_data"):
        _exec(db, f"DELETE FROM {table} WHERE case_id = ?", case_id)
    if row is None:
        return True
    key, borrower_id, loan_id = row
    case_index.unindex_cases(db, [key])
    _exec(db, "DELETE FROM cases WHERE key = ?", key)
    # The loan and borrower go too, unless another case the user still holds needs them.
    if db.execute("SELECT 1 FROM cases WHERE loan_id = ?", (loan_id,)).fetchone() is None:
        for table in ("instalments", "payments", "loans"):
            _exec(db, f"DELETE FROM {table} WHERE loan_id = ?", loan_id)
    if db.execute(
        "SELECT 1 FROM cases WHERE borrower_id = ?", (borrower_id,)
    ).fetchone() is None:
        for table in ("contact_preferences", "contact_points", "borrowers"):
            _exec(db, f"DELETE FROM {table} WHERE borrower_id = ?", borrower_id)
    tx.case_changed(case_id)
    return True


def finish_deferred_removals(tx: WriteTx) -> list[str]:
    """Complete deferred removals whose cases have no unanswered ops left."""
    ready = [
        str(row[0])
        for row in tx.db.execute(
            "SELECT case_id FROM deferred_removals d"
            " WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = d.case_id)"
        )
    ]
    for case_id in ready:
        remove_case(tx, case_id)
    return ready


def deferred_removal_ids(store: LocalStore) -> list[str]:
    """Cases whose removal waits for answers to their pending ops."""
    with store.read() as db:
        return [str(r[0]) for r in db.execute("SELECT case_id FROM deferred_removals")]


def _exec(db: sqlite3.Connection, sql: str, *params: Any) -> None:
    db.execute(sql, params)


def _scalar(db: sqlite3.Connection, sql: str, *params: Any) -> Any:
    row = db.execute(sql, params).fetchone()
    return None if row is None else row[0]
