"""Database connection: where the data lives, how connections are tuned, sessions.

SQLite is the embedded default (one file in the platform's data folder, WAL so readers
never block the writer); PostgreSQL (`postgresql+psycopg://…`) is for production, where
several stateless `serve` processes share one database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "agentdesk"
IMMEDIATE = "agentdesk_write"


def default_db_path() -> Path:
    """The SQLite file used when no `--db` is given."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "server.sqlite3"


def default_db_url() -> str:
    """The SQLAlchemy URL of the embedded default database."""
    return f"sqlite:///{default_db_path()}"


def normalise_url(url: str | None) -> str:
    """Accept a URL or a plain file path; a bare `postgresql://` uses psycopg 3."""
    if not url:
        return default_db_url()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it oddly).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _begin_sqlite(conn: Connection) -> None:
    # A unit of work that will write takes the write lock up front (BEGIN IMMEDIATE), so
    # it waits its turn instead of failing half-way when another writer got there first;
    # readers begin deferred and never block anyone under WAL.
    sql = "BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE, False) else "BEGIN"
    # Straight on the driver: SQLAlchemy's statement machinery (execution context, events,
    # result set-up) cost several times SQLite's own work here, on every transaction.
    # Its errors (a lock not granted in time) still come back as SQLAlchemy's.
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
    except dbapi.Error as exc:
        raise DBAPIError.instance(sql, None, exc, dbapi.Error) from exc
    finally:
        cursor.close()


def make_engine(url: str | None = None, *, pool_size: int = 10) -> Engine:
    """An engine for `url` with the settings this server relies on."""
    full = normalise_url(url)
    parsed = make_url(full)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            full, connect_args={"check_same_thread": False, "timeout": 10}, pool_size=pool_size
        )
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
        return engine
    # No pre-ping: it costs a round trip per request. A connection the database dropped
    # fails one request with 503 (retryable) and is then replaced.
    return create_engine(full, pool_size=pool_size, max_overflow=pool_size * 2, pool_recycle=1800)


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite (some SQL differs)."""
    return engine.dialect.name == "sqlite"


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def begin_write(session: Session) -> None:
    """Make the session's transaction a writer's from here on.

    On SQLite a read transaction already under way (say, the token check) is ended first,
    so the write transaction starts with the write lock held; it must not have changes.
    """
    bind = session.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write() after changes were made in this transaction")
        session.rollback()
    if isinstance(bind, Connection) and bind.get_execution_options().get(IMMEDIATE):
        session.connection()  # a connection kept for writers (a pushed batch's) begins so
    else:
        session.connection(execution_options={IMMEDIATE: True})


@contextmanager
def transaction(factory: sessionmaker[Session], *, write: bool = True) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    with factory() as session:
        if write:
            begin_write(session)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
