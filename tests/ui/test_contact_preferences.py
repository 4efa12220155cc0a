"""Recording what the borrower said about contact, with real widgets on a real store.

The case view's strip and dialog, keyboard only where an agent would type; the call
workspace then honours what was recorded. The telephony handler is the one stand-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from agentdesk.client.contact_preferences import ContactPreferences
from agentdesk.client.outbox import Outbox
from agentdesk.client.preference_rows import stated_for_borrower
from agentdesk.domain.compliance.preferences import PreferenceKind, PreferenceSource
from agentdesk.domain.vocabulary import Channel, Language
from agentdesk.protocol.ops import (
    ContactPreferenceClearOp,
    ContactPreferenceRecord,
    ContactPreferenceRecordOp,
)
from agentdesk.ui.app import install_translators
from agentdesk.ui.call_workspace import CallWorkspace
from agentdesk.ui.case_view import CaseView
from agentdesk.ui.contact_preferences import ContactPreferencesDialog
from tests.ui.call_plan_cases import SeededCase, make_context, seed_case

MORNING = datetime(2026, 11, 30, 1, 30, tzinfo=UTC)  # Monday 09:30 in Shanghai


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    ctx = make_context(tmp_path, MORNING, language=Language.EN)
    yield ctx
    ctx.close()


@pytest.fixture
def case(context: Any) -> SeededCase:
    return seed_case(context.store)


@pytest.fixture
def dialled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: urls.append(url.toString()) or True))
    return urls


def _dialog(qtbot: QtBot, view: CaseView) -> ContactPreferencesDialog:
    qtbot.mouseClick(view.preferences.button, Qt.MouseButton.LeftButton)
    dialog = view.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    return dialog


def test_an_opt_out_recorded_in_the_case_view_is_queued_shown_and_cleared(
    qtbot: QtBot, context: Any, case: SeededCase
) -> None:
    view = CaseView(context, case.case_id)
    qtbot.addWidget(view)
    view.show()
    assert view.preferences.summary.text() == "No contact preferences recorded."
    dialog = _dialog(qtbot, view)
    ui = dialog.ui
    ui.optOutChannel.setCurrentIndex(ui.optOutChannel.findData("sms"))
    ui.sourceCombo.setCurrentIndex(ui.sourceCombo.findData("message"))
    qtbot.keyClicks(ui.noteEdit, "replied STOP")
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return)  # Enter in a field records nothing
    assert Outbox(context.store).pending() == [] and dialog.isVisible()
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.mouseClick(ui.addOptOutButton, Qt.MouseButton.LeftButton)
    [entry] = Outbox(context.store).pending()
    assert isinstance(entry.op, ContactPreferenceRecordOp)
    payload = entry.op.payload
    assert (payload.kind, payload.channel, payload.source, payload.note) == (
        PreferenceKind.CHANNEL_OPT_OUT, Channel.SMS, PreferenceSource.MESSAGE, "replied STOP")
    assert ui.statementsList.count() == 1
    assert ui.statementsList.item(0).text().startswith(
        "No SMS — all of the borrower's own contact points")
    assert "(waiting to sync)" in ui.statementsList.item(0).text()
    qtbot.waitUntil(lambda: "No SMS" in view.preferences.summary.text(), timeout=5000)

    ui.statementsList.setCurrentRow(0)
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.mouseClick(ui.clearButton, Qt.MouseButton.LeftButton)
    assert isinstance(Outbox(context.store).pending()[-1].op, ContactPreferenceClearOp)
    assert ui.statementsList.count() == 0
    assert stated_for_borrower(context.store, case.borrower_id) == []
    qtbot.waitUntil(
        lambda: view.preferences.summary.text() == "No contact preferences recorded.",
        timeout=5000)


def test_inconvenient_times_are_typed_with_the_keyboard(
    qtbot: QtBot, context: Any, case: SeededCase
) -> None:
    view = CaseView(context, case.case_id)
    qtbot.addWidget(view)
    view.show()
    dialog = _dialog(qtbot, view)
    ui = dialog.ui
    for box in dialog.days[:5]:  # Monday to Friday, ticked with the space bar
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    ui.startEdit.setTime(QTime(8, 0))
    ui.endEdit.setTime(QTime(10, 0))
    ui.addTimeButton.setFocus()
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(ui.addTimeButton, Qt.Key.Key_Space)
    [stated] = stated_for_borrower(context.store, case.borrower_id)
    assert stated.inconvenient is not None
    assert stated.inconvenient.weekdays == frozenset(range(5))
    assert ui.statementsList.item(0).text().startswith("Inconvenient: weekdays 08:00–10:00")


def test_the_call_workspace_honours_what_was_recorded(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = CallWorkspace(context, case.case_id, clock=lambda: MORNING)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    # Recorded from the call outcome: "don't call my mobile, it is my work phone".
    button = workspace.preferences_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.ui.sourceCombo.currentData() == "call"
    ui = dialog.ui
    ui.workplacePoint.setCurrentIndex(ui.workplacePoint.findData(case.phone_id))
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.mouseClick(ui.addWorkplaceButton, Qt.MouseButton.LeftButton)
    combo = workspace.ui.contactCombo
    combo.setCurrentIndex(combo.findData(case.phone_id))
    qtbot.mouseClick(workspace.ui.callButton, Qt.MouseButton.LeftButton)
    assert dialled == []
    assert workspace.decision is not None
    assert "CN-WORK" in workspace.decision.blocking_rule_ids
    assert "(CN-WORK)" in workspace.ui.decisionLabel.text()


def test_the_dialog_speaks_chinese_in_a_chinese_session(
    qtbot: QtBot, context: Any, case: SeededCase
) -> None:
    context.language = Language.ZH_CN
    install_translators(Language.ZH_CN)
    try:
        dialog = ContactPreferencesDialog(context, case.case_id)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "联系偏好"
        assert dialog.ui.addOptOutButton.text() == "添加退订(&O)"
        assert dialog.ui.optOutPoint.itemText(0) == "借款人本人的全部联系方式"
        assert dialog.ui.emptyLabel.text() == "尚无记录。"
    finally:
        install_translators(Language.EN)


def test_the_number_box_says_which_numbers_the_borrower_ruled_out(
    qtbot: QtBot, context: Any, case: SeededCase
) -> None:
    recorder = ContactPreferences(context.store, user_id=context.user.user_id)
    recorder.record(ContactPreferenceRecord(case_id=UUID(case.case_id), kind="channel_opt_out",
                                            channel=Channel.CALL,
                                            contact_point_id=UUID(case.phone_id)))
    recorder.record(ContactPreferenceRecord(case_id=UUID(case.case_id),
                                            kind="workplace_prohibits",
                                            contact_point_id=UUID(case.relative_id)))
    workspace = CallWorkspace(context, case.case_id, clock=lambda: MORNING)
    qtbot.addWidget(workspace)
    combo = workspace.ui.contactCombo
    texts = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert texts[case.phone_id].endswith(" — no calls")
    assert texts[case.relative_id].endswith(" — employer forbids contact")
