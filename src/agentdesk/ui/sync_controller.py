"""Runs the sync engine in the background: at start, on a timer, and when asked (F5).

The engine (`agentdesk.client.sync_engine`) pushes the outbox and pulls changes; it
runs on the network pool of `UiOperations`, and its progress and report come back here
by signal. The controller turns the report into session state: online/offline, "sign
in again" when the token was refused, and reloads synced scripts and policy.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from agentdesk.client.convert import utc_now
from agentdesk.ui.context import AppContext

if TYPE_CHECKING:
    from agentdesk.client.sync_engine import Progress, SyncReport

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 3 * 60 * 1000


class SyncController(QObject):
    """Background sync for one session (see module doc)."""

    started = Signal()
    progressed = Signal(str, int, int)
    """Phase ("push" or "pull"), done, total (-1 when unknown)."""
    finished = Signal(object)
    """The `SyncReport` of the sync that ended."""

    def __init__(self, context: AppContext, *, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or context)
        self.context = context
        self.running = False
        self.last_report: SyncReport | None = None
        self.last_synced_at: datetime | None = context.store.last_sync_at()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._again = False

    def start(self, *, now: bool = True) -> None:
        """Sync now (unless `now` is False) and then every interval."""
        self._timer.start()
        if now:
            self.sync_now()

    def stop(self) -> None:
        """No more timed syncs (a running one finishes)."""
        self._timer.stop()

    def sync_now(self) -> bool:
        """Start a sync unless one is running (then one more follows it). False if no API."""
        api = self.context.api
        if api is None or self.context.needs_sign_in:
            return False
        if self.running:
            self._again = True
            return True
        self.running = True
        # Imported on first sync: HTTP and the wire models are not needed to show the queue.
        from agentdesk.client.sync_engine import SyncEngine

        engine = SyncEngine(self.context.store, api, progress=self._progress,
                            credentials=self.context.credentials,
                            username=self.context.user.username)
        self.started.emit()
        self.context.ops.background(engine.sync, done=self._done, error=self._failed)
        return True

    def _progress(self, progress: Progress) -> None:
        # Called on the worker thread: the signal is queued to the GUI thread.
        total = -1 if progress.total is None else progress.total
        self.progressed.emit(progress.phase, progress.done, total)

    def _done(self, report: SyncReport) -> None:
        from agentdesk.client.sync_engine import SyncState

        self.running = False
        # Views refresh from casesChanged before anyone hears the sync ended.
        self.context.ops.flush()
        self.last_report = report
        if report.state is SyncState.SYNCED:
            self.last_synced_at = utc_now()
            self.context.set_online(True)
            if report.pulled:
                self.context.documents_changed()
        elif report.state is SyncState.SIGN_IN_REQUIRED:
            self.context.require_sign_in()
        else:
            self.context.set_online(False)
        self.finished.emit(report)
        if self._again:
            self._again = False
            self.sync_now()

    def _failed(self, error: BaseException) -> None:
        from agentdesk.client.sync_engine import SyncReport, SyncState

        log.error("sync crashed", exc_info=error)
        self._done(SyncReport(state=SyncState.FAILED, message=str(error)))
