"""The team lead's workspace: approvals, team performance, compliance, reassignment.

`install(window)` adds the pages as tabs of the main window when the signed-in user is a
lead or an administrator (the administrator sees the same approval queue, and decides
what is beyond a lead's authority). Pages open cases through the window's `open_case`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agentdesk.ui.lead.approval_queue import ApprovalQueuePage
    from agentdesk.ui.lead.compliance_page import CompliancePage
    from agentdesk.ui.lead.dashboard import TeamDashboardPage
    from agentdesk.ui.lead.reassign import ReassignPage
    from agentdesk.ui.main_window import MainWindow


@dataclass
class LeadWorkspace:
    """The lead's pages in one main window."""

    approvals: ApprovalQueuePage
    dashboard: TeamDashboardPage
    compliance: CompliancePage
    reassign: ReassignPage

    def pages(self) -> list[ApprovalQueuePage | TeamDashboardPage | CompliancePage
                            | ReassignPage]:
        """The pages in tab order."""
        return [self.approvals, self.dashboard, self.compliance, self.reassign]


def install(window: MainWindow) -> LeadWorkspace | None:
    """Add the lead's pages to `window` (nothing for an agent); fetch the first figures."""
    from agentdesk.ui.lead.approval_queue import ApprovalQueuePage
    from agentdesk.ui.lead.compliance_page import CompliancePage
    from agentdesk.ui.lead.dashboard import TeamDashboardPage
    from agentdesk.ui.lead.reassign import ReassignPage

    context = window.context
    if not context.user.is_lead:
        return None
    workspace = LeadWorkspace(
        approvals=ApprovalQueuePage(context, window.tabs),
        dashboard=TeamDashboardPage(context, window.tabs),
        compliance=CompliancePage(context, window.tabs),
        reassign=ReassignPage(context, window.tabs),
    )
    # add_page inserts after the queue: add in reverse to keep this order.
    for page in reversed(workspace.pages()):
        window.add_page(page, page.title())
    workspace.approvals.caseRequested.connect(window.open_case)
    workspace.compliance.caseRequested.connect(window.open_case)
    # The report names the team's agents: the other pages show names once it is in.
    workspace.dashboard.loaded.connect(lambda _s: workspace.approvals.reload())
    workspace.dashboard.loaded.connect(lambda _s: workspace.reassign.invalidate())
    window.sync.finished.connect(lambda _r: workspace.approvals.reload())

    def retitle(_language: str) -> None:
        for page in workspace.pages():
            index = window.tabs.indexOf(page)
            if index >= 0:
                window.tabs.setTabText(index, page.title())

    context.languageChanged.connect(retitle)
    if context.api is not None:
        workspace.dashboard.refresh()
        workspace.compliance.refresh()
    return workspace
