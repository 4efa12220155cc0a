"""Sync test fixtures: a seeded server database per test, a live server, desktops.

PostgreSQL tests use a throwaway cluster; they skip when no PostgreSQL binaries are
found, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from agentdesk.server.db import make_engine
from tests.support.postgres import PostgresCluster, PostgresUnavailable, start_cluster
from tests.support.server_db import Backend, postgres_backend, sqlite_backend
from tests.sync.harness import Desk, LiveServer, make_desk


@pytest.fixture(scope="session")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> Backend:
    return sqlite_backend(tmp_path_factory.mktemp("sync-sqlite"))


@pytest.fixture(scope="session")
def sync_pg_cluster() -> Iterator[PostgresCluster]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL is required under CI=true: {exc}")
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def sync_pg_template(sync_pg_cluster: PostgresCluster) -> Backend:
    return postgres_backend(sync_pg_cluster, name="synctmpl")


@pytest.fixture
def db_url(sync_template: Backend) -> str:
    return sync_template.make_copy()


@pytest.fixture
def server_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url, pool_size=2)
    yield engine
    engine.dispose()


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    live = LiveServer(db_url, log=tmp_path / "server.log").start()
    yield live
    live.stop()


DeskFactory = Callable[..., Desk]


@pytest.fixture
def desk(tmp_path: Path, server: LiveServer, server_engine: Engine) -> Iterator[DeskFactory]:
    made: list[Desk] = []

    def factory(username: str, **kw: object) -> Desk:
        base = str(kw.pop("base_url", server.url))
        d = make_desk(tmp_path, base, username, server_engine, **kw)  # type: ignore[arg-type]
        made.append(d)
        return d

    yield factory
    for d in made:
        d.close()
