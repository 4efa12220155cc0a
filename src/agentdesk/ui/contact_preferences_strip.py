"""Where the contact-preferences dialog opens from: the case view and the call outcome.

`ContactPreferencesStrip` is the line under the case's contact points that says what the
borrower said about contact (what is in force), with the button that opens the dialog.
`CallOutcomePreferencesButton` opens the same dialog from the call outcome, with "said
on a call" as the source.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from agentdesk.client.casefile import CaseFile
from agentdesk.domain.compliance.preferences import PreferenceSource
from agentdesk.ui.app import language_switch
from agentdesk.ui.contact_preferences import ContactPreferencesDialog, describe, in_force
from agentdesk.ui.context import AppContext
from agentdesk.ui.look import regular

_QUIET = QColor("#51565e")


class ContactPreferencesStrip(QWidget):
    """Under the case's contact points: what the borrower said, and the button to record."""

    def __init__(self, context: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.case_id = case_id
        self.dialog: ContactPreferencesDialog | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.open_dialog)
        # Regular weight inside the bold-titled contact box.
        self.setFont(regular(self.font()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self._retranslate()

    def _retranslate(self) -> None:
        self.button.setText(self.tr("Contact &preferences…"))
        self.button.setToolTip(
            self.tr(
                "Record a channel opt-out, an employer that forbids contact, or times the "
                "borrower said are inconvenient"
            )
        )

    def show_for(self, case_file: CaseFile | None) -> None:
        """Show what is in force for the case's borrower (called when the case reloads)."""
        self.button.setEnabled(case_file is not None)
        if case_file is None:
            self.summary.clear()
            return
        rows = in_force(self.context, case_file)
        # Tinted through the palette: a style sheet would give the label Qt's slower
        # style-sheet style and a repolish on each case shown.
        palette = QPalette()  # sets nothing: the parent decides the rest
        if not rows:
            palette.setColor(QPalette.ColorRole.WindowText, _QUIET)
            self.summary.setPalette(palette)
            self.summary.setText(self.tr("No contact preferences recorded."))
            return
        self.summary.setPalette(palette)
        self.summary.setText("\n".join(f"• {describe(r, case_file)}" for r in rows))

    def open_dialog(self) -> ContactPreferencesDialog:
        """Open the dialog for this case (sources default to "said on a call")."""
        dialog = ContactPreferencesDialog(self.context, self.case_id, self)
        dialog.setModal(True)
        dialog.show()
        self.dialog = dialog
        return dialog



class CallOutcomePreferencesButton(QPushButton):
    """In the call outcome: record what the borrower said about contact on this call."""

    def __init__(self, context: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.case_id = case_id
        self.dialog: ContactPreferencesDialog | None = None
        self.clicked.connect(self.open_dialog)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setText(self.tr("Borrower's contact &preferences…"))
        self.setToolTip(self.tr(
            "The borrower asked not to be called at work, opted out of a channel, or named "
            "times that are inconvenient: record it here"))

    def open_dialog(self) -> ContactPreferencesDialog:
        """Open the dialog with "said on a call" as the source."""
        dialog = ContactPreferencesDialog(
            self.context, self.case_id, self.window(), source=PreferenceSource.CALL
        )
        dialog.setModal(True)
        dialog.show()
        self.dialog = dialog
        return dialog

