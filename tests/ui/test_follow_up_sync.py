"""A blocked call's follow-up, from the call workspace to a real server on loopback and
back into the case list."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agentdesk.client.casefile import open_case
from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import QueueQuery, QuickFilter
from agentdesk.ui.call_workspace import CallWorkspace
from agentdesk.ui.call_workspace_facts import check_call
from agentdesk.ui.launch import Desktop
from tests.ui.live import DemoServer, open_desktop

SYNC_TIMEOUT = 60_000
pytestmark = pytest.mark.slow  # a seeded server and full syncs


@pytest.fixture
def agent_desktop(qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> Iterator[Desktop]:
    desk = open_desktop(demo_server, tmp_path, username=demo_server.account("agent")["username"])
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
        desk.show()
    yield desk
    desk.close()


def _blocked_tonight(desk: Desktop) -> tuple[str, datetime]:
    """A case and a moment (22:30 tonight, borrower time) blocked by the hours alone."""
    policy = desk.context.contact_policy()
    with desk.context.store.read() as db:
        ids = [row[0] for row in db.execute("SELECT case_id FROM cases ORDER BY priority DESC")]
    for case_id in ids:
        case_file = open_case(desk.context.store, case_id)
        phones = [cp for cp in case_file.contact_points
                  if cp.data.kind == "phone" and not cp.data.relation.is_third_party]
        if case_file.borrower is None or not phones or case_file.row.next_action_due:
            continue
        zone = ZoneInfo(case_file.borrower.time_zone)
        at = datetime.combine(datetime.now(zone).date(), time(22, 30), zone).astimezone(UTC)
        decision = check_call(case_file, phones[0].data.id, at, policy)
        if decision.blocking_rule_ids == ("CN-1",):
            return str(case_id), at
    raise AssertionError("no case of the agent is blocked by the hours alone")


def test_a_blocked_calls_follow_up_reaches_the_server_and_the_case_list(
    qtbot: QtBot, agent_desktop: Desktop, demo_server: DemoServer
) -> None:
    context = agent_desktop.context
    case_id, late = _blocked_tonight(agent_desktop)
    workspace = CallWorkspace(context, case_id, agent_desktop.window, clock=lambda: late)
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.mouseClick(workspace.ui.callButton, Qt.MouseButton.LeftButton)
    assert workspace.ui.followUpButton.isVisible()
    with qtbot.waitSignal(workspace.followUpScheduled, timeout=5000) as scheduled:
        qtbot.mouseClick(workspace.ui.followUpButton, Qt.MouseButton.LeftButton)
    due = scheduled.args[0]
    assert isinstance(due, datetime) and due > datetime.now(UTC)
    # In the queue at once, before any sync.
    row = next(r for r in context.queue.search(QueueQuery()).rows(0, 10_000)
               if r.case_id == case_id)
    assert row.next_action_due == due
    workspace.close()

    with qtbot.waitSignal(agent_desktop.sync.finished, timeout=SYNC_TIMEOUT):
        assert agent_desktop.sync.sync_now()
    assert Outbox(context.store).count() == 0 and Outbox(context.store).needs_attention() == []
    with sqlite3.connect(demo_server.db) as conn:
        stored = conn.execute(
            "SELECT next_action_at, next_action_reason FROM cases"
            " WHERE replace(id, '-', '') = ?", (case_id.replace("-", ""),)).fetchone()
    assert stored is not None and "CN-1" in stored[1]
    assert datetime.fromisoformat(stored[0]).replace(tzinfo=UTC) == due
    response = requests.get(
        f"{demo_server.url}/api/v1/cases",
        params={"q": open_case(context.store, case_id).row.loan_number, "limit": 200},
        headers={"Authorization": f"Bearer {context.api.token}"}, timeout=10)
    response.raise_for_status()
    listed = next(i for i in response.json()["items"] if i["id"] == case_id)
    assert datetime.fromisoformat(listed["next_action_due"]) == due
    # Once the next allowed time has come, the case is due today in the queue.
    context.store.clock = lambda: due
    due_today = context.queue.search(QueueQuery(filters=frozenset({QuickFilter.DUE_TODAY})))
    assert case_id in {r.case_id for r in due_today.rows(0, due_today.count)}
