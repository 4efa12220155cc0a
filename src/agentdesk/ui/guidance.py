"""The guidance panel: the negotiation script walked live during a call.

The panel shows the walk's current step (its words already rendered with the case's data
by the script engine), one button per answer the borrower may give, the disclosure tick
that must be given before going on, and — always at hand — the branches (de-escalation,
hardship, dispute, complaint, "stop calling me") and the script's objection handlers.
The third-party switch hands the walk to its third-party flow; from then on the engine
renders no debt detail and the panel tells the workspace to hide its own.

Every decision (what comes next, what may be said) is the walk's; the panel only shows
it and forwards clicks with the time from the injected clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from agentdesk.domain.errors import DomainError
from agentdesk.domain.scripts import NEXT, BranchKind, Walk
from agentdesk.domain.vocabulary import Language, Mood
from agentdesk.ui import labels
from agentdesk.ui.app import language_switch
from agentdesk.ui.generated.ui_guidance_panel import Ui_GuidancePanel

_CONTEXT = "GuidancePanel"
# The third-party branch is the switch at the top, not a button among these.
BRANCH_LABELS = {
    BranchKind.DEESCALATION: QT_TRANSLATE_NOOP("GuidancePanel", "Calm things down"),
    BranchKind.HARDSHIP: QT_TRANSLATE_NOOP("GuidancePanel", "Hardship"),
    BranchKind.DISPUTE: QT_TRANSLATE_NOOP("GuidancePanel", "Disputes the debt"),
    BranchKind.COMPLAINT: QT_TRANSLATE_NOOP("GuidancePanel", "Wants to complain"),
    BranchKind.CEASE_REQUEST: QT_TRANSLATE_NOOP("GuidancePanel", "\"Stop calling me\""),
    BranchKind.VOICEMAIL: QT_TRANSLATE_NOOP("GuidancePanel", "Voicemail: leave a message"),
}
STEP_TITLES = {
    "say": QT_TRANSLATE_NOOP("GuidancePanel", "Say"),
    "disclosure": QT_TRANSLATE_NOOP("GuidancePanel", "Mandatory disclosure — read it out"),
    "question": QT_TRANSLATE_NOOP("GuidancePanel", "Ask"),
    "offer": QT_TRANSLATE_NOOP("GuidancePanel", "Offer"),
    "end": QT_TRANSLATE_NOOP("GuidancePanel", "Close the call"),
}
_ERROR_STYLE = "color: #b42318;"
_NOTE_STYLE = "color: #57606a; font-style: italic;"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class GuidancePanel(QWidget):
    """Shows one walk and forwards the agent's clicks to it."""

    thirdPartyChanged = Signal(bool)
    """A third party is on the line: hide every debt detail."""
    outcomeReached = Signal(object)
    """The walk reached an ending (`CallOutcome`)."""
    stepChanged = Signal()
    offerChosen = Signal(object)
    """The agent wants to work out an offer (`PlanOffer`) in the plan calculator."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.ui = Ui_GuidancePanel()
        self.ui.setupUi(self)
        self.walk: Walk | None = None
        self.title = ""
        self._clock: Callable[[], datetime] | None = None
        self._language = Language.EN
        self._error = ""
        # The words to say are what the agent reads under pressure: make them easy to read.
        self.ui.stepText.setStyleSheet("font-size: 15px; line-height: 140%;")
        self.ui.disclosureCheck.toggled.connect(self._confirm)
        self.ui.thirdPartyCheck.toggled.connect(self._third_party_toggled)
        self._show()

    def start(
        self, walk: Walk | None, title: str, clock: Callable[[], datetime], language: Language
    ) -> None:
        """Walk `walk` (None: no script fits the case; the agent speaks freely)."""
        self.walk = walk
        self.title = title
        self._clock = clock
        self._language = language
        self._show()

    def show_loading(self) -> None:
        """The call is on; its script is still being loaded."""
        self.ui.stepGroup.setTitle(self.tr("Loading the script…"))
        self.ui.stepText.clear()
        for widget in (self.ui.offersLabel, self.ui.disclosureCheck, self.ui.branchesGroup,
                       self.ui.objectionsGroup):
            widget.hide()

    @property
    def third_party(self) -> bool:
        """Whether the call is now with a third party."""
        return self.ui.thirdPartyCheck.isChecked()

    # ------------------------------------------------------------ acting on the walk

    def _now(self) -> datetime:
        assert self._clock is not None
        return self._clock()

    def _act(self, action: Callable[[Walk], None]) -> None:
        if self.walk is None or self.walk.finished:
            return
        try:
            action(self.walk)
        except DomainError as error:
            self._error = error.message(self._language)
        else:
            self._error = ""
        self._show()
        self.stepChanged.emit()
        if self.walk.outcome is not None:
            self.outcomeReached.emit(self.walk.outcome)

    def answer(self, choice_id: str) -> None:
        """Record the borrower's answer (or go on from a say/disclosure step)."""
        self._act(lambda walk: walk.choose(choice_id, self._now()))

    def open_branch(self, kind: BranchKind) -> None:
        """Open an always-available branch."""
        self._act(lambda walk: walk.open_branch(kind, self._now()))

    def raise_objection(self, objection_id: str) -> None:
        """Open the handler of one of the script's objections."""
        self._act(lambda walk: walk.raise_objection(objection_id, self._now()))

    def mark_mood(self, mood: Mood) -> None:
        """The agent marked the borrower's mood (an upset borrower leads to de-escalation)."""
        self._act(lambda walk: walk.mark_mood(mood, self._now()))

    def _confirm(self, checked: bool) -> None:
        if not checked or self.walk is None:
            return
        view = self.walk.view() if not self.walk.finished else None
        if view is not None and view.needs_confirmation:
            self._act(lambda walk: walk.confirm_disclosure(self._now()))

    def _third_party_toggled(self, checked: bool) -> None:
        if not checked:
            return
        # One way only, as in the engine: a stranger never gets the borrower's script back.
        self.ui.thirdPartyCheck.setEnabled(False)
        if self.walk is not None and not self.walk.finished and not self.walk.third_party:
            self._act(lambda walk: walk.switch_to_third_party(self._now()))
        else:
            self._show()
        self.thirdPartyChanged.emit(True)

    # ------------------------------------------------------------ showing the walk

    def _clear(self, layout: object) -> None:
        from PySide6.QtWidgets import QLayout

        assert isinstance(layout, QLayout)
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # The clicked button is still in its own signal: hide now, delete later.
                widget.hide()
                widget.setObjectName("")
                widget.deleteLater()

    @staticmethod
    def _clicked(action: Callable[[Any], None], value: Any, _checked: bool = False) -> None:
        # `clicked` passes `checked`; the action wants the answer, branch or objection.
        action(value)

    def _button(self, text: str, name: str, slot: Callable[..., None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _show(self) -> None:
        ui = self.ui
        self._clear(ui.answersLayout)
        self._clear(ui.branchesLayout)
        self._clear(ui.objectionsLayout)
        ui.scriptTitleLabel.setText(f"<b>{self.title}</b>" if self.title else "")
        walk = self.walk
        if walk is None:
            ui.stepGroup.setTitle(self.tr("No script"))
            ui.stepText.setText(
                self.tr("No script fits this case. Speak freely, and record the outcome.")
            )
            ui.noteLabel.clear()
            ui.offersLabel.hide()
            ui.disclosureCheck.hide()
            ui.branchesGroup.hide()
            ui.objectionsGroup.hide()
            return
        view = walk.view()
        ui.stepGroup.setTitle(_tr(str(STEP_TITLES.get(view.kind, "Say"))))
        ui.stepText.setText(view.text or "")
        note = self._error or view.note or ""
        ui.noteLabel.setText(note)
        ui.noteLabel.setStyleSheet(_ERROR_STYLE if self._error else _NOTE_STYLE)
        ui.offersLabel.setVisible(bool(view.offers))
        ui.offersLabel.setText(self.tr("Work out an offer in the plan calculator:"))
        for offer in view.offers:
            button = self._button(
                f"▸ {offer.label}", f"offer_{offer.id}",
                partial(self._clicked, self.offerChosen.emit, offer),
            )
            button.setStyleSheet("text-align: left; padding: 3px 8px;")
            ui.answersLayout.addWidget(button)
        ui.disclosureCheck.setVisible(view.kind == "disclosure")
        ui.disclosureCheck.blockSignals(True)
        ui.disclosureCheck.setChecked(view.kind == "disclosure" and not view.needs_confirmation)
        ui.disclosureCheck.setEnabled(view.needs_confirmation)
        ui.disclosureCheck.blockSignals(False)
        if walk.outcome is not None:
            result = labels.label(walk.outcome.result)
            ui.answersLayout.addWidget(
                self._outcome_label(self.tr("Script ended: %1").replace("%1", result))
            )
        for choice in view.choices:
            if choice.id == NEXT:
                button = self._button(
                    self.tr("Next"), "answer_next", partial(self._clicked, self.answer, NEXT)
                )
                button.setEnabled(not view.needs_confirmation)
            else:
                button = self._button(
                    choice.label,
                    f"answer_{choice.id}",
                    partial(self._clicked, self.answer, choice.id),
                )
            ui.answersLayout.addWidget(button)
        branches = [k for k in walk.available_branches() if k is not BranchKind.THIRD_PARTY]
        for n, kind in enumerate(branches):
            button = self._button(
                # A branch kind newer than this panel still gets a button, by its name.
                _tr(str(BRANCH_LABELS.get(kind, kind.value.replace("_", " ")))),
                f"branch_{kind.value}",
                partial(self._clicked, self.open_branch, kind),
            )
            ui.branchesLayout.addWidget(button, n // 3, n % 3)
        ui.branchesGroup.setVisible(bool(branches))
        objections = walk.available_objections()
        for objection in objections:
            ui.objectionsLayout.addWidget(
                self._button(
                    objection.label, f"objection_{objection.id}",
                    partial(self._clicked, self.raise_objection, objection.id),
                )
            )
        ui.objectionsGroup.setVisible(bool(objections))

    def _outcome_label(self, text: str) -> QWidget:
        from PySide6.QtWidgets import QLabel

        label = QLabel(text, self)
        label.setObjectName("outcomeLabel")
        label.setStyleSheet("font-weight: 600;")
        return label

    def shown_text(self) -> str:
        """Everything the panel shows in words (for tests and screen readers)."""
        ui = self.ui
        parts = [ui.scriptTitleLabel.text(), ui.noteLabel.text(), ui.stepText.text(),
                 ui.offersLabel.text()]
        for layout in (ui.answersLayout, ui.branchesLayout, ui.objectionsLayout):
            for i in range(layout.count()):
                item = layout.itemAt(i)
                widget = item.widget() if item is not None else None
                if widget is not None and hasattr(widget, "text"):
                    parts.append(widget.text())
        return "\n".join(p for p in parts if p)

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._show()
