"""The change log: every committed change to a row a desktop holds, in commit order.

Why a log with positions handed out at commit time, under one lock
-------------------------------------------------------------------
A pull asks for "changes after cursor N". If positions came from a plain sequence
taken while a transaction runs, two writers could take 7 and 8, the one holding 8
could commit first, a client could read up to 8 and store cursor 8 — and change 7,
committed a moment later, would never reach it. So a position is handed out only as
the very last step before COMMIT, inside one serialised step:

- on PostgreSQL the appending transaction takes a transaction-level advisory lock
  (`pg_advisory_xact_lock`) right before it inserts its log rows; the lock is released
  only after the commit is visible, so whoever takes the next position does so after
  every lower position is already committed (or rolled back, leaving a harmless gap
  that is never filled). Readers never wait: they only see a prefix of positions.
- on SQLite every writer already holds the database's single write lock (BEGIN
  IMMEDIATE) for its whole transaction, which gives the same order.

The lock is held only for the log insert and the commit, so writers queue for
microseconds, not for their whole transaction. Other designs (exposing only positions
below `pg_snapshot_xmin`, or a separate sequencer) allow more overlap but need more
moving parts; at the write rates of a collection team this one is simple and provably
gap-free, and `tests/sync` checks it with concurrent writers on PostgreSQL.

How changes are noticed
-----------------------
SQLAlchemy session events, so every code path that writes through the ORM (the sync
ops, the REST endpoints, imports) is logged without calling anything: `after_flush`
notes which syncable rows were inserted, changed or deleted; `before_commit` resolves
which cases they belong to (a borrower's cases, a payment's loan's case …) and appends
the rows. Only ids are logged; a pull reads the entity's current data. A case whose
assignee or team changes gets an `access` row naming the holders before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, event, inspect, select, text
from sqlalchemy.orm import Session, SessionTransaction

from agentdesk.protocol.sync import EntityType
from agentdesk.server import plain_insert
from agentdesk.server.base import utcnow
from agentdesk.server.models import (
    Borrower,
    Case,
    ContactAttempt,
    ContactPoint,
    ContactPreference,
    Loan,
    Note,
    Payment,
    Plan,
    PlanDecision,
    Promise,
)
from agentdesk.server.sync.models import SyncChange

ADVISORY_KEY = 0x41445359  # "ADSY": the one lock that orders the change log
PENDING = "agentdesk.sync.pending"

UPSERT, REMOVE, ACCESS = "upsert", "remove", "access"


@dataclass(frozen=True)
class Noted:
    """A row seen changing in a flush, with what is needed to find its cases."""

    entity_type: EntityType
    entity_id: uuid.UUID
    kind: str
    case_id: uuid.UUID | None = None
    loan_id: uuid.UUID | None = None
    borrower_id: uuid.UUID | None = None
    plan_id: uuid.UUID | None = None
    old_assignee: uuid.UUID | None = None
    old_team: uuid.UUID | None = None
    new_assignee: uuid.UUID | None = None
    new_team: uuid.UUID | None = None


def _before_after(obj: Any, attr: str) -> tuple[Any, Any, bool]:
    history = inspect(obj).attrs[attr].history
    after = getattr(obj, attr)
    if not history.has_changes():
        return after, after, False
    before = history.deleted[0] if history.deleted else None
    return before, after, True


def _note_case(obj: Case, how: str) -> list[Noted]:
    if how == "deleted":
        return [Noted(EntityType.CASE, obj.id, REMOVE, case_id=obj.id)]
    if how == "new":
        return [
            Noted(
                EntityType.CASE,
                obj.id,
                ACCESS,
                case_id=obj.id,
                new_assignee=obj.assignee_id,
                new_team=obj.team_id,
            )
        ]
    old_a, new_a, moved_a = _before_after(obj, "assignee_id")
    old_t, new_t, moved_t = _before_after(obj, "team_id")
    if moved_a or moved_t:
        return [
            Noted(
                EntityType.CASE,
                obj.id,
                ACCESS,
                case_id=obj.id,
                old_assignee=old_a,
                old_team=old_t,
                new_assignee=new_a,
                new_team=new_t,
            )
        ]
    return [Noted(EntityType.CASE, obj.id, UPSERT, case_id=obj.id)]


def note(obj: Any, how: str) -> list[Noted]:
    """What a flushed row means for the log (`how` is new, dirty or deleted)."""
    kind = REMOVE if how == "deleted" else UPSERT
    if isinstance(obj, Case):
        return _note_case(obj, how)
    if isinstance(obj, ContactAttempt | Note | Promise | Plan):
        entity_type = {
            ContactAttempt: EntityType.CONTACT_ATTEMPT,
            Note: EntityType.NOTE,
            Promise: EntityType.PROMISE,
            Plan: EntityType.PLAN,
        }[type(obj)]
        # The case row carries figures derived from its items (last contact, promise,
        # plan status), so its holders get the case again too.
        return [
            Noted(entity_type, obj.id, kind, case_id=obj.case_id),
            Noted(EntityType.CASE, obj.case_id, UPSERT, case_id=obj.case_id),
        ]
    if isinstance(obj, PlanDecision):
        return [Noted(EntityType.PLAN_DECISION, obj.id, kind, plan_id=obj.plan_id)]
    if isinstance(obj, Payment):
        return [Noted(EntityType.PAYMENT, obj.id, kind, loan_id=obj.loan_id)]
    if isinstance(obj, Loan):
        return [Noted(EntityType.LOAN, obj.id, kind, loan_id=obj.id)]
    if isinstance(obj, Borrower):
        return [Noted(EntityType.BORROWER, obj.id, kind, borrower_id=obj.id)]
    if isinstance(obj, ContactPoint):
        return [Noted(EntityType.CONTACT_POINT, obj.id, kind, borrower_id=obj.borrower_id)]
    if isinstance(obj, ContactPreference):
        # The borrower's statement goes to the holders of every case of theirs.
        return [
            Noted(EntityType.CONTACT_PREFERENCE, obj.id, kind, borrower_id=obj.borrower_id)
        ]
    return []


def _after_flush(session: Session, _context: Any) -> None:
    pending: list[Noted] = session.info.setdefault(PENDING, [])
    for obj in session.new:
        pending.extend(note(obj, "new"))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            pending.extend(note(obj, "dirty"))
    for obj in session.deleted:
        pending.extend(note(obj, "deleted"))


def _cases_by(
    session: Session, column: Any, ids: set[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    found: dict[uuid.UUID, list[uuid.UUID]] = {}
    if not ids:
        return found  # (most commits note only case items, whose case is known)
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start : start + 500]
        for case_id, key in session.execute(select(Case.id, column).where(column.in_(chunk))):
            found.setdefault(key, []).append(case_id)
    return found


def resolve(session: Session, pending: Iterable[Noted]) -> list[dict[str, Any]]:
    """The log rows for what was noted: one per (entity, case), duplicates dropped."""
    pending = list(pending)
    by_loan = _cases_by(session, Case.loan_id, {n.loan_id for n in pending if n.loan_id})
    by_borrower = _cases_by(
        session, Case.borrower_id, {n.borrower_id for n in pending if n.borrower_id}
    )
    plan_ids = sorted({n.plan_id for n in pending if n.plan_id})
    plan_case: dict[uuid.UUID, uuid.UUID] = {}
    if plan_ids:
        stmt = select(Plan.id, Plan.case_id).where(Plan.id.in_(plan_ids))
        plan_case = {plan_id: case_id for plan_id, case_id in session.execute(stmt)}
    now = utcnow()
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str, uuid.UUID | None, str]] = set()

    def add(n: Noted, case_id: uuid.UUID, as_case: bool = False) -> None:
        # `as_case`: the row for the case itself, whose derived figures the change moves.
        etype = EntityType.CASE if as_case else n.entity_type
        entity_id = str(case_id if as_case else n.entity_id)
        kind = UPSERT if as_case else n.kind
        key = (etype.value, entity_id, case_id, kind)
        if kind != ACCESS:
            if key in seen:
                return
            seen.add(key)
        rows.append(
            {
                "entity_type": etype.value,
                "entity_id": entity_id,
                "case_id": case_id,
                "kind": kind,
                "old_assignee_id": n.old_assignee,
                "old_team_id": n.old_team,
                "new_assignee_id": n.new_assignee,
                "new_team_id": n.new_team,
                "at": now,
            }
        )

    for n in pending:
        if n.case_id is not None:
            add(n, n.case_id)
        elif n.plan_id is not None:
            case_id = plan_case.get(n.plan_id)
            if case_id is not None:
                add(n, case_id)
                add(n, case_id, as_case=True)
        elif n.loan_id is not None:
            for case_id in by_loan.get(n.loan_id, []):
                add(n, case_id)
                add(n, case_id, as_case=True)
        elif n.borrower_id is not None:
            for case_id in by_borrower.get(n.borrower_id, []):
                add(n, case_id)
                add(n, case_id, as_case=True)
    return rows


def take_position_lock(session: Session) -> None:
    """Serialise position hand-out until this transaction ends (PostgreSQL only)."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY})


# Compiled once; the rows go as parameters.
_LOG_TABLE = cast(Table, SyncChange.__table__)


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: positions are handed out when the whole transaction commits
    # The last changes are flushed here, so that they are noted before positions go out.
    session.flush()
    pending: list[Noted] = session.info.pop(PENDING, [])
    if not pending:
        return
    rows = resolve(session, pending)
    if not rows:
        return
    take_position_lock(session)
    plain_insert.run(session.connection(), _LOG_TABLE, rows)


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(PENDING, None)


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:
        session.info.pop(PENDING, None)


def note_inserted(session: Session, entity_type: EntityType, entity_id: uuid.UUID,
                  case_id: uuid.UUID) -> None:
    """Log a case item inserted with a plain INSERT (no flush sees it), as a flush would.

    The item and its case (whose derived figures it moves) get their rows when the
    transaction commits, under the same position lock as every other change."""
    pending: list[Noted] = session.info.setdefault(PENDING, [])
    pending.append(Noted(entity_type, entity_id, UPSERT, case_id=case_id))
    pending.append(Noted(EntityType.CASE, case_id, UPSERT, case_id=case_id))


_installed = False


def install() -> None:
    """Listen on every ORM session (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_rollback", _forget)
    event.listen(Session, "after_soft_rollback", _after_soft_rollback)
    _installed = True


install()
