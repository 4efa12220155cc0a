"""`GET /sync/pull`: the changes a user may see after their cursor, a page at a time.

Cursors (opaque to clients):

- empty: a first sync. The server notes the newest log position S, then sends the
  user's cases whole (`s:S:<last case id>` pages, a batch of cases per page), then
  continues from the log at S (`l:S`). Everything sent in the snapshot is at least as
  new as S (positions are handed out in commit order), and everything that changed
  after S comes again from the log, so nothing falls between the two.
- `l:N`: the log after position N. Each log row names an entity; its *current* data is
  sent, once per page. Whether a user sees a row is decided by who holds the case now:
  a case the user lost arrives as a removal (when the user was its holder before or
  after an `access` row), a case the user gained arrives whole.

The cursor moves past rows the user may not see, so a page can carry fewer changes
than log rows read; `has_more` says whether the log holds more after the cursor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from agentdesk.domain.vocabulary import Role
from agentdesk.protocol.sync import EntityType
from agentdesk.server import contact_policy, script_store
from agentdesk.server.access import visible_cases
from agentdesk.server.deps import Principal
from agentdesk.server.errors import ApiError
from agentdesk.server.models import Case
from agentdesk.server.sync import case_blocks, entities, retention
from agentdesk.server.sync.changelog import ACCESS, REMOVE
from agentdesk.server.sync.models import SyncChange

CHANGES_PER_CASE = 50  # a case with its loan, schedule and timeline, roughly
FIRST_PAGE_SHARE = 4  # the first snapshot page carries a quarter of the cases of the others

BAD_CURSOR = ApiError(
    422,
    "invalid_cursor",
    "同步游标无效，请从头重新同步。",
    "The sync cursor is not valid; start a full sync again.",
)


@dataclass(frozen=True)
class Cursor:
    """Where a pull stands: in the snapshot (after a case id) or in the log."""

    log_seq: int
    snapshot: bool = False
    after_case: uuid.UUID | None = None

    def text(self) -> str:
        if self.snapshot:
            return f"s:{self.log_seq}:{self.after_case.hex if self.after_case else ''}"
        return f"l:{self.log_seq}"


def parse_cursor(text: str | None) -> Cursor | None:
    """None for a first sync; raises 422 for anything that is not a cursor we made."""
    if not text:
        return None
    try:
        mode, _, rest = text.partition(":")
        if mode == "l":
            seq = int(rest)
            if seq < 0:
                raise ValueError(rest)
            return Cursor(seq)
        if mode == "s":
            seq_text, _, case_hex = rest.partition(":")
            return Cursor(int(seq_text), True, uuid.UUID(hex=case_hex) if case_hex else None)
    except ValueError as exc:
        raise BAD_CURSOR from exc
    raise BAD_CURSOR


@dataclass(frozen=True)
class Page:
    """A page of changes, ready to send."""

    changes: list[dict[str, Any]]
    next_cursor: str
    has_more: bool
    remaining: int
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def json(self) -> bytes:
        # orjson: a first-sync page is megabytes; the standard encoder took a second per
        # ten of them.
        body: dict[str, Any] = {
            "changes": self.changes,
            "next_cursor": self.next_cursor,
            "has_more": self.has_more,
        }
        if self.blocks:  # only desktops that speak protocol 2 are sent blocks
            body["blocks"] = self.blocks
        return orjson.dumps(body)


def _change(seq: int, entity: entities.Entity) -> dict[str, Any]:
    etype, entity_id, version, data = entity
    return {
        "seq": max(seq, 1),
        "entity_type": etype,
        "entity_id": entity_id,
        "op": "upsert",
        "version": version,
        "data": data,
    }


def _removal(seq: int, etype: EntityType, entity_id: str) -> dict[str, Any]:
    return {
        "seq": max(seq, 1),
        "entity_type": etype,
        "entity_id": entity_id,
        "op": "remove",
        "version": 0,
        "data": None,
    }


def max_seq(db: Session) -> int:
    """The newest position in the log (0 when empty)."""
    return int(db.scalar(select(func.coalesce(func.max(SyncChange.seq), 0))) or 0)


def pull(
    db: Session,
    principal: Principal,
    cursor_text: str | None,
    limit: int,
    *,
    blocks: bool = False,
) -> Page:
    """One page after `cursor_text` for `principal`.

    `blocks`: the desktop reads `EntityBlock`s (protocol 2), so snapshot pages carry
    their entities that way."""
    cursor = parse_cursor(cursor_text)
    newest = max_seq(db)
    if cursor is None:
        cursor = Cursor(newest, True, None)
    if cursor.log_seq > newest:
        raise BAD_CURSOR
    retention.check_cursor(db, cursor.log_seq)  # changes after it may have been pruned
    if cursor.snapshot:
        return _snapshot_page(db, principal, cursor, limit, newest, blocks)
    return _log_page(db, principal, cursor.log_seq, limit, newest)


def _blocks(seq: int, found: list[entities.Entity]) -> list[dict[str, Any]]:
    # Runs of one entity type, in order (parents stay before what refers to them).
    out: list[dict[str, Any]] = []
    current: EntityType | None = None
    versions: list[int] = []
    data: list[dict[str, Any]] = []
    for etype, _entity_id, version, entity_data in found:
        if etype is not current:
            versions, data, current = [], [], etype
            out.append(
                {"entity_type": etype, "seq": max(seq, 1), "versions": versions, "data": data}
            )
        versions.append(version)
        data.append(entity_data)
    return out


def _snapshot_page(
    db: Session, principal: Principal, cursor: Cursor, limit: int, newest: int, blocks: bool
) -> Page:
    per_page = max(1, limit // CHANGES_PER_CASE)
    if cursor.after_case is None:
        # The desktop writes a page while the next one is read here; until the first page
        # arrives it has nothing to do. A small first page starts that overlap sooner.
        per_page = max(1, per_page // FIRST_PAGE_SHARE)
    visible = visible_cases(principal)
    if cursor.after_case is not None:
        visible = and_(visible, Case.id > cursor.after_case)
    ids = list(db.scalars(select(Case.id).where(visible).order_by(Case.id).limit(per_page + 1)))
    more = len(ids) > per_page
    ids = ids[:per_page]
    # The page's cases by their range of ids: every table is read with one statement
    # choosing its rows by a subquery on the cases (`case_blocks`).
    found = case_blocks.read(db, and_(visible, Case.id <= ids[-1])) if ids else []
    documents: list[entities.Entity] = []
    if cursor.after_case is None:  # the first page also brings every published script
        documents = [*contact_policy.policy_entities(db), *script_store.script_entities(db)]
    seq = max(cursor.log_seq, 1)
    if blocks:
        changes: list[dict[str, Any]] = []
        block_list = _blocks(cursor.log_seq, documents) + [
            {"entity_type": etype, "seq": seq, "versions": versions, "data": data}
            for etype, versions, data in found
        ]
    else:
        changes = [_change(cursor.log_seq, e) for e in documents]
        changes += [_change(cursor.log_seq, e) for e in case_blocks.as_entities(found)]
        block_list = []
    if more:
        after = ids[-1]
        left = db.scalar(
            select(func.count()).select_from(Case).where(visible_cases(principal), Case.id > after)
        )
        per_case = sum(len(versions) for _t, versions, _d in found) / max(1, len(ids))
        remaining = int((left or 0) * per_case) + (newest - cursor.log_seq)
        next_cursor = Cursor(cursor.log_seq, True, after)
    else:
        remaining = newest - cursor.log_seq
        next_cursor = Cursor(cursor.log_seq)
    return Page(changes, next_cursor.text(), more or remaining > 0, remaining, block_list)


def _visible(principal: Principal, assignee: uuid.UUID | None, team: uuid.UUID | None) -> bool:
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.LEAD:
        return principal.team_id is not None and team == principal.team_id
    return assignee == principal.user_id


def _involved(principal: Principal, row: SyncChange) -> bool:
    # Only those who held the case before or after hear of its removal: others must not
    # learn that it exists.
    return _visible(principal, row.old_assignee_id, row.old_team_id) or _visible(
        principal, row.new_assignee_id, row.new_team_id
    )


def _log_page(db: Session, principal: Principal, after: int, limit: int, newest: int) -> Page:
    rows = list(
        db.scalars(
            select(SyncChange)
            .where(SyncChange.seq > after)
            .order_by(SyncChange.seq)
            .limit(limit + 1)
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    case_ids = sorted({r.case_id for r in rows if r.case_id is not None}, key=str)
    holders: dict[uuid.UUID, tuple[uuid.UUID | None, uuid.UUID | None]] = {}
    for start in range(0, len(case_ids), entities.CHUNK):
        chunk = case_ids[start : start + entities.CHUNK]
        for cid, assignee, team in db.execute(
            select(Case.id, Case.assignee_id, Case.team_id).where(Case.id.in_(chunk))
        ):
            holders[cid] = (assignee, team)

    # Events in log order: ("bundle", case) | ("upsert"|"remove", type, id), each at a seq.
    events: list[tuple[int, str, EntityType, str]] = []
    bundle_cases: set[uuid.UUID] = set()
    wanted: dict[EntityType, set[str]] = {}
    case_of: dict[str, uuid.UUID] = {}
    # Whole cases weigh about CHANGES_PER_CASE changes each: a page stops after as many
    # as `limit` allows (a reassignment of thousands of cases comes in several pages).
    max_bundles = max(1, limit // CHANGES_PER_CASE)
    for index, r in enumerate(rows):
        if len(bundle_cases) >= max_bundles:
            rows, more = rows[:index], True
            break
        etype = EntityType(r.entity_type)
        documents = (EntityType.SCRIPT, EntityType.CONTACT_POLICY)
        if etype in documents and r.case_id is None:  # for everyone, no case
            events.append((r.seq, "document", etype, r.entity_id))
            continue
        holder = holders.get(r.case_id) if r.case_id is not None else None
        visible = holder is not None and _visible(principal, *holder)
        if r.kind == ACCESS:
            if visible:
                assert r.case_id is not None
                bundle_cases.add(r.case_id)
                events.append((r.seq, "bundle", EntityType.CASE, str(r.case_id)))
            elif _involved(principal, r):
                events.append((r.seq, REMOVE, EntityType.CASE, str(r.case_id)))
            continue
        if r.kind == REMOVE:
            if visible or (etype is EntityType.CASE and holder is None):
                events.append((r.seq, REMOVE, etype, r.entity_id))
            continue
        if visible:
            assert r.case_id is not None
            wanted.setdefault(etype, set()).add(r.entity_id)
            case_of[r.entity_id] = r.case_id
            events.append((r.seq, "upsert", etype, r.entity_id))

    loaded = entities.load(db, wanted, case_of)
    bundled = (
        case_blocks.as_entities(case_blocks.read(db, Case.id.in_(bundle_cases)))
        if bundle_cases
        else []
    )
    last_bundle = max((i for i, e in enumerate(events) if e[1] == "bundle"), default=-1)

    changes: list[dict[str, Any]] = []
    for index, (seq, what, etype, entity_id) in enumerate(events):
        if what == "bundle":
            # Cases that came (back) into view go out whole, together, where the last
            # of them did: their data is current, so one copy each is enough.
            if index == last_bundle:
                changes.extend(_change(seq, e) for e in bundled)
        elif what == REMOVE:
            changes.append(_removal(seq, etype, entity_id))
        elif what == "document" and etype is EntityType.CONTACT_POLICY:
            changes.extend(_change(seq, e) for e in contact_policy.policy_entities(db))
        elif what == "document":
            changes.extend(_change(seq, e) for e in script_store.script_entities(db, {entity_id}))
        else:
            found = loaded.get((etype, entity_id))
            if found is None:
                changes.append(_removal(seq, etype, entity_id))
            else:
                changes.extend(_change(seq, e) for e in found)
    last = rows[-1].seq if rows else after
    return Page(_last_of_each(changes), Cursor(last).text(), more, max(0, newest - last))


def _last_of_each(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Each entity once per page, where it last changed: its data is current anyway.
    last: dict[tuple[str, str], int] = {}
    for index, change in enumerate(changes):
        last[(change["entity_type"], change["entity_id"])] = index
    return [c for i, c in enumerate(changes) if last[(c["entity_type"], c["entity_id"])] == i]
