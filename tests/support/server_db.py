"""Migrated (and seeded) server databases for tests, on SQLite or a throwaway PostgreSQL.

A template database is built once per backend and test session (migrations, demo data,
a known bearer token per user); each test that writes gets its own copy (a file copy on
SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL), so tests never see each other.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, select, text

from agentdesk.domain.authority import read_authority_policy
from agentdesk.server.db import make_engine, session_factory, transaction
from agentdesk.server.migrate import upgrade
from agentdesk.server.models import DeviceSession, User
from agentdesk.server.security import token_digest
from agentdesk.server.seed.demo import seed_demo
from tests.support.postgres import PostgresCluster

_counter = itertools.count()


def token_for(username: str) -> str:
    """The bearer token every template gives `username` (device "test")."""
    return f"test-token-{username}"


def fill_template(engine: Engine, *, cases: int = 48, seed: int = 3) -> None:
    """Migrate, seed demo data, and give every user a known token."""
    upgrade(engine)
    with transaction(session_factory(engine)) as db:
        seed_demo(db, seed=seed, cases=cases, policy=read_authority_policy(), plans=4)
        now = datetime.now(UTC)
        for user in db.scalars(select(User)):
            db.add(
                DeviceSession(
                    user_id=user.id,
                    device_name="test",
                    token_hash=token_digest(token_for(user.username)),
                    created_at=now,
                    expires_at=now + timedelta(days=3650),
                )
            )


@dataclass
class Backend:
    """Makes fresh database copies of one template."""

    name: str
    template: str
    make_copy: Callable[[], str]

    @property
    def today(self) -> date:
        return datetime.now(UTC).date()


def sqlite_backend(root: Path, fill: Callable[[Engine], None] = fill_template) -> Backend:
    """A SQLite template file in `root`; copies are file copies."""
    template = root / "template.sqlite3"
    engine = make_engine(str(template))
    try:
        fill(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()

    def make_copy() -> str:
        target = root / f"db{next(_counter)}.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"

    return Backend("sqlite", f"sqlite:///{template}", make_copy)


def postgres_backend(
    cluster: PostgresCluster, fill: Callable[[Engine], None] = fill_template, name: str = "tmpl"
) -> Backend:
    """A PostgreSQL template database; copies are `CREATE DATABASE … TEMPLATE`."""
    url = cluster.create_database(name)
    engine = make_engine(url)
    try:
        fill(engine)
    finally:
        engine.dispose()

    def make_copy() -> str:
        return cluster.create_database(f"{name}_{next(_counter)}", template=name)

    return Backend("postgres", url, make_copy)


def table_count(engine: Engine, table: str) -> int:
    """Rows in a table (for checking that nothing was written)."""
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
