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
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from agentdesk.client import migrations
from agentdesk.client.convert import utc_now

_IMMEDIATE = "agentdesk_immediate"

CasesChangedListener = Callable[[frozenset[str]], None]
"""Called after a commit with the ids of the cases whose data changed."""


def _tune(dbapi_connection: Any, _record: Any) -> None:
    # BEGIN is issued by the "begin" listener below (pysqlite's own is deferred oddly).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL under WAL loses no committed transaction on a crash of the app, only on
    # a power cut the last few; the outbox op and its change commit together either way.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.close()


def _begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(_IMMEDIATE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@dataclass
class WriteTx:
    """An open write transaction: its connection and the cases it changed.

    `db` is the transaction's DB-API (sqlite3) connection: the store's hot paths run
    plain SQL on it because SQLAlchemy's per-statement overhead (tens of µs) dominates
    when a sync page writes thousands of rows. `conn` is the same transaction seen
    through SQLAlchemy, for Core queries.
    """

    conn: Connection
    db: sqlite3.Connection
    now: datetime
    changed_cases: set[str] = field(default_factory=set)

    def case_changed(self, *case_ids: str) -> None:
        """Announce these cases as changed once the transaction commits."""
        self.changed_cases.update(case_ids)


class LocalStore:
    """One user's local SQLite store. Thread-safe for reads; writes are serialised."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.engine: Engine = create_engine(
            f"sqlite:///{self.path}",
            connect_args={"check_same_thread": False, "timeout": 10},
            poolclass=QueuePool,
            pool_size=4,
        )
        event.listen(self.engine, "connect", _tune)
        event.listen(self.engine, "begin", _begin)
        self._write_lock = threading.Lock()
        self._writing = threading.local()
        self._listeners: list[CasesChangedListener] = []
        with self._transaction(immediate=True) as conn:
            self.schema_version = migrations.upgrade(conn)
            if self._meta(_driver(conn), "device_id") is None:
                self._set_meta(_driver(conn), "device_id", str(uuid.uuid4()))

    # ------------------------------------------------------------ transactions

    @contextmanager
    def _transaction(self, *, immediate: bool) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn = conn.execution_options(**{_IMMEDIATE: immediate})
            with conn.begin():
                yield conn

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
                with self._transaction(immediate=True) as conn:
                    tx = WriteTx(conn=conn, db=_driver(conn), now=self.clock())
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
        with self._transaction(immediate=False) as conn:
            yield _driver(conn)

    def subscribe(self, listener: CasesChangedListener) -> Callable[[], None]:
        """Call `listener` after each commit that changed cases; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def close(self) -> None:
        """Close every pooled connection (the file stays)."""
        self.engine.dispose()

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

    def set_meta(self, key: str, value: str) -> None:
        """Set one metadata value."""
        with self.write() as tx:
            self._set_meta(tx.db, key, value)

    @property
    def device_id(self) -> uuid.UUID:
        """This store's device id, made once when the file was created; sent with pushes."""
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


def _driver(conn: Connection) -> sqlite3.Connection:
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def save_cursor(tx: WriteTx, stream: str, cursor: str) -> None:
    """Store the pull cursor of `stream` inside the transaction that applied its page."""
    tx.db.execute(
        "INSERT INTO sync_state (stream, cursor, last_sync_at) VALUES (?, ?, ?)"
        " ON CONFLICT (stream) DO UPDATE SET cursor = excluded.cursor,"
        " last_sync_at = excluded.last_sync_at",
        (stream, cursor, tx.now.astimezone(UTC).isoformat(timespec="microseconds")),
    )
