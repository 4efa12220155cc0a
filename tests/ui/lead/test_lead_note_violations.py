"""A note with banned words, flagged by the server, in the team lead's compliance list."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agentdesk.protocol.ops import NoteAdd
from agentdesk.ui.launch import Desktop
from tests.ui.lead.conftest import SYNC_TIMEOUT, Server, sync

OpenDesk = Callable[[str], Desktop]


def test_a_flagged_note_is_listed_with_the_words_that_broke_the_rule(
    qtbot: QtBot, open_desk: OpenDesk, server: Server
) -> None:
    agent = open_desk("agent.east1")
    case_id = server.cases_of("agent.east1")[1]
    note = NoteAdd(case_id=UUID(case_id), text="Told him we know where you live.")
    with qtbot.waitSignal(agent.context.ops.casesChanged, timeout=5000):
        agent.context.ops.write(lambda ops: ops.add_note(note))
    assert sync(qtbot, agent).applied == 1
    desk = open_desk("lead.east")
    lead = desk.window.lead_workspace
    assert lead is not None
    page = lead.compliance
    desk.window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=SYNC_TIMEOUT):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    row = next(r for r, v in enumerate(page.items) if v.kind == "note"
               and str(v.case_id) == case_id)
    assert page.items[row].phrases == ["we know where you live"]
    assert page.table.item(row, 4).text() == "Note"
    assert page.table.item(row, 5).text() == "Banned words: we know where you live"
    assert page.table.item(row, 6).text().startswith("CN-6 ")
