"""The local store: one SQLite file (WAL) per signed-in user, holding what they may see.

`LocalStore` opens (and if needed creates or upgrades) the file and hands out
transactions. Every write goes through `write()`, one transaction that takes SQLite's
write lock up front; when it commits, the store announces which cases changed to its
listeners (the UI turns that into one "cases changed" signal and refreshes from it,
instead of widgets calling each other).

The domain-level writes live elsewhere: `operations.py` (the user's own changes, each
with its outbox op), `changes.py` (changes pulled from the server), `outbox.py`
(answers to pushed ops). Reading a whole case for the case view is `open_case()` in
`casefile.py`; the queue's searches are in `queue.py`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from agentdesk.client import migrations
from agentdesk.client.convert import utc_now

if TYPE_CHECKING:
    import uuid

CasesChangedListener = Callable[[frozenset[str]], None]
"""Called after a commit with the ids of the cases whose data changed."""

_POOL_SIZE = 4
"""Idle connections kept open for the next transaction (opening one costs ~0.2 ms)."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store file at `path`, tuned like the store's own.

    Transactions are explicit (`BEGIN` … `COMMIT`): the connection is in autocommit
    mode otherwise. Usable from any thread, one at a time.
    """
    db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    # NORMAL under WAL loses no committed transaction on a crash of the app, only on
    # a power cut the last few; the outbox op and its change commit together either way.
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=10000")
    db.execute("PRAGMA temp_store=MEMORY")
    db.execute("PRAGMA cache_size=-32000")
    return db


class WriteTx:
    """An open write transaction: its connection and the cases it changed.

    `db` is the transaction's sqlite3 connection: the store runs plain SQL, because a
    sync page writes thousands of rows and any per-statement layer on top (tens of µs)
    would dominate. (A plain class: no dataclass is made on the desktop's way to its
    first paint, see `agentdesk.ui.launch`.)
    """

    __slots__ = ("changed_cases", "db", "now")

    def __init__(self, db: sqlite3.Connection, now: datetime) -> None:
        self.db = db
        self.now = now
        self.changed_cases: set[str] = set()

    def case_changed(self, *case_ids: str) -> None:
        """Announce these cases as changed once the transaction commits."""
        self.changed_cases.update(case_ids)


class LocalStore:
    """One user's local SQLite store. Thread-safe for reads; writes are serialised."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self._idle: list[sqlite3.Connection] = []
        self._pool_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._writing = threading.local()
        self._listeners: list[CasesChangedListener] = []
        with self._transaction(immediate=True) as db:
            self.schema_version = migrations.upgrade(db)
            if self._meta(db, "device_id") is None:
                # uuid (with platform, which it imports) only when a store is made: ~6 ms
                # of every start otherwise.
                import uuid

                self._set_meta(db, "device_id", str(uuid.uuid4()))

    # ------------------------------------------------------------ transactions

    def connect(self) -> sqlite3.Connection:
        """A connection of its own to the store file (the caller closes it)."""
        return connect(self.path)

    @contextmanager
    def _transaction(self, *, immediate: bool) -> Iterator[sqlite3.Connection]:
        with self._pool_lock:
            db = self._idle.pop() if self._idle else None
        if db is None:
            db = self.connect()
        try:
            db.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            try:
                yield db
            except BaseException:
                if db.in_transaction:  # SQLite rolls some failures back itself
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            self._give_back(db)

    def _give_back(self, db: sqlite3.Connection) -> None:
        if not db.in_transaction:
            with self._pool_lock:
                if len(self._idle) < _POOL_SIZE:
                    self._idle.append(db)
                    return
        db.close()  # a surplus connection, or one left in a transaction that failed

    @contextmanager
    def write(self) -> Iterator[WriteTx]:
        """One write transaction: everything in it commits together or not at all.

        Writes are serialised; a write inside a write on the same thread is a bug (it
        would wait for itself), so it is refused at once.
        """
        if getattr(self._writing, "active", False):
            raise RuntimeError("a write transaction is already open on this thread")
        with self._write_lock:
            self._writing.active = True
            try:
                with self._transaction(immediate=True) as db:
                    tx = WriteTx(db=db, now=self.clock())
                    yield tx
            finally:
                self._writing.active = False
            changed = frozenset(tx.changed_cases)
        if changed:
            for listener in list(self._listeners):
                listener(changed)

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction (one consistent snapshot of the file), as a sqlite3 connection."""
        with self._transaction(immediate=False) as db:
            yield db

    def subscribe(self, listener: CasesChangedListener) -> Callable[[], None]:
        """Call `listener` after each commit that changed cases; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def close(self) -> None:
        """Close the idle connections (the file stays; the store can still be used)."""
        with self._pool_lock:
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()

    # ------------------------------------------------------------ metadata

    @staticmethod
    def _meta(db: sqlite3.Connection, key: str) -> str | None:
        row = db.execute("SELECT value FROM store_meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO store_meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def meta(self, key: str) -> str | None:
        """A value of the store's key/value metadata (server URL, user, device id …)."""
        with self.read() as db:
            return self._meta(db, key)

    def meta_fields(self, key: str) -> dict[str, object] | None:
        """The fields of a JSON object kept as a metadata value (None if none is kept).

        Read by SQLite's JSON functions: the desktop's start reads the signed-in user this
        way, without importing Python's json (~2 ms)."""
        with self.read() as db:
            value = self._meta(db, key)
            if value is None:
                return None
            rows = db.execute("SELECT key, value FROM json_each(?)", (value,)).fetchall()
        return {str(name): field for name, field in rows}

    def set_meta(self, key: str, value: str) -> None:
        """Set one metadata value."""
        with self.write() as tx:
            self._set_meta(tx.db, key, value)

    @property
    def device_id(self) -> uuid.UUID:
        """This store's device id, made once when the file was created; sent with pushes."""
        import uuid

        value = self.meta("device_id")
        assert value is not None
        return uuid.UUID(value)

    # ------------------------------------------------------------ sync cursors

    def cursor(self, stream: str = "main") -> str | None:
        """The last pull cursor saved for `stream` (None before the first pull)."""
        with self.read() as db:
            row = db.execute("SELECT cursor FROM sync_state WHERE stream = ?", (stream,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def last_sync_at(self, stream: str = "main") -> datetime | None:
        """When `stream` last finished a pull page."""
        with self.read() as db:
            row = db.execute(
                "SELECT last_sync_at FROM sync_state WHERE stream = ?", (stream,)
            ).fetchone()
        return None if row is None or row[0] is None else datetime.fromisoformat(row[0])


def save_cursor(tx: WriteTx, stream: str, cursor: str) -> None:
    """Store the pull cursor of `stream` inside the transaction that applied its page."""
    tx.db.execute(
        "INSERT INTO sync_state (stream, cursor, last_sync_at) VALUES (?, ?, ?)"
        " ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor,"
        " last_sync_at = excluded.last_sync_at",
        (stream, cursor, tx.now.astimezone(UTC).isoformat(timespec="microseconds")),
    )
