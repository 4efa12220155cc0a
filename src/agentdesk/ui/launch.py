"""Starting the desktop: sign in (or reopen a known session), then the main window.

`run(...)` is what `agentdesk` (and `agentdesk demo`) call. `Desktop` holds one running
session — its context, sync controller and main window — and handles "sign in again"
when the server refused the token, without closing anything the agent has open.

Cold start: a user whose last sign-in stayed signed in gets the window from the local
store first; the keyring and the HTTP client are read on a worker after the window's
first paint, and the first sync starts then (see `Desktop.show`). Nothing the first
paint does not need runs before it.

No dataclass is made on the way to that paint (`LaunchOptions`, `Session`, the store's
`WriteTx`, the queue's `Source`, the search's `NameKeys`, the `ServerAddress` and the
operations' pending tasks are plain classes or named tuples): Python makes a dataclass by
compiling its methods from source at import time, ~0.7 ms a class, and importing
`dataclasses` costs ~1.5 ms more.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from agentdesk.client.credentials import CredentialStore
from agentdesk.domain.vocabulary import Language
from agentdesk.ui.app import create_application, install_translators, set_app_icon
from agentdesk.ui.context import AppContext
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.session import Session, connect, data_folder, open_local, resume
from agentdesk.ui.settings import UserSettings
from agentdesk.ui.sync_controller import DEFAULT_INTERVAL_MS, SyncController


class LaunchOptions:
    """How the desktop was asked to start: `data_dir` is where local stores live (default:
    the platform's data folder), `settings_path` an INI file for the settings (default:
    the platform's settings store)."""

    __slots__ = ("data_dir", "language", "server_url", "settings_path", "sync_interval_ms")

    def __init__(self, server_url: str | None = None, language: Language | None = None,
                 data_dir: Path | None = None, settings_path: Path | None = None,
                 sync_interval_ms: int = DEFAULT_INTERVAL_MS) -> None:
        self.server_url = server_url
        self.language = language
        self.data_dir = data_dir
        self.settings_path = settings_path
        self.sync_interval_ms = sync_interval_ms


def _prefetch_failed(error: BaseException) -> None:
    logging.getLogger(__name__).warning("reading the queue ahead failed", exc_info=error)


def resume_collector() -> None:
    """Let Python's cyclic collector run again if the start paused it (`agentdesk` does,
    until the first paint), with what the start made frozen out of later collections."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


class Desktop(QObject):
    """One running session: context, background sync and the main window."""

    def __init__(self, session: Session, *, credentials: CredentialStore,
                 settings: UserSettings, language: Language, options: LaunchOptions) -> None:
        super().__init__()
        self.options = options
        self.credentials = credentials
        self.settings = settings
        self.context = AppContext(server_url=session.server_url, user=session.user,
                                  store=session.store, language=language,
                                  credentials=credentials, api=session.api)
        self.sync = SyncController(self.context, interval_ms=options.sync_interval_ms)
        # A lead's pages and the menus' commands are made after the first paint
        # (`_after_first_paint`).
        self.window = MainWindow(self.context, self.sync, settings, lead_workspace_later=True,
                                 actions_later=True)
        self.window.signInRequested.connect(self.sign_in_again)
        self.context.signInRequired.connect(self._token_refused)
        self._closed = False
        self._session = session
        self._sync_first = True
        self._painted = False

    def show(self, *, sync: bool = True) -> None:
        """Show the main window; once it has painted, start syncing (then on the timer).

        A session opened from local data only (`Session.token_in_keyring`, no API client
        yet) reads its token then, on a worker, and syncs when it has one."""
        self._sync_first = sync
        self.window.painted.connect(self._first_paint)
        self.window.show()
        # Should no paint come (a window opened minimised), start anyway.
        QTimer.singleShot(2000, self._after_first_paint)

    def _first_paint(self) -> None:
        self.window.painted.disconnect(self._first_paint)
        # Queued twice: runs once this paint (its children's too) and what the event loop
        # had waiting with it are done, so the frame is out before the keyring and HTTP
        # work start.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._after_first_paint))

    def _after_first_paint(self) -> None:
        if self._painted or self._closed:
            return
        self._painted = True
        resume_collector()
        self.window.make_actions()
        set_app_icon()  # not before: see create_application
        # The first case the agent opens is shown in a view built meanwhile.
        self.window.prepare_case_views()
        # The first searches should not wait for the disk (after the computer started,
        # the store's pages are not in the system's cache). Only time is at stake: a
        # failure is logged, and the search itself reports any real trouble.
        self.context.ops.background(self.context.queue.prefetch, error=_prefetch_failed)
        session = self._session
        if self.context.api is None and session.token_in_keyring:
            self.sync.start(now=False)
            credentials, url = self.credentials, session.server_url
            username, language = session.user.username, self.context.language

            def read_token() -> object:
                token = credentials.load(url, username)
                if token is None:
                    session.forget_keyring_token()
                    return None
                api = connect(url, token, language)
                # Here rather than on the GUI thread when the first sync starts.
                import agentdesk.client.sync_engine  # noqa: F401
                return api

            self.context.ops.background(read_token, done=self._token_read,
                                        error=lambda _error: self._token_read(None))
            return
        self.window.install_lead_workspace()
        self.sync.start(now=self._sync_first)

    def _token_read(self, api: object) -> None:
        if self._closed:
            if api is not None:
                api.close()  # type: ignore[attr-defined]
            return
        if api is None:
            # The keyring lost the token (cleared, locked, or revoked on a sync): sign in
            # again over the open window; cancelling keeps working offline.
            self.window.install_lead_workspace()
            self._token_refused()
            QTimer.singleShot(0, self.sign_in_again)
            return
        self.context.set_api(api)
        self.window.install_lead_workspace()  # with the API: its pages fetch figures
        self.sync.sync_now()

    def _token_refused(self) -> None:
        self.window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow",
            "Your session ended. Sign in again to sync; your work stays on this computer."))

    def sign_in_again(self) -> bool:
        """Ask for the password again; on success sync resumes with the new token."""
        from PySide6.QtWidgets import QDialog

        from agentdesk.ui.sign_in import SignInDialog

        dialog = SignInDialog(credentials=self.credentials, language=self.context.language,
                              server_url=self.context.server_url,
                              username=self.context.user.username,
                              data_dir=self.options.data_dir, parent=self.window)
        dialog.ui.userEdit.setReadOnly(True)
        dialog.ui.serverEdit.setReadOnly(True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted and dialog.session is not None
        session = dialog.session
        dialog.deleteLater()
        if not accepted or session is None:
            return False
        # The dialog opened its own handle on the same store file; ours stays in use.
        if session.store is not self.context.store:
            session.store.close()
        if session.api is not None:
            self.context.set_api(session.api)
            self.context.set_online(True)
            self.window.status.refresh()
            self.sync.sync_now()
        return True

    def close(self) -> None:
        """Close the window and end the session (waits for queued writes)."""
        if self._closed:
            return
        self._closed = True
        self.window.close()
        # A closed window must not outlive its store: delete it before the store closes.
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.sync.stop()
        self.context.close()
        api = self.context.api
        if api is not None:
            api.close()


def start_session(options: LaunchOptions, settings: UserSettings,
                  credentials: CredentialStore, language: Language,
                  parent: QWidget | None = None) -> Session | None:
    """The last user's session if its token is still stored, else whatever sign-in gives."""
    server = options.server_url or settings.server_url
    username = settings.last_username
    if server and username:
        # Stayed signed in: open from the local store now, the token is read after the
        # window has painted (`Desktop.show`).
        session = open_local(server, username, data_dir=options.data_dir)
        if session is not None:
            if session.token_in_keyring:
                return session
            session.store.close()
        session = resume(server, username, credentials=credentials, language=language,
                         data_dir=options.data_dir, require_token=True)
        if session is not None:
            return session
    from PySide6.QtWidgets import QDialog

    from agentdesk.ui.sign_in import SignInDialog

    set_app_icon()
    resume_collector()  # the user may take a while
    dialog = SignInDialog(credentials=credentials, language=language, server_url=server,
                          username=username, data_dir=options.data_dir, parent=parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    session = dialog.session if accepted else None
    dialog.deleteLater()
    return session


def run(options: LaunchOptions) -> int:
    """The desktop program: returns the process exit code."""
    settings = UserSettings(options.settings_path)
    language = options.language or settings.language or Language.ZH_CN
    # The icon follows the first window (the sign-in dialog, else the main window's
    # first paint): see create_application.
    app = create_application(language, icon=False)
    if options.data_dir is None:
        options.data_dir = data_folder()
    credentials = CredentialStore()
    session = start_session(options, settings, credentials, language)
    if session is None:
        return 1
    # Written only when they changed: an unchanged start writes no settings file.
    if settings.server_url != session.server_url:
        settings.server_url = session.server_url
    if settings.last_username != session.user.username:
        settings.last_username = session.user.username
    if options.language is None and settings.language is None:
        language = session.user.language
    return run_session(app, session, credentials=credentials, settings=settings,
                       language=language, options=options)


def run_session(app: QApplication, session: Session, *, credentials: CredentialStore,
                settings: UserSettings, language: Language, options: LaunchOptions) -> int:
    """Open the main window on a started session and run until it closes."""
    # The session's language (a user's own, when the settings name none) before the
    # window is built: it is then built in it, not built and translated again.
    install_translators(language)
    desktop = Desktop(session, credentials=credentials, settings=settings, language=language,
                      options=options)
    desktop.context.set_language(language)
    desktop.show()
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    desktop.close()
    return int(code)
