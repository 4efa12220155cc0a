"""The main window: the queue, open cases as tabs, menus, and the sync status bar.

Keyboard: Ctrl+F search, Enter open the selected case, F5 sync, Ctrl+W close the case
tab, Ctrl+1 back to the queue, Ctrl+, settings. Other workspaces (the team lead's) add
themselves as tabs through `add_page`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

import agentdesk
from agentdesk.ui import workspaces
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.labels import label
from agentdesk.ui.queue_page import QueuePage
from agentdesk.ui.settings import UserSettings
from agentdesk.ui.sync_controller import SyncController
from agentdesk.ui.sync_status import SyncStatus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QKeySequence

    from agentdesk.ui.attention import AttentionDialog
    from agentdesk.ui.case_view import CaseView
    from agentdesk.ui.lead import LeadWorkspace
    from agentdesk.ui.settings_dialog import SettingsDialog

SPARE_VIEW_DELAY_MS = 400
"""How long after a case opens the view for the next one is built: once the opened
case is painted and the agent is reading it."""

SPARE_VIEWS = 2
"""Closed or ready-built case views kept for the next opens: an agent often opens two
cases one right after the other (the case and a related one), and the second should
not wait for a view to be built."""

START_SPARE_DELAY_MS = 1000
"""After the window's first paint (`prepare_case_views`), how long until the views
for the first cases are built: once the start's own work (token, first sync) began."""


def _keys(key: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    """The one key sequence `QAction.setShortcut(key)` would set, for `setShortcuts`.

    `setShortcut`'s argument may also be a `Qt.Key`, so PySide builds the whole `Qt`
    namespace (~35 ms) to match it; `setShortcuts` takes a list. A standard key's
    sequence is the first of its bindings, as `QKeySequence(StandardKey)` takes."""
    from PySide6.QtGui import QKeySequence

    if isinstance(key, str):
        return [QKeySequence.fromString(key)]
    return QKeySequence.keyBindings(key)[:1]


class MainWindow(QMainWindow):
    """The agent's desktop."""

    signInRequested = Signal()
    """The user asked to sign in again (the launcher shows the dialog)."""
    painted = Signal()
    """The window has painted itself (its children paint right after)."""

    def __init__(self, context: AppContext, sync: SyncController,
                 settings: UserSettings | None = None, parent: QWidget | None = None,
                 *, lead_workspace_later: bool = False, actions_later: bool = False) -> None:
        """`lead_workspace_later`: the caller installs a lead's pages itself, after the
        window has painted (`install_lead_workspace`): they cost ~0.6 s of CPU to load.
        `actions_later`: likewise the menus' commands and their shortcuts
        (`make_actions`): the menu titles show at once, what a menu holds is not seen
        until it opens, and making PySide's QAction and QKeySequence classes (~3 ms) is
        then no part of the first frame."""
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.sync = sync
        self.settings = settings or UserSettings()
        self.resize(1280, 780)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self._spare_case_views: list[CaseView] = []
        self._spare_timer = QTimer(self)
        self._spare_timer.setSingleShot(True)
        self._spare_timer.setInterval(SPARE_VIEW_DELAY_MS)
        self._spare_timer.timeout.connect(self._prepare_spare_case_view)
        self.setCentralWidget(self.tabs)
        self.queue_page = QueuePage(context, self.tabs)
        self.queue_page.caseActivated.connect(self.open_case)
        self.tabs.addTab(self.queue_page, "")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.lead_workspace: LeadWorkspace | None = None
        self.status = SyncStatus(context, sync, self)
        self.statusBar().addPermanentWidget(self.status)
        self.status.attentionRequested.connect(self.show_attention)
        self.status.signInRequested.connect(self.signInRequested)
        context.ops.failed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        sync.finished.connect(self._sync_finished)
        menu = self.menuBar()
        self.file_menu = menu.addMenu("")
        self.view_menu = menu.addMenu("")
        self.help_menu = menu.addMenu("")
        self._actions_made = False
        if not actions_later:
            self.make_actions()
        self._retranslate()
        geometry = self.settings.window_state("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not lead_workspace_later:
            self.install_lead_workspace()

    def install_lead_workspace(self) -> LeadWorkspace | None:
        """Add the team lead's pages (approvals, performance, compliance, reassign) for a
        lead or administrator, once; None for an agent. They live in agentdesk.ui.lead."""
        if self.lead_workspace is None and self.context.user.is_lead:
            # Imported only for leads: its pages load modules an agent's start can do without.
            from agentdesk.ui.lead import install

            self.lead_workspace = install(self)
        return self.lead_workspace

    # ------------------------------------------------------------ actions

    def make_actions(self) -> None:
        """Put the commands into the menus, with their shortcuts (once)."""
        if self._actions_made:
            return
        self._actions_made = True
        from PySide6.QtGui import QAction, QKeySequence

        self.sync_action = QAction(self)
        self.sync_action.setShortcuts(_keys("F5"))
        self.sync_action.triggered.connect(self.sync_now)
        self.find_action = QAction(self)
        self.find_action.setShortcuts(_keys(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self.focus_search)
        self.queue_action = QAction(self)
        self.queue_action.setShortcuts(_keys("Ctrl+1"))
        self.queue_action.triggered.connect(lambda: self.tabs.setCurrentIndex(0))
        self.close_tab_action = QAction(self)
        self.close_tab_action.setShortcuts(_keys(QKeySequence.StandardKey.Close))
        self.close_tab_action.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        self.attention_action = QAction(self)
        self.attention_action.triggered.connect(self.show_attention)
        self.settings_action = QAction(self)
        self.settings_action.setShortcuts(_keys("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        self.sign_in_action = QAction(self)
        self.sign_in_action.triggered.connect(self.signInRequested)
        self.quit_action = QAction(self)
        self.quit_action.setShortcuts(_keys(QKeySequence.StandardKey.Quit))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.file_menu.addActions([self.sync_action, self.attention_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.settings_action, self.sign_in_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu.addActions([self.queue_action, self.find_action, self.close_tab_action])
        self.help_menu.addAction(self.about_action)
        self._retranslate_actions()

    def sync_now(self) -> None:
        """F5: sync now (or say why not)."""
        if not self.sync.sync_now():
            self.statusBar().showMessage(
                self.tr("Sign in again to sync: your work is kept on this computer."), 8000)

    def focus_search(self) -> None:
        """Ctrl+F: back to the queue, cursor in the search box."""
        self.tabs.setCurrentWidget(self.queue_page)
        self.queue_page.focus_search()

    def open_case(self, case_id: str) -> CaseView:
        """Show the case in its tab (opened if needed)."""
        # Imported on first use: the case view pulls in the wire models and the plan
        # engine, which the queue does not need to show (cold start).
        from agentdesk.ui.case_view import CaseView

        for index in range(1, self.tabs.count()):
            page = self.tabs.widget(index)
            if isinstance(page, CaseView) and page.case_id == case_id:
                self.tabs.setCurrentIndex(index)
                return page
        if self._spare_case_views:
            view = self._spare_case_views.pop(0)
            view.show_case(case_id)
        else:
            view = self._new_case_view(case_id)
        index = self.tabs.addTab(view, view.title())
        self.tabs.setCurrentIndex(index)
        # While the agent reads this case, build the views the next cases will open in
        # (one that stays open next to this one would otherwise be built then).
        self._spare_timer.start()  # again from now, if cases are opened in a row
        return view

    def prepare_case_views(self, delay_ms: int = START_SPARE_DELAY_MS) -> None:
        """Build the views the first cases will open in, `delay_ms` from now (the
        desktop's start calls this after the window's first paint)."""
        self._spare_timer.start(delay_ms)

    def _new_case_view(self, case_id: str) -> CaseView:
        from agentdesk.ui.case_view import CaseView

        view = CaseView(self.context, case_id, self.tabs)
        view.titleChanged.connect(lambda title, v=view: self._retitle(v, title))
        return view

    def _prepare_spare_case_view(self) -> None:
        self._spare_timer.setInterval(SPARE_VIEW_DELAY_MS)
        if len(self._spare_case_views) >= SPARE_VIEWS or not self.isVisible():
            return
        view = self._new_case_view("")  # not a tab: a child shown only once it is one
        # Styled and laid out at a tab's size now, as a view that was shown once is.
        view.ensurePolished()
        view.resize(self.queue_page.size())
        if (layout := view.layout()) is not None:
            layout.activate()
        self._spare_case_views.append(view)
        if len(self._spare_case_views) < SPARE_VIEWS:
            self._spare_timer.start()  # one view per pause: each build is a short block

    def current_case(self) -> CaseView | None:
        """The case tab shown now, if any."""
        from agentdesk.ui.case_view import CaseView

        page = self.tabs.currentWidget()
        return page if isinstance(page, CaseView) else None

    def _retitle(self, view: CaseView, title: str) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0:
            self.tabs.setTabText(index, title)

    def close_tab(self, index: int) -> None:
        """Close a case tab (the queue stays)."""
        if index <= 0:
            return
        from agentdesk.ui.case_view import CaseView

        page = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if isinstance(page, CaseView) and len(self._spare_case_views) < SPARE_VIEWS:
            # Building a case view (its form, styling, first layout) costs more than
            # showing a case in one, and agents open case after case: keep closed views
            # for the next opens. It forgets the closed case (and anything revealed).
            page.show_case("")
            self._spare_case_views.append(page)
        elif page is not None:
            page.deleteLater()

    def add_page(self, page: QWidget, title: str) -> int:
        """Add a workspace page after the queue (e.g. the team lead's)."""
        index = self.tabs.insertTab(1, page, title)
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide,
                                        None)
        return index

    def show_attention(self) -> AttentionDialog:
        """The list of changes the server did not accept."""
        from PySide6.QtCore import Qt  # not at start: see queue_model on the Qt namespace

        from agentdesk.ui.attention import AttentionDialog

        dialog = AttentionDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.caseRequested.connect(self.open_case)
        dialog.changed.connect(self.status.update_counts)
        dialog.show()
        return dialog

    def show_settings(self) -> SettingsDialog:
        """The settings dialog (modal to this window)."""
        # Dialogs are imported when first opened: each Qt class a module touches costs
        # the start a little (PySide initialises it on first use).
        from PySide6.QtCore import Qt

        from agentdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        """Version and what this is."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, self.tr("About AgentDesk"), self.tr(
            "AgentDesk %1\nThe desktop for collection agents and team leads.")
            .replace("%1", agentdesk.__version__))

    def _sync_finished(self, report: object) -> None:
        if self.context.outbox.needs_attention() and self.sync.last_report is report:
            self.statusBar().showMessage(
                self.tr("Some changes were not accepted by the server: see Needs attention."),
                10_000)

    # ------------------------------------------------------------ language and closing

    def _retranslate(self) -> None:
        user = self.context.user
        self.setWindowTitle(self.tr("AgentDesk — %1 (%2)")
                            .replace("%1", user.display_name).replace("%2", label(user.role)))
        self.tabs.setTabText(0, self.tr("My queue"))
        self.file_menu.setTitle(self.tr("&AgentDesk"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        if self._actions_made:
            self._retranslate_actions()

    def _retranslate_actions(self) -> None:
        self.sync_action.setText(self.tr("&Sync now"))
        self.find_action.setText(self.tr("&Find case"))
        self.queue_action.setText(self.tr("My &queue"))
        self.close_tab_action.setText(self.tr("&Close case"))
        self.attention_action.setText(self.tr("Needs &attention…"))
        self.settings_action.setText(self.tr("S&ettings…"))
        self.sign_in_action.setText(self.tr("Sign &in again…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About AgentDesk"))

    def paintEvent(self, event: QPaintEvent) -> None:
        # A signal, not an event filter: a filter has every event of the window handed
        # to Python while it starts (and PySide makes a class for each kind).
        super().paintEvent(event)
        self.painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_window_state("main", self.saveGeometry())
        self.settings.sync()
        self.sync.stop()
        workspaces.close_all()
        super().closeEvent(event)
