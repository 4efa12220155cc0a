"""The approval queue against a real server: approve, reject, return, conflicts, four eyes,
escalation to an administrator (who decides in the same queue)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from agentdesk.client.sync_engine import SyncState
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import PlanDecision
from agentdesk.ui.launch import Desktop
from agentdesk.ui.lead import LeadWorkspace
from agentdesk.ui.lead.approval_queue import ApprovalQueuePage
from tests.ui.lead.conftest import Server, sync

OpenDesk = Callable[[str], Desktop]


def workspace(desk: Desktop) -> LeadWorkspace:
    ws = desk.window.lead_workspace
    assert ws is not None
    return ws


def click_plan(qtbot: QtBot, page: ApprovalQueuePage, plan_id: str) -> None:
    """Click the plan's row in the queue table."""
    qtbot.waitExposed(page.table)
    row = next(r for r, item in enumerate(page.model.items) if item.plan_id == plan_id)
    index = page.model.index(row, 2)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    assert rect.isValid()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.center().x(), rect.center().y()))
    assert page.current_plan_id() == plan_id


def open_approvals(desk: Desktop) -> ApprovalQueuePage:
    page = workspace(desk).approvals
    desk.window.tabs.setCurrentWidget(page)
    return page


def test_an_agent_sees_no_lead_pages(open_desk: OpenDesk) -> None:
    desk = open_desk("agent.east1")
    assert desk.window.lead_workspace is None
    assert desk.window.tabs.count() == 1


def test_approving_a_plan_within_authority(qtbot: QtBot, open_desk: OpenDesk,
                                           server: Server) -> None:
    plan = server.propose_needing_lead("agent.east1", server.cases_of("agent.east1")[0])
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    ids = [i.plan_id for i in page.model.items]
    assert plan["id"] in ids
    proposed = [i.plan.proposed_at for i in page.model.items]
    assert proposed == sorted(proposed), "oldest first"
    click_plan(qtbot, page, plan["id"])
    review = page.review
    assert review.verdict.text().startswith("Within your authority")
    assert review.proposed_table.rowCount() == len(plan["figures"]["schedule"])
    assert review.current_table.rowCount() > 0
    before, after = review.chart.point_count()
    assert after == len(plan["figures"]["schedule"]) and before > 0
    assert page.approve_button.isEnabled()
    with qtbot.waitSignal(page.decided, timeout=10_000):
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert plan["id"] not in [i.plan_id for i in page.model.items]
    assert server.plan_status(plan["id"]) == "pending"  # not sent yet: it is in the outbox
    report = sync(qtbot, desk)
    assert report.state is SyncState.SYNCED and report.applied == 1
    assert server.plan_status(plan["id"]) == "approved"


def test_rejecting_needs_a_comment(qtbot: QtBot, open_desk: OpenDesk, server: Server) -> None:
    plan = server.propose_needing_lead("agent.east2", server.cases_of("agent.east2")[0])
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    click_plan(qtbot, page, plan["id"])
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == (
        "Write a comment for the agent: rejecting or returning a plan needs a reason.")
    assert desk.context.outbox.count() == 0
    qtbot.keyClicks(page.comment, "Down payment too low. ")
    page.comment.insertPlainText("首付太低，请再谈。")  # QTest types Latin keys only
    with qtbot.waitSignal(page.decided, timeout=10_000):
        qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert sync(qtbot, desk).applied == 1
    body = server.call("admin", "GET", f"/plans/{plan['id']}")
    assert body["status"] == "rejected"
    assert body["decisions"][-1]["comment"] == "Down payment too low. 首付太低，请再谈。"


def test_returning_for_changes(qtbot: QtBot, open_desk: OpenDesk, server: Server) -> None:
    plan = server.propose_needing_lead("agent.east3", server.cases_of("agent.east3")[0])
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    click_plan(qtbot, page, plan["id"])
    qtbot.keyClicks(page.comment, "Ask for a bigger down payment.")
    with qtbot.waitSignal(page.decided, timeout=10_000):
        qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert sync(qtbot, desk).applied == 1
    assert server.plan_status(plan["id"]) == "returned"


def test_a_decision_on_a_plan_withdrawn_meanwhile_is_a_conflict(
        qtbot: QtBot, open_desk: OpenDesk, server: Server) -> None:
    plan = server.propose_needing_lead("agent.east1", server.cases_of("agent.east1")[1])
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    click_plan(qtbot, page, plan["id"])
    # The agent takes the plan back while the lead's approval waits to be sent.
    server.call("agent.east1", "POST", f"/plans/{plan['id']}/withdraw",
                json_body={"reason": "borrower paid"})
    with qtbot.waitSignal(page.decided, timeout=10_000):
        qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    report = sync(qtbot, desk)
    assert report.state is SyncState.SYNCED
    assert report.needs_attention == 1
    qtbot.waitUntil(lambda: len(page.conflicts()) == 1, timeout=5000)
    assert page.conflict_box.isVisible()
    assert page.conflicts()[0].entity_id == plan["id"]
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert page.current_plan_id() == plan["id"]
    assert page.review.verdict.text() == "This plan is no longer pending: it is Withdrawn."
    assert not page.approve_button.isEnabled()
    assert server.plan_status(plan["id"]) == "withdrawn"
    with qtbot.waitSignal(desk.context.ops.busyChanged, timeout=5000):
        qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.conflicts(), timeout=5000)
    assert not page.conflict_box.isVisible()


def test_a_lead_cannot_decide_their_own_plan(qtbot: QtBot, open_desk: OpenDesk,
                                             server: Server) -> None:
    # Within the lead's own limits, yet a second person must decide it.
    plan = server.propose_needing_lead("lead.east", server.cases_of("agent.east2")[1],
                                       expect="within_authority")
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    click_plan(qtbot, page, plan["id"])
    assert "You proposed this plan" in page.review.verdict.text()
    assert not page.approve_button.isEnabled()
    assert not page.reject_button.isEnabled()
    row = [i.plan_id for i in page.model.items].index(plan["id"])
    assert page.model.index(row, 8).data() == "Your own proposal"
    assert not page.decide(PlanDecision.APPROVE)
    assert page.message.text().startswith("You cannot decide a plan you proposed yourself")
    assert desk.context.outbox.count() == 0
    # The server enforces it too.
    refused = server.client("lead.east").session.post(
        f"{server.client('lead.east').api}/plans/{plan['id']}/decision",
        json={"decision": "approve"},
        headers={"Authorization": f"Bearer {server.client('lead.east').token}"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "own_plan"


def test_beyond_the_leads_authority_goes_to_an_administrator(
        qtbot: QtBot, open_desk: OpenDesk, server: Server) -> None:
    plan = server.propose("agent.east3", server.cases_of("agent.east3")[1],
                          {"extra_months": 3})
    assert plan["figures"]["authority"]["outcome"] == "needs_admin"
    lead = open_desk("lead.east")
    page = open_approvals(lead)
    click_plan(qtbot, page, plan["id"])
    assert "an administrator must approve it" in page.review.verdict.text()
    assert "down payment" in page.review.verdict.text()
    assert not page.approve_button.isEnabled()
    assert page.reject_button.isEnabled()  # rejecting grants nothing
    assert not page.decide(PlanDecision.APPROVE)
    assert page.message.text().startswith("Beyond your authority")
    assert lead.context.outbox.count() == 0
    api = server.client("lead.east")
    refused = api.session.post(f"{api.api}/plans/{plan['id']}/decision",
                               json={"decision": "approve"},
                               headers={"Authorization": f"Bearer {api.token}"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "beyond_authority"

    admin = open_desk("admin")
    apage = open_approvals(admin)
    assert admin.window.tabs.tabText(admin.window.tabs.indexOf(apage)) == (
        "Approvals (administrator)")
    click_plan(qtbot, apage, plan["id"])
    assert apage.review.verdict.text().startswith("Within your authority")
    with qtbot.waitSignal(apage.decided, timeout=10_000):
        qtbot.mouseClick(apage.approve_button, Qt.MouseButton.LeftButton)
    assert sync(qtbot, admin).applied == 1
    assert server.plan_status(plan["id"]) == "approved"


def test_the_queue_model_and_a_live_language_switch(qtbot: QtBot, qtmodeltester: object,
                                                     open_desk: OpenDesk) -> None:
    desk = open_desk("lead.east")
    page = open_approvals(desk)
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    tabs = desk.window.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["My queue", "Approvals", "Team performance", "Compliance", "Reassign"]
    desk.context.set_language(Language.ZH_CN)
    try:
        # Qt delivers LanguageChange to the widgets through the event loop.
        qtbot.waitUntil(lambda: tabs.tabText(0) == "我的队列", timeout=5000)
        qtbot.waitUntil(lambda: page.approve_button.text() == "批准(&A)", timeout=5000)
        titles = [tabs.tabText(i) for i in range(tabs.count())]
        assert titles == ["我的队列", "审批", "团队绩效", "合规", "调配案件"]
        assert page.approve_button.text() == "批准(&A)"
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "已等待"
        assert page.count_label.text().endswith("个方案待审批")
    finally:
        desk.context.set_language(Language.EN)
    qtbot.waitUntil(lambda: tabs.tabText(0) == "My queue", timeout=5000)
    assert tabs.tabText(1) == "Approvals"
