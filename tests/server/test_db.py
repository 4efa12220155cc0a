"""How the server's SQLite transactions begin: writers take the lock up front."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from agentdesk.server.db import IMMEDIATE, make_engine


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Engine]:
    """A database whose write lock another connection holds."""
    path = tmp_path / "db.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield engine
    other.execute("ROLLBACK")
    other.close()
    engine.dispose()


def test_a_writer_that_cannot_get_the_lock_fails_with_sqlalchemys_error(locked: Engine) -> None:
    with locked.connect() as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=50")
        conn.rollback()
        conn.execution_options(**{IMMEDIATE: True})
        with pytest.raises(OperationalError, match="database is locked"):
            conn.begin()
        assert not conn.in_transaction()


def test_a_reader_begins_without_waiting_for_the_writer(locked: Engine) -> None:
    with locked.connect() as conn:
        conn.exec_driver_sql("PRAGMA busy_timeout=50")
        conn.rollback()
        assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 0
        assert conn.in_transaction()
