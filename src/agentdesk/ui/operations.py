"""The one place the desktop changes data: every write and every network call goes here.

Like Anki's `CollectionOp`: a widget asks for a change, the change runs off the GUI
thread, its result (or error) comes back on the GUI thread through a callback, and the
store's "these cases changed" announcement becomes one Qt signal, `casesChanged(list)`,
that every view refreshes from — views never call each other to say "reload".

- `write(fn, done=, error=)`: `fn(client_ops)` runs on the **store-writer worker**, a
  pool of exactly one thread, so the user's own changes are applied one at a time in the
  order they were asked for (each is one local transaction: store + outbox op).
- `in_writer(fn, ...)`: other store work that must not run on the GUI thread
  (acknowledging attention items, bulk reads for exports) on the same worker.
- `network(fn, done=, error=)`: `fn(api)` runs on the **network pool**; sync runs here
  too (its store writes take the store's write lock, so they serialise with ours).

Callbacks run on the GUI thread. An error without an `error` callback is announced as
`failed(sentence)` in the user's language (the status bar shows it).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from agentdesk.domain.vocabulary import Language

if TYPE_CHECKING:
    from agentdesk.client.operations import Operations
    from agentdesk.ui.context import AppContext

T = TypeVar("T")
log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]

_NETWORK_THREADS = 3
# Many pages of a sync each announce their cases; views refresh once per burst.
_COALESCE_MS = 40


class _Relay(QObject):
    """Lives on the GUI thread; workers emit through it (queued across threads)."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    storeChanged = Signal(object)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, task_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay = relay
        self._task_id = task_id
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # every failure goes back to the GUI thread
            self._relay.failed.emit(self._task_id, error)
        else:
            self._relay.finished.emit(self._task_id, result)


class _Pending(NamedTuple):  # no dataclass on the way to the first paint: see ui.launch
    done: Done | None
    error: Failed | None
    kind: str


class UiOperations(QObject):
    """Runs the session's writes and network calls off the GUI thread (see module doc)."""

    casesChanged = Signal(list)
    """Ids of cases whose local data changed (by the user, or by a sync), sorted."""
    busyChanged = Signal(bool)
    """True while any write or network task is queued or running."""
    failed = Signal(str)
    """A task failed and nobody handled it: a sentence for the status bar."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.context = context
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._relay.storeChanged.connect(self._store_changed)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(_NETWORK_THREADS)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._changed: set[str] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(_COALESCE_MS)
        self._flush.timeout.connect(self._announce)
        self._closed = False
        # The store calls this from whichever thread committed; the relay queues it here.
        self._unsubscribe = context.store.subscribe(
            lambda ids: self._relay.storeChanged.emit(ids)
        )

    # ------------------------------------------------------------ asking for work

    def write(self, fn: Callable[[Operations], T], *, done: Callable[[T], None] | None = None,
              error: Failed | None = None) -> int:
        """Run `fn(client_ops)` on the store-writer worker; `done(result)` on the GUI thread."""
        ops = self.context.client_ops
        return self._submit(self._writer, lambda: fn(ops), done, error, "write")

    def in_writer(self, fn: Callable[[], T], *, done: Callable[[T], None] | None = None,
                  error: Failed | None = None) -> int:
        """Run other store work `fn()` on the store-writer worker."""
        return self._submit(self._writer, fn, done, error, "write")

    def network(self, fn: Callable[[Any], T], *, done: Callable[[T], None] | None = None,
                error: Failed | None = None) -> int:
        """Run `fn(api)` on the network pool; fails at once when there is no API client."""
        api = self.context.api
        if api is None:
            return self._submit(self._network, _offline, done, error, "network")
        return self._submit(self._network, lambda: fn(api), done, error, "network")

    def background(self, fn: Callable[[], T], *, done: Callable[[T], None] | None = None,
                   error: Failed | None = None) -> int:
        """Run a slow read-only `fn()` (no store writes) on the network pool."""
        return self._submit(self._network, fn, done, error, "network")

    @property
    def busy(self) -> bool:
        """Some task is queued or running."""
        return bool(self._pending)

    def pending_count(self, kind: str | None = None) -> int:
        """How many tasks (of `kind`: "write" or "network") are queued or running."""
        return sum(1 for p in self._pending.values() if kind is None or p.kind == kind)

    # ------------------------------------------------------------ plumbing

    def _submit(self, pool: QThreadPool, fn: Callable[[], Any], done: Done | None,
                error: Failed | None, kind: str) -> int:
        if self._closed:
            raise RuntimeError("the session is closed")
        task_id = next(self._ids)
        was_busy = self.busy
        self._pending[task_id] = _Pending(done, error, kind)
        pool.start(_Job(self._relay, task_id, fn))
        if not was_busy:
            self.busyChanged.emit(True)
        return task_id

    @Slot(int, object)
    def _finished(self, task_id: int, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        try:
            if pending is not None and pending.done is not None:
                pending.done(result)
        finally:
            self._maybe_idle()

    @Slot(int, object)
    def _failed(self, task_id: int, error: object) -> None:
        pending = self._pending.pop(task_id, None)
        assert isinstance(error, BaseException)
        try:
            if pending is not None and pending.error is not None:
                pending.error(error)
            else:
                log.warning("background task failed", exc_info=error)
                self.failed.emit(error_text(error, self.context.language))
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._pending:
            self.busyChanged.emit(False)

    @Slot(object)
    def _store_changed(self, ids: object) -> None:
        assert isinstance(ids, frozenset)
        self._changed.update(ids)
        if not self._flush.isActive():
            self._flush.start()

    def _announce(self) -> None:
        if self._changed:
            changed, self._changed = sorted(self._changed), set()
            self.casesChanged.emit(changed)

    def flush(self) -> None:
        """Announce pending case changes now (tests, and before closing)."""
        self._flush.stop()
        self._announce()

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Refuse new work and wait for queued writes and network calls to finish."""
        if self._closed:
            return
        self._closed = True
        self._unsubscribe()
        self._writer.waitForDone(timeout_ms)
        self._network.waitForDone(timeout_ms)
        # Deliver what the workers queued for us, so no callback is left dangling.
        QCoreApplication.sendPostedEvents(self._relay)
        self._flush.stop()
        self._pending.clear()


class OfflineError(ConnectionError):
    """There is no API client: signed out, or the token needs a new sign-in."""


def _offline() -> Any:
    raise OfflineError("not connected to the server")


def error_text(error: BaseException, language: Language) -> str:
    """A sentence for a person about `error`, in `language`, saying what to do next."""
    # Imported here: the window's start needs the operations, not the domain's errors.
    from agentdesk.domain.errors import DomainError

    zh = language is Language.ZH_CN
    if isinstance(error, DomainError):
        return error.message(language)
    message_zh = getattr(error, "message_zh", None)
    message_en = getattr(error, "message_en", None)
    if isinstance(message_zh, str) and isinstance(message_en, str):
        return message_zh if zh else message_en
    if isinstance(error, OfflineError):
        return QCoreApplication.translate(
            "Errors", "You are offline. Your work is saved and will be sent when the "
            "connection is back.")
    if isinstance(error, ConnectionError | TimeoutError | OSError):
        return QCoreApplication.translate(
            "Errors", "The server cannot be reached. Check the network and the server "
            "address, then try again.")
    return QCoreApplication.translate(
        "Errors", "Something went wrong: %1. Try again; if it keeps happening, tell your "
        "team lead.").replace("%1", str(error) or type(error).__name__)


class TaskRunner(QObject):
    """A worker of its own, for windows that work before a session exists (sign-in).

    `run(fn, done, error)`: `fn()` on the worker, `done(result)` or `error(exc)` on the
    GUI thread. `shutdown()` waits for the running task.
    """

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}

    def run(self, fn: Callable[[], T], done: Callable[[T], None], error: Failed) -> None:
        """Run `fn()` off the GUI thread."""
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(done, error, "task")
        self._pool.start(_Job(self._relay, task_id, fn))

    @property
    def busy(self) -> bool:
        """A task is queued or running."""
        return bool(self._pending)

    @Slot(int, object)
    def _finished(self, task_id: int, result: object) -> None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and pending.done is not None:
            pending.done(result)

    @Slot(int, object)
    def _failed(self, task_id: int, error: object) -> None:
        pending = self._pending.pop(task_id, None)
        assert isinstance(error, BaseException)
        if pending is not None and pending.error is not None:
            pending.error(error)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Wait for queued tasks, then deliver their results."""
        self._pool.waitForDone(timeout_ms)
        QCoreApplication.sendPostedEvents(self._relay)
