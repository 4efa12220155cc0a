"""Team performance, compliance list and reassignment against a real server on loopback."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from agentdesk.client.sync_engine import SyncState
from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.ops import ContactAttemptRecord
from agentdesk.server.models import Case, ContactAttempt, Payment, Plan, Promise, User
from agentdesk.ui.launch import Desktop
from agentdesk.ui.lead import LeadWorkspace
from agentdesk.ui.lead.dashboard import TeamDashboardPage
from agentdesk.ui.lead.team_report import FIGURE_KEYS
from agentdesk.ui.look import SELECTION
from tests.ui.lead.conftest import SYNC_TIMEOUT, Server, sync

OpenDesk = Callable[[str], Desktop]


def workspace(desk: Desktop) -> LeadWorkspace:
    ws = desk.window.lead_workspace
    assert ws is not None
    return ws


def expected_figures(server: Server, username: str, start: object, end: object) -> dict:
    """The agent's figures computed straight from the server's database."""
    rpc = {r.value for r in CallResult if r.is_conversation}
    with server.session() as db:
        uid = db.scalars(select(User.id).where(User.username == username)).one()
        attempts = [a for a in db.scalars(select(ContactAttempt).where(
            ContactAttempt.user_id == uid)) if start <= a.started_at.date() <= end]
        promises = list(db.scalars(select(Promise).where(Promise.user_id == uid)))
        plans = [p for p in db.scalars(select(Plan).where(Plan.proposed_by == uid))
                 if start <= p.created_at.date() <= end]
        loans = set(db.scalars(select(Case.loan_id).where(Case.assignee_id == uid)))
        collected = sum(p.amount_minor for p in db.scalars(select(Payment))
                        if p.loan_id in loans and start <= p.paid_on <= end)
    due = Counter(p.status for p in promises if start <= p.due_date <= end)
    return {
        "attempts": len(attempts),
        "right_party_contacts": sum(a.result in rpc for a in attempts),
        "promises_made": sum(start <= p.created_at.date() <= end for p in promises),
        "promises_kept": due["kept"],
        "promises_broken": due["broken"],
        "plans_proposed": len(plans),
        "plans_approved": sum(p.status == "approved" for p in plans),
        "amount_collected": Decimal(collected) / 100,
    }


def test_dashboard_figures_match_the_database(qtbot: QtBot, open_desk: OpenDesk,
                                              server: Server, tmp_path: Path) -> None:
    desk = open_desk("lead.east")
    page = workspace(desk).dashboard
    desk.window.tabs.setCurrentWidget(page)
    today = datetime.now(UTC).date()
    start = today - timedelta(days=20)
    page.set_period(start, today)
    with qtbot.waitSignal(page.loaded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.snapshot is not None and not page.stale
    report = page.snapshot.report
    assert (report.date_from, report.date_to) == (start, today)
    team = report.teams[0]
    assert {a.username for a in team.agents} == {"agent.east1", "agent.east2", "agent.east3"}
    for agent in team.agents:
        expected = expected_figures(server, agent.username, start, today)
        got = {k: getattr(agent.figures, k) for k in expected}
        assert got == expected, agent.username
        # The table shows the same figures.
        row = next(r for r in range(page.table.rowCount())
                   if page.table.item(r, 1).text() == agent.username)
        assert page.table.item(row, 3).text() == str(expected["attempts"])
        assert page.table.item(row, 4).text() == str(expected["right_party_contacts"])
    assert page.table.item(page.table.rowCount() - 1, 2).text() == "Team total"
    assert team.total.attempts == sum(
        expected_figures(server, a.username, start, today)["attempts"] for a in team.agents)
    assert len(team.trend) == 21
    assert page.trend_chart.series()[0].count() == 21
    assert [b.bucket for b in team.buckets] == ["current", "M1", "M2", "M3", "M3+"]
    # CSV with a BOM, Chinese intact.
    out = tmp_path / "team.csv"
    assert page.export(out) == len(team.agents) + 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[1][:3] == ["Team", "User name", "Agent"]
    assert len(lines[1]) == 3 + len(FIGURE_KEYS)
    assert lines[2][0] == team.team_name  # 华东组
    first = next(row for row in lines[2:] if row[1] == team.agents[0].username)
    assert first[3] == str(team.agents[0].figures.attempts)
    # The snapshot is kept: a fresh page (offline) shows it, labelled with its time.
    offline = TeamDashboardPage(desk.context)
    qtbot.addWidget(offline)
    assert offline.stale and offline.snapshot is not None
    assert offline.snapshot.report == report
    assert offline.as_of.text().startswith("Last figures kept, taken ")
    assert offline.table.rowCount() == page.table.rowCount()
    # With the server gone, asking again keeps the last figures on screen and says so.
    desk.context.api.api = "http://127.0.0.1:9/api/v1"
    qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.refresh_button.isEnabled(), timeout=SYNC_TIMEOUT)
    assert page.message.text().endswith("Showing the last figures kept on this computer.")
    assert page.stale and page.snapshot is not None and page.snapshot.report == report
    assert page.as_of.text().startswith("Last figures kept, taken ")


def test_the_leads_tables_look_like_the_agents(open_desk: OpenDesk) -> None:
    # Soft selection and alternate rows, no grid, no row numbers, rows of one height, a
    # bold header: the queue's look, on every table of every page (the approval's
    # schedules included).
    desk = open_desk("lead.east")
    tables = [t for page in workspace(desk).pages() for t in page.findChildren(QTableView)]
    assert len(tables) >= 6
    for table in tables:
        assert not table.showGrid() and table.alternatingRowColors()
        assert table.palette().color(QPalette.ColorRole.Highlight) == SELECTION
        rows = table.verticalHeader()
        assert rows.isHidden() and rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
        assert table.horizontalHeader().font().bold()


def test_compliance_list_opens_the_case(qtbot: QtBot, open_desk: OpenDesk,
                                       server: Server) -> None:
    # An agent logs a call made at 02:00 Beijing time (inside the quiet hours): flagged.
    agent = open_desk("agent.east1")
    case_id = server.cases_of("agent.east1")[2]
    night = datetime.now(UTC).replace(hour=18, minute=0, second=0, microsecond=0) \
        - timedelta(days=1)
    record = ContactAttemptRecord(case_id=UUID(case_id), channel=Channel.CALL,
                                  result=CallResult.NO_ANSWER, started_at=night,
                                  ended_at=night + timedelta(minutes=1))
    with qtbot.waitSignal(agent.context.ops.casesChanged, timeout=5000):
        agent.context.ops.write(lambda ops: ops.record_contact_attempt(record))
    assert sync(qtbot, agent).applied == 1
    desk = open_desk("lead.east")
    page = workspace(desk).compliance
    desk.window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == len(page.items)
    mine = next(r for r, v in enumerate(page.items) if str(v.case_id) == case_id
                and v.started_at == night)
    assert page.items[mine].agent_username == "agent.east1"
    # The table names the agent as people know them, not by the sign-in name.
    shown = page.table.item(mine, 1).text()
    assert shown == page.items[mine].agent_name and shown and shown != "agent.east1"
    assert page.items[mine].rules
    assert page.table.item(mine, 6).text().startswith(page.items[mine].rules[0].id)
    page.table.scrollTo(page.table.model().index(mine, 2))
    rect = page.table.visualRect(page.table.model().index(mine, 2))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.caseRequested, timeout=2000) as opened:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args[0] == case_id
    view = desk.window.current_case()
    assert view is not None and view.case_id == case_id


def test_reassignment_reaches_both_agents(qtbot: QtBot, open_desk: OpenDesk,
                                          server: Server) -> None:
    moving = server.cases_of("agent.east2")[-2:]
    assert len(moving) == 2
    giver = open_desk("agent.east2")
    taker = open_desk("agent.east3")

    def local_cases(desk: Desktop) -> set[str]:
        with desk.context.store.read() as db:
            return {r[0] for r in db.execute("SELECT case_id FROM cases")}

    assert set(moving) <= local_cases(giver)
    assert not set(moving) & local_cases(taker)
    lead = open_desk("lead.east")
    ws = workspace(lead)
    qtbot.waitUntil(lambda: ws.dashboard.snapshot is not None, timeout=SYNC_TIMEOUT)
    page = ws.reassign
    lead.window.tabs.setCurrentWidget(page)
    east3 = server.user_id("agent.east3")
    before = page.workload[east3]
    label = page.agent.itemText(page.agent.findData(east3))
    assert label.startswith(ws.dashboard.snapshot.report.teams[0].agents[2].display_name)
    assert f"{before} case" in label
    page.select_cases(moving)
    assert sorted(page.selected_case_ids()) == sorted(moving)
    assert page.choose_agent(east3)
    qtbot.keyClicks(page.reason, "holiday cover")
    with qtbot.waitSignal(page.moved, timeout=10_000):
        qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    assert page.workload[east3] == before + 2
    assert sync(qtbot, lead).applied == 2
    assert set(moving) <= set(server.cases_of("agent.east3"))

    assert sync(qtbot, taker).state is SyncState.SYNCED
    assert sync(qtbot, giver).state is SyncState.SYNCED

    assert set(moving) <= local_cases(taker)
    assert not set(moving) & local_cases(giver)
    queue = taker.window.queue_page
    names = {queue.model.index(r, 1).data() for r in range(queue.model.rowCount())}
    with taker.context.store.read() as db:
        moved_names = {r[0] for r in db.execute(
            "SELECT borrower_name FROM cases WHERE case_id IN (?, ?)", moving)}
    assert moved_names <= names
