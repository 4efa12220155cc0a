"""Applying pulled server changes to the local store.

`apply_changes(store, page)` applies a whole page in one transaction and saves the
page's `next_cursor` in that same transaction: either the page and its cursor are in
the file, or neither is, so a crash mid-page simply pulls the page again (upserts are
idempotent: applying one twice leaves the same row).

Removals (a case the user lost access to waits for the answers to its pending ops)
are in `removals.py`.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from agentdesk.client import case_index, local_effects, preference_rows, removals
from agentdesk.client.convert import date_text, to_minor, utc_text
from agentdesk.client.search_keys import mask_phone
from agentdesk.client.store import LocalStore, WriteTx, save_cursor
from agentdesk.domain.vocabulary import Stage
from agentdesk.protocol.sync import (
    BorrowerData,
    CaseData,
    Change,
    ChangeKind,
    ContactAttemptData,
    ContactPointData,
    ContactPreferenceData,
    DocumentData,
    EntityType,
    InstalmentData,
    LoanData,
    MessageData,
    NoteData,
    PaymentData,
    PlanData,
    PlanDecisionData,
    PromiseData,
    PullResponse,
    parse_entity,
)

STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage)}


@dataclass(frozen=True)
class AppliedPage:
    """What one page did to the store."""

    upserts: int
    removals: int
    deferred_removals: tuple[str, ...]
    """Cases whose removal waits for answers to their pending ops."""


def _json(model: BaseModel) -> str:
    return model.model_dump_json()


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def apply_changes(store: LocalStore, page: PullResponse, *, stream: str = "main") -> AppliedPage:
    """Apply one pulled page in one transaction, then save its cursor in the same one."""
    with store.write() as tx:
        result = apply_page(tx, page.changes)
        save_cursor(tx, stream, page.next_cursor)
    return result


@dataclass
class PageWork:
    """Work collected while applying changes and done once at the end (in batches)."""

    has_deferred: bool
    """Whether any deferred removal exists (most pages need not look for one)."""
    has_outbox: bool
    """Whether any op waits (only then can a pulled row hide unsynced local work)."""
    reindex: set[int] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    history: list[tuple[Any, ...]] = field(default_factory=list)
    """Timeline rows to write in one `executemany` (a first sync brings tens of thousands)."""
    borrowers: set[str] = field(default_factory=set)
    loans: set[str] = field(default_factory=set)

    @classmethod
    def start(cls, db: sqlite3.Connection) -> PageWork:
        """Look once at the state the per-change steps depend on."""
        return cls(
            has_deferred=db.execute("SELECT 1 FROM deferred_removals LIMIT 1").fetchone()
            is not None,
            has_outbox=db.execute("SELECT 1 FROM outbox LIMIT 1").fetchone() is not None,
        )

    def finish(self, tx: WriteTx) -> None:
        """Write batched rows, refresh phone columns and search indexes, announce changes."""
        if self.history:
            tx.db.executemany(
                "INSERT OR REPLACE INTO history VALUES (?, ?, ?, ?, ?, 'synced', ?)", self.history
            )
            tx.case_changed(*{row[1] for row in self.history})
            self.history = []
        self.reindex.update(case_index.refresh_phones(tx.db, self.phones))
        if self.reindex:
            case_index.reindex_cases(tx.db, sorted(self.reindex))
        for column, values in (("borrower_id", self.borrowers), ("loan_id", self.loans)):
            ordered = sorted(values)
            for start in range(0, len(ordered), 500):
                chunk = ordered[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = tx.db.execute(
                    f"SELECT case_id FROM cases WHERE {column} IN ({marks})", chunk
                )
                tx.case_changed(*(str(r[0]) for r in rows))


def apply_page(tx: WriteTx, changes: tuple[Change, ...] | list[Change]) -> AppliedPage:
    """Apply changes inside an open write transaction (no cursor is saved)."""
    upserts = removed = 0
    deferred: list[str] = []
    work = PageWork.start(tx.db)
    for change in changes:
        if change.op is ChangeKind.UPSERT:
            assert change.data is not None
            entity = parse_entity(change.entity_type, change.data)
            upsert_entity(tx, change.entity_type, change.version, entity, work,
                          raw=change.data)
            upserts += 1
            continue
        # A removal may drop rows the batched work still refers to: finish that first.
        work.finish(tx)
        if change.entity_type is EntityType.CASE:
            if not removals.remove_case(tx, change.entity_id, seq=change.seq):
                deferred.append(change.entity_id)
        else:
            removals.remove_entity(tx, change.entity_type, change.entity_id)
        removed += 1
        work = PageWork.start(tx.db)
    work.finish(tx)
    return AppliedPage(upserts, removed, tuple(deferred))


def upsert_entity(
    tx: WriteTx,
    entity_type: EntityType,
    version: int,
    entity: BaseModel,
    work: PageWork | None = None,
    *,
    access_back: bool = True,
    raw: dict[str, Any] | None = None,
) -> None:
    """Write one entity's server data (insert or replace) inside `tx`.

    Changes applied as a page share one `PageWork`; alone, the work is finished here.
    `raw` is the data as received, stored as it came (the entity already validated it).
    A case upsert normally means the user holds the case (again), which voids a deferred
    removal; `access_back=False` rewrites the row from stored data without that meaning.
    """
    db = tx.db
    alone = work is None
    data = _json(entity) if raw is None else _dumps(raw)
    if work is None:
        work = PageWork.start(db)
    if isinstance(entity, CaseData):
        key = _upsert_case(db, version, entity, data,
                           access_back=access_back and work.has_deferred)
        if work.has_outbox:
            local_effects.reapply_pending(db, entity.id)
        work.reindex.add(key)
        work.phones.add(entity.borrower_id)
        tx.case_changed(entity.id)
    elif isinstance(entity, BorrowerData):
        _exec(db, "INSERT OR REPLACE INTO borrowers VALUES (?, ?, ?, ?)",
              entity.id, version, entity.name, data)
        work.borrowers.add(entity.id)
    elif isinstance(entity, ContactPointData):
        _exec(db, "INSERT OR REPLACE INTO contact_points VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              entity.id, entity.borrower_id, version, entity.kind, str(entity.relation),
              entity.value, mask_phone(entity.value) if entity.kind == "phone" else "",
              data)
        work.phones.add(entity.borrower_id)
        work.borrowers.add(entity.borrower_id)
    elif isinstance(entity, ContactPreferenceData):
        preference_rows.store_pulled(tx, version, entity, data)
    elif isinstance(entity, LoanData):
        _exec(db, "INSERT OR REPLACE INTO loans VALUES (?, ?, ?, ?, ?)",
              entity.id, entity.borrower_id, version, entity.loan_number, data)
        work.loans.add(entity.id)
    elif isinstance(entity, InstalmentData):
        _exec(db, "INSERT OR REPLACE INTO instalments VALUES (?, ?, ?, ?, ?)",
              entity.id, entity.loan_id, entity.seq, version, data)
        work.loans.add(entity.loan_id)
    elif isinstance(entity, PaymentData):
        _exec(db, "INSERT OR REPLACE INTO payments VALUES (?, ?, ?, ?, ?)",
              entity.id, entity.loan_id, entity.paid_on.isoformat(), version, data)
        work.loans.add(entity.loan_id)
    elif isinstance(entity, DocumentData):
        kind = "script" if entity_type is EntityType.SCRIPT else "contact_policy"
        _exec(db, "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
              kind, entity.id, entity.version, entity.language, entity.format, entity.body,
              utc_text(tx.now))
    else:
        _upsert_case_item(tx, entity_type, version, entity, work, data)
    if alone:
        work.finish(tx)


def _upsert_case(
    db: sqlite3.Connection, version: int, case: CaseData, data: str, *, access_back: bool
) -> int:
    values = {
        "case_id": case.id,
        "version": version,
        "borrower_id": case.borrower_id,
        "loan_id": case.loan_id,
        "assignee_id": case.assignee_id,
        "priority": case.priority,
        "borrower_name": case.borrower_name,
        "loan_number": case.loan_number,
        "dpd": case.dpd,
        "bucket": str(case.bucket),
        "amount_overdue_minor": to_minor(case.amount_overdue, case.currency),
        "outstanding_minor": to_minor(case.outstanding, case.currency),
        "currency": case.currency,
        "next_action_due": utc_text(case.next_action_due),
        "next_action_reason": case.next_action_reason or None,
        "promise_status": case.promise_status and str(case.promise_status),
        "promise_due": date_text(case.promise_due),
        "last_contact_at": utc_text(case.last_contact_at),
        "stage": str(case.stage),
        "stage_rank": STAGE_RANK[case.stage],
        "holds": ",".join(sorted(str(h) for h in case.holds)),
        "plan_status": case.plan_status and str(case.plan_status),
    }
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    updates = ", ".join(f"{c} = excluded.{c}" for c in values if c != "case_id")
    if access_back:
        # Receiving the case again means access is back: any deferred removal is void.
        updates += ", removal_pending = 0"
        db.execute("DELETE FROM deferred_removals WHERE case_id = ?", (case.id,))
    row = db.execute(
        f"INSERT INTO cases ({columns}, name_pinyin, name_initials, phones_masked,"
        f" phone_digits, removal_pending) VALUES ({marks}, '', '', '', '', 0)"
        f" ON CONFLICT (case_id) DO UPDATE SET {updates} RETURNING key",
        tuple(values.values()),
    ).fetchone()
    db.execute("INSERT OR REPLACE INTO case_data VALUES (?, ?)", (case.id, data))
    return int(row[0])


_ITEM_KIND = {
    EntityType.CONTACT_ATTEMPT: "contact_attempt",
    EntityType.MESSAGE: "message",
    EntityType.NOTE: "note",
    EntityType.PROMISE: "promise",
    EntityType.PLAN: "plan",
    EntityType.PLAN_DECISION: "plan_decision",
}


def _occurred_at(entity: BaseModel) -> str:
    if isinstance(entity, ContactAttemptData):
        moment = entity.started_at
    elif isinstance(entity, MessageData):
        moment = entity.sent_at
    elif isinstance(entity, NoteData | PromiseData):
        moment = entity.created_at
    elif isinstance(entity, PlanData):
        moment = entity.proposed_at
    elif isinstance(entity, PlanDecisionData):
        moment = entity.decided_at
    else:  # pragma: no cover - every case item type is listed above
        raise TypeError(type(entity))
    text = utc_text(moment)
    assert text is not None
    return text


def _upsert_case_item(
    tx: WriteTx, entity_type: EntityType, version: int, entity: Any, work: PageWork, data: str
) -> None:
    db = tx.db
    row = (entity.id, entity.case_id, _ITEM_KIND[entity_type], _occurred_at(entity), version,
           data)
    if not isinstance(entity, PlanData | PlanDecisionData):
        work.history.append(row)
        return
    _exec(db, "INSERT OR REPLACE INTO history VALUES (?, ?, ?, ?, ?, 'synced', ?)", *row)
    if isinstance(entity, PlanData):
        _exec(db, "INSERT OR REPLACE INTO plans VALUES (?, ?, ?, ?, 'synced', ?)",
              entity.id, entity.case_id, str(entity.status), version, data)
        # A withdrawal or decision still waiting must keep showing over the server's copy.
        if work.has_outbox:
            local_effects.reapply_pending(db, entity.case_id)
    elif isinstance(entity, PlanDecisionData):
        _exec(db, "INSERT OR REPLACE INTO plan_decisions VALUES (?, ?, ?, ?, ?, 'synced', ?)",
              entity.id, entity.plan_id, entity.case_id, str(entity.decision), version, data)
    tx.case_changed(entity.case_id)


def _exec(db: sqlite3.Connection, sql: str, *params: Any) -> None:
    db.execute(sql, params)


# Kept importable from here, where callers first found them.
pending_op_count = removals.pending_op_count
remove_case = removals.remove_case
finish_deferred_removals = removals.finish_deferred_removals
deferred_removal_ids = removals.deferred_removal_ids
