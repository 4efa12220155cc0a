"""Borrowers' contact facts kept between pushed attempts, kept true by the change log.

Every pushed contact attempt is judged against its borrower's whole contact history (all
cases, all agents), the borrower's contact points, zone and statements about contact.
Reading all of that for every attempt cost more than the rest of applying it. So while
ops are pushed (`remembering()`), the facts read for a borrower are kept in this server
process and, in each later op's own transaction, brought up to date from the change log
with one indexed read of the log rows after the position the facts were read at, for
the borrower's cases:

- nothing new: the kept facts are what a fresh read would give;
- only new contact attempts (this process's own, or anyone else's): they join the
  history — this process's from what it judged, others' read by id;
- a contact point, a statement about contact or the borrower row changed, or an attempt
  already held changed or went away: the facts are read again in full.

Every write to these rows is logged in the transaction that makes it (session events, or
`changelog.note_inserted` for plain INSERTs), and a log row is visible exactly when its
transaction has committed, so the kept facts never lag what a fresh read would see, also
with other server processes writing. Holds are per case and come from the case row each
op reads anyway (`with_holds`). Kept facts are dropped after `KEEP_SECONDS` (far below
the change log's shortest retention of a day, so the rows a catch-up reads are never
pruned) and beyond `KEEP_BORROWERS` borrowers (least recently used first). Outside
`remembering()` (REST endpoints, imports) the facts are read afresh every time.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, bindparam, func, or_, select
from sqlalchemy.orm import Session

from agentdesk.domain.compliance import ContactAttempt, ContactHistory
from agentdesk.protocol.sync import EntityType
from agentdesk.server import plain_select
from agentdesk.server.compliance_flags import (
    BorrowerFacts,
    read_attempts,
    read_borrower_facts,
    read_facts_of,
    with_holds,
)
from agentdesk.server.models import Case
from agentdesk.server.sync.changelog import UPSERT
from agentdesk.server.sync.models import SyncChange

# The entity types whose changes move a borrower's facts (case rows do not: holds are
# read from the case row itself, and the other case columns are not facts).
_ATTEMPT = EntityType.CONTACT_ATTEMPT.value
_RELOAD = frozenset(
    {
        EntityType.CONTACT_POINT.value,
        EntityType.CONTACT_PREFERENCE.value,
        EntityType.BORROWER.value,
    }
)

_HIGH = select(func.max(SyncChange.seq))
_BORROWERS = (
    select(Case.borrower_id).where(Case.id.in_(bindparam("ids", expanding=True))).distinct()
)
_SINCE = select(
    SyncChange.seq, SyncChange.entity_type, SyncChange.entity_id, SyncChange.kind
).where(
    SyncChange.seq > bindparam("high"),
    # The types as plain equalities, not an IN list: an IN list is an expanding
    # parameter, which `plain_select` leaves to `Connection.execute`.
    or_(*(SyncChange.entity_type == t for t in sorted({_ATTEMPT, *_RELOAD}))),
    SyncChange.case_id.in_(
        select(Case.id).where(Case.borrower_id == bindparam("borrower")).scalar_subquery()
    ),
)


KEEP_SECONDS = 600.0
KEEP_BORROWERS = 1000


@dataclass(frozen=True)
class _Known:
    """A borrower's facts as of change-log position `high` (never changed in place:
    several requests may read it at once)."""

    facts: BorrowerFacts
    high: int
    attempt_ids: frozenset[str]
    read_at: float
    # Attempts this process inserted and committed since `high`, by id: when the log
    # shows one, it joins the history without being read back.
    own: tuple[ContactAttempt, ...] = ()


class _Kept:
    """The kept facts of recently judged borrowers, least recently used first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[uuid.UUID, _Known] = OrderedDict()

    def get(self, borrower_id: uuid.UUID) -> _Known | None:
        with self._lock:
            known = self._entries.get(borrower_id)
            if known is None:
                return None
            if time.monotonic() - known.read_at > KEEP_SECONDS:
                del self._entries[borrower_id]
                return None
            self._entries.move_to_end(borrower_id)
            return known

    def put(self, borrower_id: uuid.UUID, known: _Known) -> None:
        with self._lock:
            self._entries[borrower_id] = known
            self._entries.move_to_end(borrower_id)
            while len(self._entries) > KEEP_BORROWERS:
                self._entries.popitem(last=False)

    def add_own(self, borrower_id: uuid.UUID, attempt: ContactAttempt) -> None:
        with self._lock:
            known = self._entries.get(borrower_id)
            if known is not None:
                self._entries[borrower_id] = replace(known, own=(*known.own, attempt))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


# One memory per database (an engine): a process may serve, or a test make, several.
_kept_lock = threading.Lock()
_kept_by_engine: WeakKeyDictionary[Engine, _Kept] = WeakKeyDictionary()


def _kept(db: Session) -> _Kept:
    bind = db.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    with _kept_lock:
        kept = _kept_by_engine.get(engine)
        if kept is None:
            kept = _kept_by_engine[engine] = _Kept()
        return kept
# The attempts the op being applied inserts, with their borrowers, until it commits.
_pending: ContextVar[list[tuple[_Kept, uuid.UUID, ContactAttempt]] | None] = ContextVar(
    "agentdesk_borrower_memo", default=None
)


@contextmanager
def remembering() -> Iterator[None]:
    """Use and keep borrowers' facts for the ops applied until the block ends."""
    token = _pending.set([])
    try:
        yield
    finally:
        _pending.reset(token)


def forget_all() -> None:
    """Drop every kept fact (for a database restored under a running server)."""
    with _kept_lock:
        kept = list(_kept_by_engine.values())
    for each in kept:
        each.clear()


def facts_for(db: Session, borrower_id: uuid.UUID, holds: list[str]) -> BorrowerFacts:
    """The facts an attempt is judged against, as this transaction sees them (`holds`:
    those of the attempt's case)."""
    if _pending.get() is None:
        return read_borrower_facts(db, borrower_id, holds)
    kept = _kept(db)
    known = kept.get(borrower_id)
    caught_up = None if known is None else _catch_up(db, known, borrower_id)
    if caught_up is None:
        caught_up = _read(db, borrower_id, holds)
    if caught_up is not known:
        kept.put(borrower_id, caught_up)
    return with_holds(caught_up.facts, holds)


def judged(db: Session, borrower_id: uuid.UUID, attempt: ContactAttempt) -> None:
    """An attempt the op being applied inserts; it counts once `committed()` says so."""
    pending = _pending.get()
    if pending is not None:
        pending.append((_kept(db), borrower_id, attempt))


def committed() -> None:
    """The op's transaction committed: its attempts are known to be in the database."""
    pending = _pending.get()
    if pending:
        for kept, borrower_id, attempt in pending:
            kept.add_own(borrower_id, attempt)
        pending.clear()


def rolled_back() -> None:
    """The op's transaction was rolled back: forget what it was inserting."""
    pending = _pending.get()
    if pending:
        pending.clear()


def read_ahead(db: Session, case_ids: Collection[uuid.UUID]) -> None:
    """Read at once the facts of the borrowers of `case_ids` that are not kept (the cases
    of a pushed batch's attempts), in the caller's transaction; each attempt then only
    catches them up."""
    if _pending.get() is None or not case_ids:
        return
    kept = _kept(db)
    conn = db.connection()
    ids = sorted(set(case_ids))
    borrowers: set[uuid.UUID] = set()
    for start in range(0, len(ids), 500):
        borrowers.update(conn.execute(_BORROWERS, {"ids": ids[start : start + 500]}).scalars())
    missing = [b for b in borrowers if kept.get(b) is None]
    if not missing:
        return
    high = conn.execute(_HIGH).scalar() or 0  # before the facts, as in `_read`
    now = time.monotonic()
    for borrower_id, facts in read_facts_of(db, missing).items():
        kept.put(borrower_id, _known(db, facts, high, now))


def _known(db: Session, facts: BorrowerFacts, high: int, now: float) -> _Known:
    for statement in facts.preferences:
        # Kept beyond this session: taken out of it, so that a rollback of this op
        # (which expires what the session holds) leaves the kept rows readable.
        db.expunge(statement)
    return _Known(facts, high, frozenset(a.attempt_id for a in facts.history.attempts), now)


def _read(db: Session, borrower_id: uuid.UUID, holds: list[str]) -> _Known:
    # The position first, then the facts: a change committed in between is both in the
    # facts and after the position, and the catch-up skips attempts already known.
    high = db.connection().execute(_HIGH).scalar() or 0
    facts = read_borrower_facts(db, borrower_id, holds)
    return _known(db, facts, high, time.monotonic())


def _catch_up(db: Session, known: _Known, borrower_id: uuid.UUID) -> _Known | None:
    """`known` brought up to date from the change log; None: read the facts again."""
    conn = db.connection()
    # On the driver's cursor (`plain_select`): one read per op of a pushed batch.
    rows = plain_select.all_rows(conn, _SINCE, {"high": known.high, "borrower": borrower_id})
    if not rows:
        return known
    new_ids = {entity_id for _seq, _type, entity_id, _kind in rows}
    if len(new_ids) < len(rows) or any(
        entity_type in _RELOAD or kind != UPSERT or entity_id in known.attempt_ids
        for _seq, entity_type, entity_id, kind in rows
    ):
        # Something other than new attempts: a point, a statement or the borrower, an
        # attempt already held that changed or went away, or a new attempt changed
        # again since it was written (this process's own copy of it would be stale).
        # Read it all again.
        return None
    own = {a.attempt_id: a for a in known.own}
    added = [own[i] for i in new_ids if i in own]
    others = [uuid.UUID(i) for i in new_ids if i not in own]
    if others:
        added.extend(read_attempts(conn, borrower_id, known.facts.points, others))
    facts = known.facts
    if added:
        history = facts.history
        attempts = sorted((*history.attempts, *added), key=lambda a: (a.at, a.attempt_id))
        facts = replace(facts, history=ContactHistory(tuple(attempts), history.consents))
    return _Known(
        facts,
        max(seq for seq, _type, _id, _kind in rows),
        known.attempt_ids | {a.attempt_id for a in added},
        known.read_at,
        tuple(a for a in known.own if a.attempt_id not in new_ids),
    )
