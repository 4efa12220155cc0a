"""Applying pulled server changes to the local store.

`apply_changes(store, page)` applies a whole page in one transaction and saves the
page's `next_cursor` in that same transaction: either the page and its cursor are in
the file, or neither is, so a crash mid-page simply pulls the page again (upserts are
idempotent: applying one twice leaves the same row).

Removals (a case the user lost access to waits for the answers to its pending ops)
are in `removals.py`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any, NotRequired

import orjson
import typing_extensions
from pydantic import BaseModel, ConfigDict, TypeAdapter

from agentdesk.client import case_index, local_effects, preference_rows, removals
from agentdesk.client.convert import date_text, to_minor, utc_text
from agentdesk.client.search_keys import mask_phone
from agentdesk.client.store import LocalStore, WriteTx, save_cursor
from agentdesk.domain.vocabulary import Stage
from agentdesk.protocol.sync import (
    ENTITY_MODELS,
    BorrowerData,
    CaseData,
    Change,
    ChangeKind,
    ContactAttemptData,
    ContactPointData,
    ContactPreferenceData,
    DocumentData,
    EntityBlock,
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
    # Compact UTF-8 JSON, as json.dumps(ensure_ascii=False, separators=(",", ":")) writes
    # it, several times faster (a first sync stores a hundred thousand of these).
    return orjson.dumps(data).decode()


def apply_changes(store: LocalStore, page: PullResponse, *, stream: str = "main") -> AppliedPage:
    """Apply one pulled page in one transaction, then save its cursor in the same one.

    The page's blocks (first-sync entities, protocol 2) go first, then its changes."""
    with store.write() as tx:
        # A first sync writes tens of megabytes: SQLite's automatic checkpoint (copying
        # the WAL into the file, with an fsync) would run after nearly every page. It is
        # held off while more snapshot pages follow, and runs once when the last page
        # commits (the setting belongs to this connection only). Each page still
        # commits on its own, as durable as any other transaction.
        bulk = bool(page.blocks) and page.has_more
        tx.db.execute(f"PRAGMA wal_autocheckpoint = {0 if bulk else 1000}")
        blocked = apply_blocks(tx, page.blocks) if page.blocks else 0
        result = apply_page(tx, page.changes)
        save_cursor(tx, stream, page.next_cursor)
    if blocked:
        result = AppliedPage(result.upserts + blocked, result.removals, result.deferred_removals)
    return result


def start_again(store: LocalStore, *, stream: str = "main") -> int:
    """Forget the server's copy before a fresh snapshot (the server said `cursor_expired`).

    Every case is removed as if the user had lost it — a case with unanswered ops only
    once they are answered, and a case the snapshot brings back cancels that — and the
    cursor is cleared, in one transaction. Returns how many cases there were."""
    with store.write() as tx:
        case_ids = [str(row[0]) for row in tx.db.execute("SELECT case_id FROM cases")]
        for case_id in case_ids:
            removals.remove_case(tx, case_id)
        tx.db.execute("DELETE FROM sync_state WHERE stream = ?", (stream,))
    return len(case_ids)


@cache
def _list_of(model: type[BaseModel]) -> TypeAdapter[list[BaseModel]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


@cache
def _dicts_of(model: type[BaseModel]) -> TypeAdapter[list[dict[str, Any]]]:
    """Checks a list of entities by every rule of `model`, into plain dicts.

    A TypedDict twin of the model (the same field types and constraints, unknown fields
    ignored, defaults not filled in): the bulky blocks of a first sync are only checked
    and stored as they came, and building a frozen model instance for each of a hundred
    thousand entities cost a third of checking them."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        kind: Any = info.annotation
        if info.metadata:
            kind = Annotated[(kind, *info.metadata)]
        fields[name] = kind if info.is_required() else NotRequired[kind]
    # typing_extensions' TypedDict: pydantic reads only that one before Python 3.12.
    make: Any = typing_extensions.TypedDict
    twin: Any = make(f"{model.__name__}Dict", fields)
    twin.__pydantic_config__ = ConfigDict(extra="ignore")
    adapter: TypeAdapter[list[dict[str, Any]]] = TypeAdapter(list[twin])
    return adapter


def apply_blocks(tx: WriteTx, blocks: tuple[EntityBlock, ...]) -> int:
    """Upsert every entity of these blocks inside `tx`; returns how many.

    Each block is checked by its entity model in one call and, for the plain tables,
    written with one `executemany`: a first sync writes a hundred thousand rows."""
    count = 0
    work = PageWork.start(tx.db, page=True)
    for block in blocks:
        model = ENTITY_MODELS[block.entity_type]
        plain = _PLAIN.get(model)
        if plain is not None or model in _TIMELINE:
            entities: list[Any] = _dicts_of(model).validate_python(block.data)
        else:
            entities = _list_of(model).validate_python(block.data)
        rows = zip(entities, block.versions, block.data, strict=True)
        if plain is not None:
            sql, row_of = plain
            tx.db.executemany(sql, [row_of(e, v, _dumps(d), work) for e, v, d in rows])
        elif model is CaseData:  # a page's cases: written together, not one by one
            _upsert_cases(tx, entities, block.versions, block.data, work)
        elif model in _TIMELINE:  # calls, notes, promises: rows for the history table
            kind = _ITEM_KIND[block.entity_type]
            when = _TIMELINE[model]
            work.history.extend(
                (
                    e["id"],
                    e["case_id"],
                    kind,
                    _utc_as_sent(d.get(when)) or utc_text(e[when]),
                    v,
                    _dumps(d),
                )
                for e, v, d in rows
            )
        else:
            for entity, version, data in rows:
                upsert_entity(tx, block.entity_type, version, entity, work, raw=data)
        count += len(entities)
    work.finish(tx)
    return count


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
    schedules: dict[str, set[str]] | None = None
    """Pages only: loan id -> the schedule row ids the page carried with that loan. A
    page that carries a loan carries its whole schedule (the server sends them
    together), so rows it did not carry are gone from the server (a shorter schedule
    after a restructure) and are deleted when the work finishes."""

    @classmethod
    def start(cls, db: sqlite3.Connection, *, page: bool = False) -> PageWork:
        """Look once at the state the per-change steps depend on (`page`: the work of a
        pulled page, which brings loans with their whole schedules)."""
        return cls(
            has_deferred=db.execute("SELECT 1 FROM deferred_removals LIMIT 1").fetchone()
            is not None,
            has_outbox=db.execute("SELECT 1 FROM outbox LIMIT 1").fetchone() is not None,
            schedules={} if page else None,
        )

    def finish(self, tx: WriteTx) -> None:
        """Write batched rows, refresh phone columns and search indexes, announce changes."""
        if self.schedules:
            # One statement for the page's loans: a schedule row id names its loan, so
            # the rows kept of one loan never match another's.
            kept = [row_id for rows in self.schedules.values() for row_id in rows]
            tx.db.execute(
                "DELETE FROM instalments WHERE loan_id IN (SELECT value FROM json_each(?))"
                " AND instalment_id NOT IN (SELECT value FROM json_each(?))",
                (orjson.dumps(list(self.schedules)).decode(), orjson.dumps(kept).decode()),
            )
            self.schedules = {}
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
    work = PageWork.start(tx.db, page=True)
    for change in changes:
        if change.op is ChangeKind.UPSERT:
            assert change.data is not None
            entity = parse_entity(change.entity_type, change.data)
            upsert_entity(tx, change.entity_type, change.version, entity, work, raw=change.data)
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
        work = PageWork.start(tx.db, page=True)
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
        key = _upsert_case(db, version, entity, data, access_back=access_back and work.has_deferred)
        if work.has_outbox:
            local_effects.reapply_pending(db, entity.id)
        work.reindex.add(key)
        work.phones.add(entity.borrower_id)
        tx.case_changed(entity.id)
    elif type(entity) in _PLAIN:
        sql, row_of = _PLAIN[type(entity)]
        db.execute(sql, row_of(entity.__dict__, version, data, work))
    elif isinstance(entity, ContactPreferenceData):
        preference_rows.store_pulled(tx, version, entity, data)
    elif isinstance(entity, DocumentData):
        kind = "script" if entity_type is EntityType.SCRIPT else "contact_policy"
        _exec(
            db,
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            kind,
            entity.id,
            entity.version,
            entity.language,
            entity.format,
            entity.body,
            utc_text(tx.now),
        )
    else:
        _upsert_case_item(tx, entity_type, version, entity, work, data)
    if alone:
        work.finish(tx)


# The plain tables: a row per entity, built by one function (which also notes what the
# page refreshes at its end), written one at a time or a block at a time. Each takes
# the entity's checked fields as a dict (`_dicts_of`, or a model's `__dict__`).


def _borrower_row(e: dict[str, Any], version: int, data: str, work: PageWork) -> tuple[Any, ...]:
    work.borrowers.add(e["id"])
    return (e["id"], version, e["name"], data)


def _contact_point_row(
    e: dict[str, Any], version: int, data: str, work: PageWork
) -> tuple[Any, ...]:
    work.phones.add(e["borrower_id"])
    work.borrowers.add(e["borrower_id"])
    masked = mask_phone(e["value"]) if e["kind"] == "phone" else ""
    return (
        e["id"],
        e["borrower_id"],
        version,
        e["kind"],
        str(e["relation"]),
        e["value"],
        masked,
        data,
    )


def _loan_row(e: dict[str, Any], version: int, data: str, work: PageWork) -> tuple[Any, ...]:
    work.loans.add(e["id"])
    if work.schedules is not None:
        work.schedules.setdefault(e["id"], set())
    return (e["id"], e["borrower_id"], version, e["loan_number"], data)


def _instalment_row(e: dict[str, Any], version: int, data: str, work: PageWork) -> tuple[Any, ...]:
    loan_id = e["loan_id"]
    work.loans.add(loan_id)
    if work.schedules is not None and loan_id in work.schedules:
        work.schedules[loan_id].add(e["id"])
    return (e["id"], loan_id, e["seq"], version, data)


def _payment_row(e: dict[str, Any], version: int, data: str, work: PageWork) -> tuple[Any, ...]:
    work.loans.add(e["loan_id"])
    return (e["id"], e["loan_id"], e["paid_on"].isoformat(), version, data)


_PLAIN: dict[type[BaseModel], tuple[str, Callable[..., tuple[Any, ...]]]] = {
    BorrowerData: ("INSERT OR REPLACE INTO borrowers VALUES (?, ?, ?, ?)", _borrower_row),
    ContactPointData: (
        "INSERT OR REPLACE INTO contact_points VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        _contact_point_row,
    ),
    LoanData: ("INSERT OR REPLACE INTO loans VALUES (?, ?, ?, ?, ?)", _loan_row),
    InstalmentData: ("INSERT OR REPLACE INTO instalments VALUES (?, ?, ?, ?, ?)", _instalment_row),
    PaymentData: ("INSERT OR REPLACE INTO payments VALUES (?, ?, ?, ?, ?)", _payment_row),
}


_CASE_COLUMNS = (
    "case_id", "version", "borrower_id", "loan_id", "assignee_id", "priority",
    "borrower_name", "loan_number", "dpd", "bucket", "amount_overdue_minor",
    "outstanding_minor", "currency", "next_action_due", "next_action_reason",
    "promise_status", "promise_due", "last_contact_at", "stage", "stage_rank", "holds",
    "plan_status",
)  # fmt: skip


def _case_values(case: CaseData, version: int) -> tuple[Any, ...]:
    # In the order of _CASE_COLUMNS.
    return (
        case.id,
        version,
        case.borrower_id,
        case.loan_id,
        case.assignee_id,
        case.priority,
        case.borrower_name,
        case.loan_number,
        case.dpd,
        str(case.bucket),
        to_minor(case.amount_overdue, case.currency),
        to_minor(case.outstanding, case.currency),
        case.currency,
        utc_text(case.next_action_due),
        case.next_action_reason or None,
        case.promise_status and str(case.promise_status),
        date_text(case.promise_due),
        utc_text(case.last_contact_at),
        str(case.stage),
        STAGE_RANK[case.stage],
        ",".join(sorted(str(h) for h in case.holds)),
        case.plan_status and str(case.plan_status),
    )


@cache
def _case_upsert_sql(access_back: bool) -> str:
    columns = ", ".join(_CASE_COLUMNS)
    marks = ", ".join("?" * len(_CASE_COLUMNS))
    updates = ", ".join(f"{c} = excluded.{c}" for c in _CASE_COLUMNS if c != "case_id")
    if access_back:
        # Receiving the case again means access is back: any deferred removal is void.
        updates += ", removal_pending = 0"
    return (
        f"INSERT INTO cases ({columns}, name_pinyin, name_initials, phones_masked,"
        f" phone_digits, removal_pending) VALUES ({marks}, '', '', '', '', 0)"
        f" ON CONFLICT (case_id) DO UPDATE SET {updates}"
    )


def _stored_borrowers(db: sqlite3.Connection, case_ids: list[str]) -> dict[str, str]:
    """The borrower each of these cases names in the store now (new cases absent)."""
    out: dict[str, str] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            db.execute(
                f"SELECT case_id, borrower_id FROM cases WHERE case_id IN ({marks})", chunk
            ).fetchall()
        )
    return out


def _forget_left_borrowers(
    db: sqlite3.Connection, before: dict[str, str], cases: list[Any]
) -> None:
    # A case re-filed under another borrower (a portfolio import moved its loan) leaves
    # the old borrower behind: their record, contact points and contact preferences go,
    # as when a case is removed, unless another case here still names them. A case with
    # unanswered ops keeps them until a later upsert (its ops may concern them).
    for case in cases:
        old = before.get(case.id)
        if old is None or old == case.borrower_id or removals.pending_op_count(db, case.id):
            continue
        if db.execute("SELECT 1 FROM cases WHERE borrower_id = ?", (old,)).fetchone() is None:
            for table in ("contact_preferences", "contact_points", "borrowers"):
                db.execute(f"DELETE FROM {table} WHERE borrower_id = ?", (old,))


def _upsert_case(
    db: sqlite3.Connection, version: int, case: CaseData, data: str, *, access_back: bool
) -> int:
    before = _stored_borrowers(db, [case.id])
    if access_back:
        db.execute("DELETE FROM deferred_removals WHERE case_id = ?", (case.id,))
    row = db.execute(
        _case_upsert_sql(access_back) + " RETURNING key", _case_values(case, version)
    ).fetchone()
    db.execute("INSERT OR REPLACE INTO case_data VALUES (?, ?)", (case.id, data))
    if before:
        _forget_left_borrowers(db, before, [case])
    return int(row[0])


def _upsert_cases(
    tx: WriteTx,
    cases: list[CaseData],
    versions: tuple[int, ...],
    raw: list[dict[str, Any]],
    work: PageWork,
) -> None:
    """What `upsert_entity` does for each of these cases, a statement for them all."""
    db = tx.db
    ids = [case.id for case in cases]
    before = _stored_borrowers(db, ids)  # none on a first sync
    if work.has_deferred:
        db.executemany("DELETE FROM deferred_removals WHERE case_id = ?", [(i,) for i in ids])
    db.executemany(
        _case_upsert_sql(work.has_deferred),
        [_case_values(case, version) for case, version in zip(cases, versions, strict=True)],
    )
    db.executemany(
        "INSERT OR REPLACE INTO case_data VALUES (?, ?)",
        [(case_id, _dumps(data)) for case_id, data in zip(ids, raw, strict=True)],
    )
    if before:
        _forget_left_borrowers(db, before, cases)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        work.reindex.update(
            row[0] for row in db.execute(f"SELECT key FROM cases WHERE case_id IN ({marks})", chunk)
        )
    if work.has_outbox:
        for case_id in ids:
            local_effects.reapply_pending(db, case_id)
    work.phones.update(case.borrower_id for case in cases)
    tx.case_changed(*ids)


_ITEM_KIND = {
    EntityType.CONTACT_ATTEMPT: "contact_attempt",
    EntityType.MESSAGE: "message",
    EntityType.NOTE: "note",
    EntityType.PROMISE: "promise",
    EntityType.PLAN: "plan",
    EntityType.PLAN_DECISION: "plan_decision",
}


_TIMELINE: dict[type[BaseModel], str] = {
    ContactAttemptData: "started_at",
    MessageData: "sent_at",
    NoteData: "created_at",
    PromiseData: "created_at",
}
"""Timeline items that are rows of `history` only (plans and decisions have more), and
the field that places each on the timeline."""


def _utc_as_sent(value: Any) -> str | None:
    # The server writes times exactly as `utc_text` stores them (UTC, microseconds,
    # "+00:00"); such a text is stored as it came instead of being parsed and rewritten.
    if not isinstance(value, str) or len(value) != 32:
        return None
    return value if value[10] == "T" and value.endswith("+00:00") else None


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
    row = (entity.id, entity.case_id, _ITEM_KIND[entity_type], _occurred_at(entity), version, data)
    if not isinstance(entity, PlanData | PlanDecisionData):
        work.history.append(row)
        return
    _exec(db, "INSERT OR REPLACE INTO history VALUES (?, ?, ?, ?, ?, 'synced', ?)", *row)
    if isinstance(entity, PlanData):
        _exec(
            db,
            "INSERT OR REPLACE INTO plans VALUES (?, ?, ?, ?, 'synced', ?)",
            entity.id,
            entity.case_id,
            str(entity.status),
            version,
            data,
        )
        # A withdrawal or decision still waiting must keep showing over the server's copy.
        if work.has_outbox:
            local_effects.reapply_pending(db, entity.case_id)
    elif isinstance(entity, PlanDecisionData):
        _exec(
            db,
            "INSERT OR REPLACE INTO plan_decisions VALUES (?, ?, ?, ?, ?, 'synced', ?)",
            entity.id,
            entity.plan_id,
            entity.case_id,
            str(entity.decision),
            version,
            data,
        )
    tx.case_changed(entity.case_id)


def _exec(db: sqlite3.Connection, sql: str, *params: Any) -> None:
    db.execute(sql, params)


# Kept importable from here, where callers first found them.
pending_op_count = removals.pending_op_count
remove_case = removals.remove_case
finish_deferred_removals = removals.finish_deferred_removals
deferred_removal_ids = removals.deferred_removal_ids
