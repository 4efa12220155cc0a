"""Server test fixtures: every API test runs against SQLite and a real PostgreSQL.

PostgreSQL tests skip when no server binaries are found — except under CI=true, where a
missing PostgreSQL is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Engine, select

from agentdesk.server.app import create_app
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.models import Case, Plan, Team, User
from agentdesk.server.settings import Settings
from tests.support.postgres import PostgresCluster, PostgresUnavailable, start_cluster
from tests.support.server_db import Backend, postgres_backend, sqlite_backend, token_for

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

API = "/api/v1"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
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
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Backend:
    return sqlite_backend(tmp_path_factory.mktemp("server-sqlite"))


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PostgresCluster) -> Backend:
    return postgres_backend(pg_cluster)


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def backend(request: pytest.FixtureRequest) -> Backend:
    name = "sqlite_template" if request.param == "sqlite" else "pg_template"
    result: Backend = request.getfixturevalue(name)
    return result


@dataclass
class Api:
    """A server on a fresh database copy, with known users, tokens and cases."""

    client: TestClient
    engine: Engine
    url: str
    backend: str
    users: dict[str, User] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)

    def auth(self, username: str, **headers: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token_for(username)}", **headers}

    def get(self, path: str, user: str | None = None, **kw: Any) -> Any:
        headers = {**(self.auth(user) if user else {}), **kw.pop("headers", {})}
        return self.client.get(API + path, headers=headers, **kw)

    def post(self, path: str, user: str | None = None, **kw: Any) -> Any:
        headers = {**(self.auth(user) if user else {}), **kw.pop("headers", {})}
        return self.client.post(API + path, headers=headers, **kw)

    def session(self) -> Any:
        return session_factory(self.engine)()

    def case_of(self, username: str, *, open_only: bool = True) -> uuid.UUID:
        """Some case assigned to `username`."""
        with self.session() as db:
            stmt = select(Case.id).where(Case.assignee_id == self.users[username].id)
            if open_only:
                stmt = stmt.where(Case.closed_at.is_(None))
            case_id = db.scalars(stmt.order_by(Case.loan_ref)).first()
        assert case_id is not None
        return case_id

    def cases_of_team(self, team: str) -> set[uuid.UUID]:
        with self.session() as db:
            return set(db.scalars(select(Case.id).where(Case.team_id == self.teams[team].id)))

    def plans(self) -> list[Plan]:
        with self.session() as db:
            return list(db.scalars(select(Plan)))


@pytest.fixture
def api(backend: Backend) -> Iterator[Api]:
    url = backend.make_copy()
    engine = make_engine(url, pool_size=2)
    app = create_app(Settings(db_url=url), engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        api = Api(client=client, engine=engine, url=url, backend=backend.name)
        with api.session() as db:
            api.users = {u.username: u for u in db.scalars(select(User))}
            api.teams = {t.name: t for t in db.scalars(select(Team))}
        yield api
    engine.dispose()
