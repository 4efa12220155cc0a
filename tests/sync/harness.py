"""Real servers and real desktops for sync tests.

`LiveServer` runs `agentdesk-server serve` (uvicorn) as a separate process on
127.0.0.1 with a real database; it can be stopped, killed and started again on the
same port. `Desk` is one signed-in desktop: its own SQLite store, the HTTP client, the
sync engine and the operations an agent or lead performs.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import Engine, select, text

from agentdesk.client.api import ApiClient, Timeouts
from agentdesk.client.operations import Operations
from agentdesk.client.outbox import Outbox
from agentdesk.client.store import LocalStore
from agentdesk.client.sync_engine import SyncEngine, SyncReport
from agentdesk.server.models import User
from tests.support.server_db import token_for

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dead_address() -> str:
    """A loopback address where nothing listens: what a desktop sees with no server."""
    return f"http://127.0.0.1:{free_port()}"


@dataclass
class LiveServer:
    """One `agentdesk-server serve` process on loopback."""

    db_url: str
    port: int = field(default_factory=free_port)
    log: Path | None = None
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> LiveServer:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "agentdesk.server.cli",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not come up")

    def stop(self, *, kill: bool = False) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None


def user_id(engine: Engine, username: str) -> str:
    from sqlalchemy.orm import Session

    with Session(engine) as db:
        found = db.scalar(select(User.id).where(User.username == username))
    assert found is not None, username
    return str(found)


@dataclass
class Desk:
    """One desktop: store, client, engine and the user's operations."""

    username: str
    store: LocalStore
    api: ApiClient
    engine: SyncEngine
    ops: Operations
    progress: list[Any] = field(default_factory=list)

    @property
    def outbox(self) -> Outbox:
        return self.engine.outbox

    def sync(self) -> SyncReport:
        return self.engine.sync()

    def point_at(self, base_url: str) -> None:
        """Talk to another address (a proxy, another server process)."""
        self.api.base_url = base_url.rstrip("/")
        self.api.api = f"{self.api.base_url}/api/v1"

    def local_ids(self, table: str, column: str) -> set[str]:
        with self.store.read() as db:
            return {str(r[0]) for r in db.execute(f"SELECT {column} FROM {table}")}

    def case_ids(self) -> set[str]:
        return self.local_ids("cases", "case_id")

    def close(self) -> None:
        self.api.close()
        self.store.close()


def make_desk(
    root: Path,
    base_url: str,
    username: str,
    engine: Engine,
    *,
    token: str | None = None,
    retries: int = 2,
    backoff: float = 0.05,
    read_timeout: float = 30.0,
    push_batch: int = 200,
    pull_limit: int = 2000,
) -> Desk:
    store = LocalStore(root / f"{username}-{uuid.uuid4().hex[:6]}.sqlite3")
    api = ApiClient(
        base_url,
        token=token or token_for(username),
        retries=retries,
        backoff=backoff,
        timeouts=Timeouts(connect=2.0, read=read_timeout),
    )
    progress: list[Any] = []
    sync = SyncEngine(
        store,
        api,
        push_batch=push_batch,
        pull_limit=pull_limit,
        progress=progress.append,
        username=username,
    )
    ops = Operations(store, user_id=user_id(engine, username))
    return Desk(username, store, api, sync, ops, progress)


def server_count(engine: Engine, table: str, ids: set[str] | None = None) -> int:
    """Rows in a server table (restricted to `ids` when given)."""
    with engine.connect() as conn:
        if ids is None:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
        found = 0
        for i in ids:
            found += int(
                conn.execute(
                    text(f"SELECT count(*) FROM {table} WHERE id = :id"),
                    {"id": uuid.UUID(i).hex if conn.dialect.name == "sqlite" else i},
                ).scalar_one()
            )
        return found
