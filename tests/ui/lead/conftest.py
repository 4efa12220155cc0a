"""The lead's workspace against its own seeded server on loopback (its tests change data)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from agentdesk.client.api import ApiClient
from agentdesk.server.db import make_engine, session_factory
from agentdesk.server.models import Case, User
from agentdesk.ui.launch import Desktop
from tests.ui import live
from tests.ui.live import DemoServer, open_desktop

SYNC_TIMEOUT = 60_000


@pytest.fixture(scope="package")
def lead_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    yield from live.demo_server(tmp_path_factory.mktemp("lead-server"))


class Server:
    """REST calls as any demo user, and direct reads of the server's database."""

    def __init__(self, demo: DemoServer) -> None:
        self.demo = demo
        self._clients: dict[str, ApiClient] = {}
        self.engine = make_engine(f"sqlite:///{demo.db}")

    def client(self, username: str) -> ApiClient:
        if username not in self._clients:
            account = next(a for a in self.demo.accounts if a["username"] == username)
            api = ApiClient(self.demo.url, retries=0)
            api.login(username, account["password"], "lead tests")
            self._clients[username] = api
        return self._clients[username]

    def call(self, username: str, method: str, path: str, **kw: Any) -> Any:
        return self.client(username)._request(method, path, **kw).json()

    def session(self) -> Session:
        return session_factory(self.engine)()

    def user_id(self, username: str) -> str:
        with self.session() as db:
            return str(db.scalars(select(User.id).where(User.username == username)).one())

    def cases_of(self, username: str) -> list[str]:
        with self.session() as db:
            uid = db.scalars(select(User.id).where(User.username == username)).one()
            return [str(c) for c in db.scalars(select(Case.id).where(
                Case.assignee_id == uid, Case.closed_at.is_(None)).order_by(Case.loan_ref))]

    def propose(self, username: str, case_id: str, options: dict[str, Any]) -> dict[str, Any]:
        return self.call(username, "POST", f"/cases/{case_id}/plans",
                         json_body={"options": options, "justification": "test"})

    def propose_needing_lead(self, username: str, case_id: str,
                             expect: str = "needs_lead") -> dict[str, Any]:
        """A plan only a lead (or an administrator) may approve: a 20 % penalty waiver and
        an 8 % down payment (the lead's limits: 30 % waiver, 5 % down payment)."""
        preview = self.call(username, "POST", "/plans/preview", json_body={
            "case_id": case_id, "options": {"penalty_waiver": {"kind": "percent",
                                                                "value": "20"}}})
        p = preview["position"]
        due = sum(Decimal(p[k]) for k in ("overdue_principal", "overdue_interest",
                                          "penalty_interest", "fees"))
        due -= Decimal(preview["concessions"]["waived_amount"])
        down = (due * Decimal("0.08")).quantize(Decimal("0.01"))
        plan = self.propose(username, case_id, {
            "penalty_waiver": {"kind": "percent", "value": "20"}, "down_payment": str(down)})
        assert plan["figures"]["authority"]["outcome"] == expect, plan["figures"]
        return plan

    def plan_status(self, plan_id: str) -> str:
        return str(self.call("admin", "GET", f"/plans/{plan_id}")["status"])

    def close(self) -> None:
        for api in self._clients.values():
            api.close()
        self.engine.dispose()


@pytest.fixture(scope="package")
def server(lead_server: DemoServer) -> Iterator[Server]:
    s = Server(lead_server)
    yield s
    s.close()


@pytest.fixture
def open_desk(qtbot: QtBot, lead_server: DemoServer,
              tmp_path: Path) -> Iterator[Callable[[str], Desktop]]:
    """Desktops signed in as given users, shown and synced once; closed after the test."""
    opened: list[Desktop] = []

    def open_as(username: str) -> Desktop:
        desk = open_desktop(lead_server, tmp_path / username, username=username)
        with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
            desk.show()
        opened.append(desk)
        return desk

    yield open_as
    for desk in opened:
        qtbot.waitUntil(lambda d=desk: not d.context.ops.busy, timeout=SYNC_TIMEOUT)
        desk.close()


def sync(qtbot: QtBot, desk: Desktop) -> Any:
    """Sync now and wait for the end; the report."""
    qtbot.waitUntil(lambda: not desk.sync.running, timeout=SYNC_TIMEOUT)
    with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT) as ended:
        assert desk.sync.sync_now()
    return ended.args[0]
