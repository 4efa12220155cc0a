"""The session the windows share: who is signed in, where, in which language, with what data.

One `AppContext` lives for one signed-in session. Widgets read from it (the user and
role, the language, the local store and its queue, the contact policy and scripts, the
API client while online) and change data only through `context.ops`
(`agentdesk.ui.operations.UiOperations`), never by writing to the store themselves.

Signals:
- `languageChanged(str)` after the language was switched (translators are installed
  by `agentdesk.ui.app` before it fires, so `tr()` already answers in the new one);
- `connectionChanged(bool)` when the server becomes reachable or unreachable;
- `signInRequired()` when the server refused the session token (revoked, expired):
  the window shows a "sign in again" state; local work continues and waits in the outbox.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QObject, Signal

from agentdesk.client.queue import CaseQueue
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Language, Role

if TYPE_CHECKING:
    from agentdesk.client.credentials import CredentialStore
    from agentdesk.client.operations import Operations
    from agentdesk.client.outbox import Outbox
    from agentdesk.domain.compliance import Policy
    from agentdesk.domain.scripts import Script
    from agentdesk.ui.operations import UiOperations

log = logging.getLogger(__name__)


class SessionUser(NamedTuple):
    """The signed-in user as the desktop needs them.

    (A named tuple: cheaper to make at start than a frozen dataclass.)"""

    user_id: str
    username: str
    display_name: str
    role: Role
    team: str | None = None
    language: Language = Language.ZH_CN

    @property
    def is_lead(self) -> bool:
        """Leads and administrators see the lead's workspace and decide plans."""
        return self.role in (Role.LEAD, Role.ADMIN)


class AppContext(QObject):
    """One signed-in session: user, server, language, local store, API client, operations."""

    languageChanged = Signal(str)
    connectionChanged = Signal(bool)
    signInRequired = Signal()

    def __init__(
        self,
        *,
        server_url: str,
        user: SessionUser,
        store: LocalStore,
        language: Language | None = None,
        credentials: CredentialStore | None = None,
        api: Any = None,
        time_zone: str = "Asia/Shanghai",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.server_url = server_url
        self.user = user
        self.store = store
        self.language = language or user.language
        self.credentials = credentials
        self.time_zone = time_zone
        self._api = api
        self._online = api is not None
        self._needs_sign_in = False
        # The queue's reads run on the GUI thread: they are index walks of a few ms.
        self.queue = CaseQueue(store, time_zone=time_zone)
        self._client_ops: Operations | None = None
        self._outbox: Outbox | None = None
        self._policy: Policy | None = None
        self._scripts: list[Script] | None = None
        self._lock = threading.Lock()
        from agentdesk.ui.operations import UiOperations

        self.ops: UiOperations = UiOperations(self)

    # ------------------------------------------------------------ session state

    @property
    def client_ops(self) -> Operations:
        """The client-side operations; called only on the store-writer worker."""
        # Made on first use: the wire models they load are not needed to show the queue.
        if self._client_ops is None:
            from agentdesk.client.operations import Operations

            self._client_ops = Operations(self.store, user_id=self.user.user_id)
        return self._client_ops

    @property
    def outbox(self) -> Outbox:
        """The store's outbox: ops waiting, and answers that need attention."""
        if self._outbox is None:
            from agentdesk.client.outbox import Outbox

            self._outbox = Outbox(self.store)
        return self._outbox

    @property
    def role(self) -> Role:
        """The signed-in user's role."""
        return self.user.role

    @property
    def api(self) -> Any:
        """The API client (`agentdesk.client.api`), or None before sign-in / when signed out."""
        return self._api

    def set_api(self, api: Any) -> None:
        """Use `api` for network work from now on (after a (re-)sign-in)."""
        self._api = api
        self._needs_sign_in = False

    @property
    def online(self) -> bool:
        """The server answered the last time we asked (and we hold a usable token)."""
        return self._online and self._api is not None and not self._needs_sign_in

    def set_online(self, online: bool) -> None:
        """Record whether the server is reachable; announces a change."""
        if online != self._online:
            self._online = online
            self.connectionChanged.emit(self.online)

    @property
    def needs_sign_in(self) -> bool:
        """The server refused our token: the user must sign in again to sync."""
        return self._needs_sign_in

    def require_sign_in(self) -> None:
        """The token was revoked or expired: forget it and ask the user to sign in again."""
        if self._needs_sign_in:
            return
        self._needs_sign_in = True
        if self.credentials is not None:
            self.credentials.forget(self.server_url, self.user.username)
        self.signInRequired.emit()
        self.connectionChanged.emit(False)

    def set_language(self, language: Language) -> None:
        """Switch the session's language (the app installs translators and announces it)."""
        from agentdesk.ui.app import install_translators

        self.language = language
        install_translators(language)
        self.languageChanged.emit(str(language))

    # ------------------------------------------------------------ shared documents

    def contact_policy(self) -> Policy:
        """The contact policy: the one the server synced, else the shipped default."""
        with self._lock:
            if self._policy is None:
                self._policy = self._load_policy()
            return self._policy

    def _load_policy(self) -> Policy:
        from agentdesk.domain.compliance import PolicyFileError, load_policy, shipped_policy

        body = self._newest_document("contact_policy")
        if body is not None:
            try:
                return load_policy(body[1], f"{body[0]} (server)")
            except PolicyFileError as error:
                log.warning("the synced contact policy is unreadable, using the shipped one: %s",
                            error)
        return shipped_policy()

    def scripts(self) -> list[Script]:
        """The negotiation scripts: shipped ones, replaced by synced ones (same id, language)."""
        with self._lock:
            if self._scripts is None:
                self._scripts = self._load_scripts()
            return list(self._scripts)

    def _load_scripts(self) -> list[Script]:
        from agentdesk.domain.scripts import load_default_scripts
        from agentdesk.domain.scripts.files import load_script_text

        scripts = {(s.id, s.language): s for s in load_default_scripts()}
        with self.store.read() as db:
            rows = db.execute(
                "SELECT doc_id, body FROM documents d WHERE kind = 'script' AND version ="
                " (SELECT max(version) FROM documents e WHERE e.kind = d.kind"
                " AND e.doc_id = d.doc_id)"
            ).fetchall()
        for doc_id, body in rows:
            try:
                script = load_script_text(body, f"{doc_id} (server)")
            except Exception as error:  # a bad synced script must not stop calls
                log.warning("synced script %s is unreadable, keeping the shipped one: %s",
                            doc_id, error)
                continue
            scripts[(script.id, script.language)] = script
        return list(scripts.values())

    def documents_changed(self) -> None:
        """Synced scripts or policy changed: load them again when next asked."""
        with self._lock:
            self._policy = None
            self._scripts = None

    def _newest_document(self, kind: str) -> tuple[str, str] | None:
        with self.store.read() as db:
            row = db.execute(
                "SELECT doc_id, body FROM documents WHERE kind = ?"
                " ORDER BY version DESC LIMIT 1",
                (kind,),
            ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    # ------------------------------------------------------------ end

    def close(self) -> None:
        """Stop the workers (waiting for queued writes) and release the store."""
        self.ops.shutdown()
        self.queue.close()
        self.store.close()
