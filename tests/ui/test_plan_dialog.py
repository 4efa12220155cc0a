"""The plan dialog on a real store: live recomputation, field errors, authority, submission."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit
from pytestqt.qtbot import QtBot

from agentdesk.client.casefile import open_case
from agentdesk.client.outbox import Outbox
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.ops import PlanProposeOp
from agentdesk.ui.plan_dialog import PlanProposalDialog
from tests.ui.call_plan_cases import TODAY, SeededCase, make_context, seed_case
from tests.ui.test_call_workspace import MORNING


def _session(tmp_path: Path, role: Role, language: Language = Language.EN) -> Iterator[Any]:
    context = make_context(tmp_path, MORNING, role=role, language=language)
    yield context
    context.close()


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Any]:
    yield from _session(tmp_path, Role.AGENT)


@pytest.fixture
def case(agent: Any) -> SeededCase:
    return seed_case(agent.store)


def _dialog(qtbot: QtBot, context: Any, case: SeededCase) -> PlanProposalDialog:
    dialog = PlanProposalDialog(context, case.case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot: QtBot, field: QLineEdit | QAbstractSpinBox, text: str) -> None:
    """Select what the field holds and type over it, as a person would."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def _proposals(context: Any) -> list[PlanProposeOp]:
    ops = [entry.op for entry in Outbox(context.store).pending()]
    assert all(isinstance(op, PlanProposeOp) for op in ops)
    return ops  # type: ignore[return-value]


def test_the_plan_recomputes_live_as_a_spinbox_changes(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    model = dialog.schedule_model
    assert model.rowCount() == 10  # the ten instalments the contract still has
    before = model.instalment(0).total

    qtbot.keyClick(dialog.ui.extensionSpin, Qt.Key.Key_Up)  # one keystroke: 1 month more
    assert dialog.ui.extensionSpin.value() == 1
    assert model.rowCount() == 11
    assert model.instalment(0).total < before
    assert dialog.chart.point_count() == (10, 11)

    _type(qtbot, dialog.ui.extensionSpin, "12")
    assert model.rowCount() == 22
    assert dialog.chart.point_count() == (10, 22)
    assert "22 instalments" in dialog.ui.concessionsLabel.text()


def test_within_authority_the_proposal_is_queued_with_its_options(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    _type(qtbot, dialog.ui.extensionSpin, "6")
    _type(qtbot, dialog.ui.downPaymentEdit, "300")
    assert dialog.ui.verdictLabel.text() == "Within your authority"
    qtbot.keyClicks(dialog.ui.justificationEdit, "Income fell after a job change; can pay 300 now.")

    with qtbot.waitSignal(dialog.proposed, timeout=5000):
        qtbot.mouseClick(dialog.ui.submitButton, Qt.MouseButton.LeftButton)
    [op] = _proposals(agent)
    assert op.payload.options == {"extra_months": 6, "down_payment": "300"}
    assert op.payload.justification == "Income fell after a job change; can pay 300 now."
    assert op.payload.preview is not None and op.payload.preview["term_months"] == 16
    assert op.payload.preview["authority"] == "within_authority"
    # The case now carries the pending plan (what the case view and the queue show).
    plans = open_case(agent.store, case.case_id).plans
    assert [p.status for p in plans] == ["pending"]


def test_beyond_authority_the_verdict_names_the_approver_and_the_limit(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    _type(qtbot, dialog.ui.downPaymentEdit, "300")
    _type(qtbot, dialog.ui.extensionSpin, "12")
    assert dialog.ui.verdictLabel.text() == (
        "Needs team lead approval: extension 12 months over your 6 months"
    )
    assert dialog.ui.submitButton.isEnabled()

    with qtbot.waitSignal(dialog.proposed, timeout=5000):
        qtbot.mouseClick(dialog.ui.submitButton, Qt.MouseButton.LeftButton)
    [op] = _proposals(agent)
    assert op.payload.options == {"extra_months": 12, "down_payment": "300"}
    assert op.payload.preview is not None and op.payload.preview["authority"] == "needs_lead"


def test_a_team_lead_may_agree_to_what_an_agent_may_not(
    qtbot: QtBot, tmp_path: Path
) -> None:
    for lead in _session(tmp_path, Role.LEAD):
        case = seed_case(lead.store)
        dialog = _dialog(qtbot, lead, case)
        _type(qtbot, dialog.ui.downPaymentEdit, "300")
        _type(qtbot, dialog.ui.extensionSpin, "12")
        assert dialog.ui.verdictLabel.text() == "Within your authority"


def test_the_verdict_is_in_the_users_language(qtbot: QtBot, tmp_path: Path) -> None:
    for context in _session(tmp_path, Role.AGENT, Language.ZH_CN):
        case = seed_case(context.store)
        dialog = _dialog(qtbot, context, case)
        _type(qtbot, dialog.ui.downPaymentEdit, "300")
        _type(qtbot, dialog.ui.extensionSpin, "12")
        assert dialog.ui.verdictLabel.text() == "需组长审批：延长期数 12 个月 超过您的上限 6 个月"


def test_a_refused_value_is_shown_by_its_field_and_never_clamped(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    _type(qtbot, dialog.ui.rateEdit, "15")
    assert "New annual rate is 15 %" in dialog.error_text_for(dialog.ui.rateEdit)
    assert "12 %" in dialog.error_text_for(dialog.ui.rateEdit)
    assert dialog.ui.rateEdit.text() == "15"  # left as typed
    assert dialog.schedule_model.rowCount() == 0
    assert not dialog.ui.submitButton.isEnabled()

    _type(qtbot, dialog.ui.rateEdit, "9.5")
    assert dialog.error_text_for(dialog.ui.rateEdit) == ""
    assert dialog.schedule_model.rowCount() == 10

    # Sixty months more would pass the five-year legal maximum of the whole plan.
    _type(qtbot, dialog.ui.extensionSpin, "60")
    assert dialog.ui.extensionSpin.value() == 60
    assert "from 0 months to 50 months" in dialog.error_text_for(dialog.ui.extensionSpin)

    _type(qtbot, dialog.ui.extensionSpin, "0")
    _type(qtbot, dialog.ui.downPaymentEdit, "abc")
    assert "is not a number" in dialog.error_text_for(dialog.ui.downPaymentEdit)


def test_affordability_follows_the_edited_income(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    assert "within 50 %" in dialog.ui.affordabilityText.text()
    _type(qtbot, dialog.ui.incomeEdit, "5000")
    assert "may not manage it" in dialog.ui.affordabilityText.text()
    _type(qtbot, dialog.ui.expensesEdit, "6000")
    assert "no disposable income" in dialog.ui.affordabilityText.text()
    assert Decimal(dialog.ui.incomeEdit.text()) == Decimal(5000)


def test_the_schedule_model_passes_qts_model_checks(
    qtbot: QtBot, qtmodeltester: Any, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    qtmodeltester.check(dialog.schedule_model)
    _type(qtbot, dialog.ui.extensionSpin, "12")
    qtmodeltester.check(dialog.schedule_model)
    assert dialog.schedule_model.headerData(5, Qt.Orientation.Horizontal) == "Total"
    # Numbers on the right (the instalment's number too), dates on the left.
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    model = dialog.schedule_model
    assert [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole)
            for c in range(model.columnCount())] == [right, None] + [right] * 5
    # The queue's calm look: no grid, no row numbers.
    view = dialog.ui.scheduleView
    assert not view.showGrid() and view.verticalHeader().isHidden()


def test_switching_the_language_retranslates_the_open_dialog(
    qtbot: QtBot, agent: Any, case: SeededCase
) -> None:
    dialog = _dialog(qtbot, agent, case)
    _type(qtbot, dialog.ui.downPaymentEdit, "300")
    _type(qtbot, dialog.ui.extensionSpin, "12")
    agent.set_language(Language.ZH_CN)
    # Qt posts LanguageChange to every widget; it arrives with the next events.
    qtbot.waitUntil(lambda: dialog.windowTitle() == "提交还款方案", timeout=2000)
    assert dialog.ui.verdictLabel.text() == "需组长审批：延长期数 12 个月 超过您的上限 6 个月"
    assert dialog.schedule_model.headerData(5, Qt.Orientation.Horizontal) == "合计"
    assert dialog.ui.extensionSpin.value() == 12  # what the agent chose stays
