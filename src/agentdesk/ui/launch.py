"""Starting the desktop: sign in (or reopen a known session), then the main window.

`run(...)` is what `agentdesk` (and `agentdesk demo`) call. `Desktop` holds one running
session — its context, sync controller and main window — and handles "sign in again"
when the server refused the token, without closing anything the agent has open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from agentdesk.client.credentials import CredentialStore
from agentdesk.domain.vocabulary import Language
from agentdesk.ui.app import create_application
from agentdesk.ui.context import AppContext
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.session import Session, resume
from agentdesk.ui.settings import UserSettings
from agentdesk.ui.sync_controller import DEFAULT_INTERVAL_MS, SyncController


@dataclass
class LaunchOptions:
    """How the desktop was asked to start."""

    server_url: str | None = None
    language: Language | None = None
    data_dir: Path | None = None
    """Where local stores live (default: the platform's data folder)."""
    settings_path: Path | None = None
    """An INI file for the settings (default: the platform's settings store)."""
    sync_interval_ms: int = DEFAULT_INTERVAL_MS


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
        self.window = MainWindow(self.context, self.sync, settings)
        self.window.signInRequested.connect(self.sign_in_again)
        self.context.signInRequired.connect(self._token_refused)
        self._closed = False

    def show(self, *, sync: bool = True) -> None:
        """Show the main window and start syncing (at once, then on the timer)."""
        self.window.show()
        self.sync.start(now=sync)

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
        session = resume(server, username, credentials=credentials, language=language,
                         data_dir=options.data_dir, require_token=True)
        if session is not None:
            return session
    from PySide6.QtWidgets import QDialog

    from agentdesk.ui.sign_in import SignInDialog

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
    app = create_application(language)
    credentials = CredentialStore()
    session = start_session(options, settings, credentials, language)
    if session is None:
        return 1
    settings.server_url = session.server_url
    settings.last_username = session.user.username
    settings.sync()
    if options.language is None and settings.language is None:
        language = session.user.language
    return run_session(app, session, credentials=credentials, settings=settings,
                       language=language, options=options)


def run_session(app: QApplication, session: Session, *, credentials: CredentialStore,
                settings: UserSettings, language: Language, options: LaunchOptions) -> int:
    """Open the main window on a started session and run until it closes."""
    desktop = Desktop(session, credentials=credentials, settings=settings, language=language,
                      options=options)
    desktop.context.set_language(language)
    desktop.show()
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    desktop.close()
    return int(code)
