"""The sign-in dialog: server address, user name, password, "stay signed in".

Signing in runs on a worker (it waits for the server); errors are sentences in the
user's language. When the server cannot be reached and this computer already holds the
user's data, "Work offline" opens it: the work is queued and synced after the next
successful sign-in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from agentdesk.client.api import ApiFailure, RequestRefused, ServerUnreachable, SignInRequired
from agentdesk.client.credentials import CredentialStore
from agentdesk.client.paths import normalise_server_url
from agentdesk.domain.vocabulary import Language
from agentdesk.ui import session as sessions
from agentdesk.ui.app import language_switch
from agentdesk.ui.generated.ui_sign_in import Ui_SignInDialog
from agentdesk.ui.operations import TaskRunner, error_text
from agentdesk.ui.session import Session


class SignInDialog(QDialog):
    """Asks who the user is; on success `session` holds the started session."""

    def __init__(self, *, credentials: CredentialStore, language: Language,
                 server_url: str | None = None, username: str | None = None,
                 data_dir: Path | None = None, reason: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.credentials = credentials
        self.language = language
        self.data_dir = data_dir
        self.session: Session | None = None
        self.ui = Ui_SignInDialog()
        self.ui.setupUi(self)
        self._runner = TaskRunner(self)
        self.ui.serverEdit.setText(server_url or "")
        self.ui.userEdit.setText(username or "")
        self.ui.busyBar.setVisible(False)
        self.offline_button = QPushButton(self)
        self.offline_button.setVisible(False)
        self.ui.buttonRow.insertWidget(2, self.offline_button)
        self.offline_button.clicked.connect(self._work_offline)
        self.ui.signInButton.clicked.connect(self._sign_in)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.cancelButton.setAutoDefault(False)
        self.offline_button.setAutoDefault(False)
        self._retranslate()
        if reason:
            self.show_error(reason)
        for edit in (self.ui.serverEdit, self.ui.userEdit, self.ui.passwordEdit):
            if not edit.text():
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    # ------------------------------------------------------------ signing in

    def _fields(self) -> tuple[str, str, str] | None:
        server = self.ui.serverEdit.text().strip()
        user = self.ui.userEdit.text().strip()
        password = self.ui.passwordEdit.text()
        if not server:
            self.show_error(self.tr("Enter the server address your team lead gave you."),
                            self.ui.serverEdit)
            return None
        try:
            server = normalise_server_url(server)
        except ValueError:
            self.show_error(self.tr("The server address must look like "
                                    "https://agentdesk.example.com or http://host:port."),
                            self.ui.serverEdit)
            return None
        if not user:
            self.show_error(self.tr("Enter your user name."), self.ui.userEdit)
            return None
        if not password:
            self.show_error(self.tr("Enter your password."), self.ui.passwordEdit)
            return None
        return server, user, password

    def _sign_in(self) -> None:
        fields = self._fields()
        if fields is None or self._runner.busy:
            return
        server, user, password = fields
        stay = self.ui.staySignedIn.isChecked()
        self._set_busy(True)
        self.show_error("")
        self._runner.run(
            lambda: sessions.sign_in(server, user, password, stay_signed_in=stay,
                                     credentials=self.credentials, language=self.language,
                                     data_dir=self.data_dir),
            self._signed_in, self._failed)

    def _signed_in(self, session: Session) -> None:
        self._set_busy(False)
        self.session = session
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_error(self.describe(error))
        self.ui.passwordEdit.selectAll()
        unreachable = isinstance(error, ServerUnreachable)
        fields = (self.ui.serverEdit.text().strip(), self.ui.userEdit.text().strip())
        self.offline_button.setVisible(
            unreachable and sessions.known_user(*fields, data_dir=self.data_dir))

    def describe(self, error: BaseException) -> str:
        """What went wrong, as a sentence saying what to do."""
        if isinstance(error, SignInRequired):
            return self.tr("The user name or password is not right. Check them and try again.")
        if isinstance(error, ServerUnreachable):
            return self.tr("The server at %1 does not answer. Check the address and your "
                           "network.").replace("%1", self.ui.serverEdit.text().strip())
        if isinstance(error, RequestRefused) and error.status == 429:
            return self.tr("Too many attempts. Wait a minute, then try again.")
        if isinstance(error, ApiFailure):
            return str(error)
        return error_text(error, self.language)

    def _work_offline(self) -> None:
        server, user = self.ui.serverEdit.text().strip(), self.ui.userEdit.text().strip()
        session = sessions.resume(server, user, credentials=self.credentials,
                                  language=self.language, data_dir=self.data_dir)
        if session is None:
            self.show_error(self.tr("There is no saved work of this user on this computer."))
            return
        self.session = session
        self.accept()

    # ------------------------------------------------------------ look

    def show_error(self, text: str, focus: QWidget | None = None) -> None:
        """Show `text` under the fields (empty hides it)."""
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(bool(text))
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self.ui.busyBar.setVisible(busy)
        for widget in (self.ui.signInButton, self.ui.serverEdit, self.ui.userEdit,
                       self.ui.passwordEdit, self.offline_button):
            widget.setEnabled(not busy)
        if not busy:
            # Disabling the focused button moved focus (and "default") to Cancel: undo.
            self.ui.signInButton.setDefault(True)
            self.ui.passwordEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _retranslate(self) -> None:
        self.offline_button.setText(self.tr("Work &offline"))
        self.offline_button.setToolTip(self.tr(
            "Open the work saved on this computer; it is sent after you sign in again."))

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._retranslate()

    def done(self, result: int) -> None:
        self._runner.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.shutdown()
        super().closeEvent(event)
