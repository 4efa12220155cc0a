"""The sync engine: push the outbox, then pull what changed, and say how it went.

One `sync()` is a handshake, a push and a pull:

- **handshake** (`GET /sync/status`, at most every `HANDSHAKE_EVERY` seconds): an app
  too old for the server stops here with `UPGRADE_REQUIRED` (or on the 426 of the push
  or pull in between); the clock difference is measured and reported.
- **push**: the outbox in order, `push_batch` ops at a time. Each answer goes to the
  outbox (`Outbox.mark_answered`): applied and duplicate ops leave it, rejected and
  conflicting ones move to the attention list with the server's reason. An op without
  an answer (the connection dropped, the server is down) stays queued for next time —
  re-sending it is safe, the server applies an op id once.
- **pull**: pages after the saved cursor; each page is applied in one local transaction
  together with its cursor (`changes.apply_changes`), so a crash or a dropped connection
  mid-pull repeats at most one page and never skips one.

Progress goes to a callback (phase, done, of how many). A revoked or expired token
(401) stops the sync with `SIGN_IN_REQUIRED`, forgets the stored token, and leaves every
queued op queued. Nothing here touches Qt: the UI runs `sync()` in a worker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from agentdesk.client.api import (
    ApiClient,
    ApiFailure,
    Handshake,
    RequestRefused,
    ServerBusy,
    ServerUnreachable,
    SignInRequired,
    UpgradeRequired,
)
from agentdesk.client.changes import apply_changes, start_again
from agentdesk.client.credentials import CredentialStore
from agentdesk.client.outbox import Outbox, OutboxEntry
from agentdesk.client.search_keys import warm_up
from agentdesk.client.store import LocalStore
from agentdesk.protocol.auth import LoginResponse
from agentdesk.protocol.handshake import MAX_CLOCK_SKEW_SECONDS
from agentdesk.protocol.sync import OpStatus, PushResponse

log = logging.getLogger(__name__)

HANDSHAKE_EVERY = 600.0
"""Seconds a handshake's verdict and clock reading are reused by later syncs."""


class SyncState(StrEnum):
    """How the last sync ended."""

    SYNCED = "synced"
    OFFLINE = "offline"
    """The server could not be reached (or kept failing); work stays queued."""
    SIGN_IN_REQUIRED = "sign_in_required"
    UPGRADE_REQUIRED = "upgrade_required"
    FAILED = "failed"
    """The server refused a request it should not have (a bug); details in `message`."""


STATE_MESSAGES = {
    SyncState.SYNCED: ("已同步", "Up to date"),
    SyncState.OFFLINE: (
        "无法连接服务器，工作已保存在本机，恢复连接后会自动同步",
        "Cannot reach the server; your work is saved here and will sync when it is back",
    ),
    SyncState.SIGN_IN_REQUIRED: (
        "登录已失效，请重新登录；未同步的工作仍保留在本机",
        "Your session has ended; sign in again. Unsynced work stays on this computer",
    ),
    SyncState.UPGRADE_REQUIRED: (
        "请更新 AgentDesk 后再同步；未同步的工作仍保留在本机",
        "Update AgentDesk, then sync again. Unsynced work stays on this computer",
    ),
    SyncState.FAILED: ("同步失败", "Sync failed"),
}


@dataclass(frozen=True)
class Progress:
    """Where a running sync is: `phase` is "push" or "pull"; `total` may be an estimate."""

    phase: str
    done: int
    total: int | None


ProgressCallback = Callable[[Progress], None]


@dataclass
class SyncReport:
    """What one `sync()` did."""

    state: SyncState = SyncState.SYNCED
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    needs_attention: int = 0
    pulled: int = 0
    pages: int = 0
    still_queued: int = 0
    clock_skew: float | None = None
    clock_warning: bool = False
    message: str = ""
    removed_cases: list[str] = field(default_factory=list)


class SyncEngine:
    """Syncs one local store with one server."""

    def __init__(
        self,
        store: LocalStore,
        api: ApiClient,
        *,
        push_batch: int = 200,
        pull_limit: int = 2000,
        progress: ProgressCallback | None = None,
        credentials: CredentialStore | None = None,
        username: str | None = None,
    ) -> None:
        self.store = store
        self.api = api
        self.outbox = Outbox(store)
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self.progress = progress or (lambda _p: None)
        self.credentials = credentials
        self.username = username
        self.state: SyncState | None = None
        self._last_handshake: tuple[float, str, Handshake] | None = None

    # ------------------------------------------------------------ sign-in

    def sign_in(
        self, username: str, password: str, device_name: str, *, stay_signed_in: bool = True
    ) -> LoginResponse:
        """`POST /auth/login`, then keep the token (keyring, else memory; never a file)."""
        login = self.api.login(username, password, device_name)
        self.username = username
        if self.credentials is not None:
            self.credentials.save(
                self.api.base_url, username, login.token, stay_signed_in=stay_signed_in
            )
        self.state = None
        return login

    def restore_session(self, username: str) -> bool:
        """Use the stored token of `username` on this server, if there is one."""
        if self.credentials is None:
            return False
        token = self.credentials.load(self.api.base_url, username)
        self.api.token = token
        self.username = username
        return token is not None

    # ------------------------------------------------------------ the sync

    def sync(self) -> SyncReport:
        """Handshake, push, pull; never raises for network or session trouble."""
        report = SyncReport()
        try:
            shake = self._handshake()
            report.clock_skew = shake.clock_skew
            report.clock_warning = abs(shake.clock_skew) > MAX_CLOCK_SKEW_SECONDS
            self.push(report)
            self.pull(report)
            report.state = SyncState.SYNCED
        except SignInRequired as failure:
            report.state = SyncState.SIGN_IN_REQUIRED
            report.message = str(failure)
            if self.credentials is not None and self.username:
                self.credentials.forget(self.api.base_url, self.username)
            self.api.token = None
        except UpgradeRequired as failure:
            report.state = SyncState.UPGRADE_REQUIRED
            report.message = str(failure)
        except (ServerUnreachable, ServerBusy) as failure:
            report.state = SyncState.OFFLINE
            report.message = str(failure)
        except ApiFailure as failure:
            log.error("sync refused: %s (%s)", failure, failure.code)
            report.state = SyncState.FAILED
            report.message = str(failure)
        report.still_queued = self.outbox.count()
        self.state = report.state
        return report

    def _handshake(self) -> Handshake:
        # Once per HANDSHAKE_EVERY seconds, not on every sync: a sync every few minutes
        # would otherwise spend a round trip on a verdict that rarely changes. Between
        # handshakes an app too old for the server still stops, on the 426 that the push
        # or pull itself gets.
        now = time.monotonic()
        last = self._last_handshake
        if last is None or now - last[0] > HANDSHAKE_EVERY or last[1] != self.api.base_url:
            self._last_handshake = (now, self.api.base_url, self.api.handshake())
        assert self._last_handshake is not None
        return self._last_handshake[2]

    def push(self, report: SyncReport | None = None) -> SyncReport:
        """Push the whole outbox in order, a batch at a time (raises ApiFailure).

        A batch goes out only once the one before it is answered in full, so the server
        applies the ops strictly in order; but it goes out before those answers are
        written to the outbox, and the batch after it is read meanwhile, so the store's
        work overlaps the server's instead of adding to it."""
        report = report or SyncReport()
        total = self.outbox.count()
        self.progress(Progress("push", 0, total))
        device_id = self.store.device_id
        batches = self.outbox.batches(self.push_batch)
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as sender:

            def send(batch: list[OutboxEntry]) -> Future[PushResponse]:
                ops = [entry.op for entry in batch]
                answer = sender.submit(self.api.push, device_id, ops)
                # Noted while the batch is on its way (the count is for diagnostics).
                self.outbox.record_attempt(op.op_id for op in ops)
                return answer

            batch = next(batches, None)
            answer = send(batch) if batch else None
            while batch and answer:
                following = next(batches, None)  # read while this batch is on the server
                sent = {entry.op.op_id for entry in batch}
                answers = [r for r in answer.result().results if r.op_id in sent]
                complete = len(answers) == len(batch)
                # Unanswered ops stay queued: nothing runs ahead of them.
                answer = send(following) if complete and following else None
                summary = self.outbox.mark_answered(answers)
                report.pushed += len(answers)
                report.applied += sum(1 for r in answers if r.status is OpStatus.APPLIED)
                report.duplicates += sum(1 for r in answers if r.status is OpStatus.DUPLICATE)
                report.needs_attention += summary.needs_attention
                report.removed_cases.extend(summary.removed_cases)
                self.progress(Progress("push", report.pushed, total))
                batch = following
        return report

    def pull(self, report: SyncReport | None = None) -> SyncReport:
        """Pull pages until the server has nothing more (raises ApiFailure).

        The next page is fetched while this one is written (its cursor is already known),
        so the server's and the store's work overlap; pages are still applied strictly in
        order, each with its cursor in the same transaction."""
        report = report or SyncReport()
        cursor = self.store.cursor()
        restarted = False
        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as fetcher:
            ahead = fetcher.submit(self.api.pull, cursor, self.pull_limit)
            if cursor is None:
                # A first sync indexes thousands of names: load pypinyin while the
                # first page is on its way rather than inside its transaction.
                threading.Thread(target=warm_up, name="pinyin-warm-up", daemon=True).start()
            while True:
                try:
                    page, remaining = ahead.result()
                except RequestRefused as failure:
                    if failure.code == "cursor_expired" and cursor is not None and not restarted:
                        # The server pruned changes this cursor still needed: drop the
                        # server's copy (cases with unanswered ops wait) and take a
                        # fresh snapshot, so nothing removed meanwhile lingers here.
                        start_again(self.store)
                        cursor, restarted = None, True
                        ahead = fetcher.submit(self.api.pull, None, self.pull_limit)
                        continue
                    if failure.code == "invalid_cursor" and cursor is not None and not restarted:
                        # The server no longer knows this cursor (a restored database):
                        # start over from a full copy; upserts make that safe.
                        cursor, restarted = None, True
                        ahead = fetcher.submit(self.api.pull, None, self.pull_limit)
                        continue
                    raise
                if page.has_more:
                    ahead = fetcher.submit(self.api.pull, page.next_cursor, self.pull_limit)
                apply_changes(self.store, page)
                cursor = page.next_cursor
                report.pulled += page.size
                report.pages += 1
                total = report.pulled + remaining if remaining is not None else None
                self.progress(Progress("pull", report.pulled, total))
                if not page.has_more:
                    return report
