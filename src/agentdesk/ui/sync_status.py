"""The status bar's sync corner: online or not, ops waiting, last sync, progress, attention.

Everything here is read from the store (cheap counts) when the store or the sync
announces a change; the widget never asks the network itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.sync_controller import SyncController

if TYPE_CHECKING:
    from agentdesk.client.sync_engine import SyncReport

_ONLINE = "color: #1e6b34;"
_OFFLINE = "color: #8a5a00;"
_ATTENTION = "color: #b3261e; font-weight: 600;"


class SyncStatus(QWidget):
    """Connection, queued work, last sync, progress and the attention button."""

    attentionRequested = Signal()
    signInRequested = Signal()

    def __init__(self, context: AppContext, sync: SyncController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.sync = sync
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(14)
        self.attention_button = QPushButton(self)
        self.attention_button.setFlat(True)
        self.attention_button.setStyleSheet(_ATTENTION)
        self.attention_button.clicked.connect(self.attentionRequested)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.clicked.connect(self.signInRequested)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(140)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        self.ops_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.connection_label = QLabel(self)
        for widget in (self.attention_button, self.sign_in_button, self.progress,
                       self.ops_label, self.last_sync_label, self.connection_label):
            layout.addWidget(widget)
        context.ops.casesChanged.connect(self.update_counts)
        context.connectionChanged.connect(self.update_connection)
        context.signInRequired.connect(self.update_connection)
        sync.started.connect(self._started)
        sync.progressed.connect(self._progressed)
        sync.finished.connect(self._finished)
        self.sign_in_button.setText(self.tr("Sign in again…"))
        self.update_connection()
        # Counting queued ops loads the outbox's wire models: after the window shows. A
        # timer of this widget's own (it goes with the widget): QTimer.singleShot with a
        # receiver has PySide make its QMetaMethod class, with enums, before the paint.
        self._counts_later = QTimer(self)
        self._counts_later.setSingleShot(True)
        self._counts_later.timeout.connect(self._retranslate)
        self._counts_later.start(300)

    def refresh(self) -> None:
        """Show everything again."""
        self.update_connection()
        self.update_counts()
        self._show_last_sync()

    def update_connection(self, *_: object) -> None:
        """Online, offline, or "sign in again"."""
        needs_sign_in = self.context.needs_sign_in or self.context.api is None
        self.sign_in_button.setVisible(needs_sign_in)
        if needs_sign_in:
            self.connection_label.setText(self.tr("Not signed in"))
            self.connection_label.setStyleSheet(_OFFLINE)
            self.connection_label.setToolTip(self.tr(
                "Your session ended. Your work is kept here; sign in again to send it."))
        elif self.context.online:
            self.connection_label.setText("● " + self.tr("Online"))
            self.connection_label.setStyleSheet(_ONLINE)
            self.connection_label.setToolTip(self.context.server_url)
        else:
            self.connection_label.setText("● " + self.tr("Offline"))
            self.connection_label.setStyleSheet(_OFFLINE)
            self.connection_label.setToolTip(self.tr(
                "The server cannot be reached. Your work is saved here and sent when it is "
                "back."))

    def update_counts(self, *_: object) -> None:
        """Ops waiting and items needing attention."""
        waiting = self.context.outbox.count()
        self.ops_label.setText(self.tr("%n change(s) waiting to sync", "", waiting)
                               if waiting else self.tr("Nothing waiting to sync"))
        attention = len(self.context.outbox.needs_attention())
        self.attention_button.setVisible(attention > 0)
        self.attention_button.setText("⚠ " + self.tr("%n need(s) attention", "", attention))

    def _show_last_sync(self) -> None:
        when = self.sync.last_synced_at
        self.last_sync_label.setText(
            self.tr("Last sync: %1").replace("%1", formatting.moment(when, self.context.time_zone))
            if when else self.tr("Not synced yet"))

    def _started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.last_sync_label.setText(self.tr("Syncing…"))

    def _progressed(self, phase: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.last_sync_label.setText(
            self.tr("Sending changes…") if phase == "push" else self.tr("Receiving updates…"))

    def _finished(self, report: SyncReport) -> None:
        self.progress.setVisible(False)
        self._show_last_sync()
        if report.state == "upgrade_required":
            self.last_sync_label.setText(self.tr("Update AgentDesk to sync again"))
        self.refresh_after_sync()

    def refresh_after_sync(self) -> None:
        """Counts and connection after a sync ended."""
        self.update_connection()
        self.update_counts()

    def _retranslate(self) -> None:
        self.sign_in_button.setText(self.tr("Sign in again…"))
        self.refresh()

