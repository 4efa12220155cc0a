"""A plan proposed in the dialog, synced to a real server on loopback, and back.

The server recomputes every proposal with the same engine from the options alone; this
checks that what the dialog queues is what the server accepts, and that the server's
verdict and figures are the ones the agent saw.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from agentdesk.client.casefile import open_case
from agentdesk.client.outbox import Outbox
from agentdesk.ui.launch import Desktop
from agentdesk.ui.plan_dialog import PlanProposalDialog
from agentdesk.ui.plan_engine import loan_situation
from tests.ui.live import DemoServer, open_desktop

SYNC_TIMEOUT = 60_000
pytestmark = pytest.mark.slow  # a seeded server and full syncs


@pytest.fixture
def desktop(qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> Iterator[Desktop]:
    desk = open_desktop(demo_server, tmp_path)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
        desk.show()
    yield desk
    desk.close()


def _delinquent_case(desk: Desktop) -> str:
    """A case of this agent whose loan still owes something today and has no plan yet."""
    today = datetime.now(UTC).date()
    with desk.context.store.read() as db:
        ids = [row[0] for row in db.execute(
            "SELECT case_id FROM cases WHERE plan_status IS NULL ORDER BY dpd DESC")]
    for case_id in ids:
        situation = loan_situation(open_case(desk.context.store, case_id), today)
        if situation.position.total_outstanding > 0 and situation.position.upcoming:
            return str(case_id)
    raise AssertionError("the demo data has no delinquent case without a plan")


def test_a_proposal_is_accepted_by_the_server_with_the_verdict_the_agent_saw(
    qtbot: QtBot, desktop: Desktop
) -> None:
    context = desktop.context
    case_id = _delinquent_case(desktop)
    dialog = PlanProposalDialog(context, case_id, desktop.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.ui.extensionSpin, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.ui.extensionSpin, Qt.Key.Key_Up)
    shown = dialog.current
    assert shown is not None and shown.plan is not None and shown.verdict is not None
    with qtbot.waitSignal(dialog.proposed, timeout=5000):
        qtbot.mouseClick(dialog.ui.submitButton, Qt.MouseButton.LeftButton)

    with qtbot.waitSignal(desktop.sync.finished, timeout=SYNC_TIMEOUT):
        assert desktop.sync.sync_now()
    assert Outbox(context.store).count() == 0
    assert Outbox(context.store).needs_attention() == []

    [plan] = [p for p in open_case(context.store, case_id).plans]
    assert plan.local_state == "synced"
    assert plan.status == "pending"
    assert plan.data.options["extra_months"] == 2  # the server keeps every option, defaults too
    # The server's own figures: the same instalment and the same approver.
    expected_role = shown.verdict.required_role
    assert plan.data.required_role == (expected_role.value if expected_role else "admin")
    totals = plan.data.figures["totals"]
    assert isinstance(totals, dict)
    assert Decimal(str(totals["regular_instalment"])) == shown.plan.regular_instalment
