"""Settings: the language (switched live) and the server address.

Each setting loads from `UserSettings` and saves back on OK (Picard's load()/save()).
The language applies at once: translators are swapped and every open window
retranslates itself (`agentdesk.ui.app.language_switch`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from agentdesk.client.paths import normalise_server_url
from agentdesk.domain.vocabulary import Language
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_settings import Ui_SettingsDialog
from agentdesk.ui.settings import UserSettings

# Each language is named in itself, so anyone can find theirs whatever is shown now.
LANGUAGE_NAMES = {Language.ZH_CN: "中文（简体）", Language.EN: "English"}


class SettingsDialog(QDialog):
    """The user's settings."""

    def __init__(self, context: AppContext, settings: UserSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.settings = settings
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        for language, name in LANGUAGE_NAMES.items():
            self.ui.languageCombo.addItem(name, str(language))
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.errorLabel.setVisible(False)
        self.load()

    def load(self) -> None:
        """Show the current values."""
        index = self.ui.languageCombo.findData(str(self.context.language))
        self.ui.languageCombo.setCurrentIndex(max(index, 0))
        self.ui.serverEdit.setText(self.settings.server_url or self.context.server_url)

    def save(self) -> bool:
        """Keep the values and apply the language; False (with a sentence) if one is wrong."""
        server = self.ui.serverEdit.text().strip()
        try:
            server = normalise_server_url(server)
        except ValueError:
            self.ui.errorLabel.setText(self.tr(
                "The server address must look like https://agentdesk.example.com "
                "or http://host:port."))
            self.ui.errorLabel.setVisible(True)
            self.ui.serverEdit.setFocus()
            return False
        self.settings.server_url = server
        language = Language(self.ui.languageCombo.currentData())
        self.settings.language = language
        self.settings.sync()
        if language is not self.context.language:
            self.context.set_language(language)
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
