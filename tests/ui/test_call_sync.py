"""A team lead's overridden call, synced to a real server on loopback.

The server judges every pushed attempt again; an attempt that broke a rule is flagged
unless the desktop recorded an override that the server confirms. This checks that the
override the call workspace writes is one the server recognises (audited as an override,
not listed as a violation).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from agentdesk.client.casefile import open_case
from agentdesk.client.outbox import Outbox
from agentdesk.ui.call_workspace import CallWorkspace
from agentdesk.ui.call_workspace_facts import check_call
from agentdesk.ui.launch import Desktop
from tests.ui.live import DemoServer, open_desktop

SYNC_TIMEOUT = 60_000
pytestmark = pytest.mark.slow  # a seeded server and full syncs


@pytest.fixture
def lead_desktop(qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> Iterator[Desktop]:
    desk = open_desktop(demo_server, tmp_path, username=demo_server.account("lead")["username"])
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
        desk.show()
    yield desk
    desk.close()


@pytest.fixture
def dialled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(url.toString()) or True))
    return urls


def _blocked_only_by_the_hours(desk: Desktop) -> tuple[str, datetime]:
    """A case and a moment (last night, 22:30 borrower time) blocked by CN-1 alone."""
    policy = desk.context.contact_policy()
    with desk.context.store.read() as db:
        ids = [row[0] for row in db.execute("SELECT case_id FROM cases ORDER BY priority DESC")]
    for case_id in ids:
        case_file = open_case(desk.context.store, case_id)
        phones = [cp for cp in case_file.contact_points
                  if cp.data.kind == "phone" and not cp.data.relation.is_third_party]
        if case_file.borrower is None or not phones:
            continue
        zone = ZoneInfo(case_file.borrower.time_zone)
        yesterday = datetime.now(zone).date() - timedelta(days=1)
        at = datetime.combine(yesterday, time(22, 30), zone).astimezone(UTC)
        decision = check_call(case_file, phones[0].data.id, at, policy)
        if decision.blocking_rule_ids == ("CN-1",):
            return str(case_id), at
    raise AssertionError("no case of the lead's team is blocked by the hours alone")


def _audit(db: Path, attempt_id: str) -> list[tuple[str, dict[str, Any]]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT action, detail FROM audit_log WHERE entity = 'contact_attempt'"
            " AND replace(entity_id, '-', '') = ?",
            (attempt_id.replace("-", ""),),
        ).fetchall()
    return [(action, json.loads(detail)) for action, detail in rows]


def test_a_leads_override_reaches_the_server_as_an_audited_override(
    qtbot: QtBot, lead_desktop: Desktop, demo_server: DemoServer, dialled: list[str]
) -> None:
    context = lead_desktop.context
    case_id, late = _blocked_only_by_the_hours(lead_desktop)
    workspace = CallWorkspace(context, case_id, lead_desktop.window, clock=lambda: late)
    qtbot.addWidget(workspace)
    workspace.show()
    qtbot.waitUntil(lambda: workspace.scripts_ready, timeout=10_000)
    qtbot.mouseClick(workspace.ui.callButton, Qt.MouseButton.LeftButton)
    assert workspace.ui.overrideGroup.isVisible()
    qtbot.keyClicks(workspace.ui.overrideReasonEdit, "Borrower asked for a call after 22:00")
    qtbot.mouseClick(workspace.ui.overrideButton, Qt.MouseButton.LeftButton)
    assert len(dialled) == 1
    result = workspace.outcome.ui.resultCombo
    result.setCurrentIndex(result.findData("callback_requested"))
    with qtbot.waitSignal(workspace.saved, timeout=5000) as saved:
        qtbot.mouseClick(workspace.outcome.ui.saveButton, Qt.MouseButton.LeftButton)
    attempt_id = str(saved.args[0].entity_id)

    with qtbot.waitSignal(lead_desktop.sync.finished, timeout=SYNC_TIMEOUT):
        assert lead_desktop.sync.sync_now()
    assert Outbox(context.store).count() == 0
    assert Outbox(context.store).needs_attention() == []

    audited = dict(_audit(demo_server.db, attempt_id))
    assert "contact_attempt.record" in audited
    assert "compliance.override" in audited and "compliance.violation" not in audited
    assert "Borrower asked for a call after 22:00" in json.dumps(
        audited["compliance.override"], ensure_ascii=False)
    response = requests.get(
        f"{demo_server.url}/api/v1/compliance/violations",
        params={"case_id": case_id},
        headers={"Authorization": f"Bearer {context.api.token}"},
        timeout=10,
    )
    response.raise_for_status()
    flagged = [item["attempt_id"] for item in response.json()["items"]]
    assert attempt_id not in flagged
