"""Screenshots of the call workspace and the plan dialog, in Chinese and English.

    python tools/screenshots_call_plan.py [--out docs/screenshots]

Uses the realistic delinquent case of the UI tests (a real local store, no server) and
grabs: a call blocked at 22:30 borrower time, a call in progress half-way through the
negotiation script, and the plan dialog with a proposal beyond the agent's authority.
Without a display it runs itself again under `xvfb-run`; install a CJK font (e.g.
fonts-wqy-microhei) for the Chinese screens.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shots import run_on_a_display, shrink  # tools/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LATE_EVENING = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)  # 22:30 in Shanghai
MORNING = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)


def _pump(until: Callable[[], bool] = lambda: True, rounds: int = 10) -> None:
    """Run pending events. Through a QEventLoop *instance*: PySide6 6.12's static
    processEvents (and QTest.qWait) drop a reference to None on every call."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    done = 0
    while done < rounds or not until():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        done += 1


def _save(widget: object, path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    _pump()
    widget.grab().save(str(path), "PNG", 0)  # 0: strongest compression
    shrink(path, ROOT)


def shoot(language_code: str, out: Path, work: Path) -> None:
    """The three screens in one language."""
    from PySide6.QtGui import QDesktopServices
    from tests.ui.call_plan_cases import (  # the tests' realistic case
        TODAY,
        make_context,
        seed_case,
    )

    from agentdesk.domain.vocabulary import Language, Role
    from agentdesk.ui.app import install_translators
    from agentdesk.ui.call_workspace import CallWorkspace
    from agentdesk.ui.plan_dialog import PlanProposalDialog

    language = Language(language_code)
    install_translators(language)
    tag = "zh" if language is Language.ZH_CN else "en"
    # Screenshots must not start a softphone.
    QDesktopServices.openUrl = lambda _url: True  # type: ignore[method-assign,assignment]

    context = make_context(work / tag, MORNING, language=language)
    name = "张伟" if language is Language.ZH_CN else "Zhang Wei"
    case = seed_case(context.store, name=name, language=language_code)

    # A team lead, so the override the policy allows them is on screen too.
    lead = make_context(work / f"{tag}-lead", MORNING, role=Role.LEAD, language=language)
    lead_case = seed_case(lead.store, name=name, language=language_code)
    blocked = CallWorkspace(lead, lead_case.case_id, clock=lambda: LATE_EVENING)
    blocked.resize(1180, 560)
    blocked.show()
    blocked.ui.callButton.click()
    _save(blocked, out / f"call-blocked-{tag}.png")
    blocked.close()
    lead.close()

    # The call has been going for a little while when the picture is taken.
    moments = iter([MORNING] * 3)
    call = CallWorkspace(
        context, case.case_id, clock=lambda: next(moments, MORNING + timedelta(seconds=134))
    )
    call.resize(1180, 760)
    call.show()
    _pump(lambda: call.scripts_ready)
    call.ui.callButton.click()
    call.guidance.answer("is_borrower")
    call.guidance.ui.disclosureCheck.setChecked(True)
    call.guidance.answer("next")
    call.guidance.answer("next")
    call.guidance.answer("income_fell")
    call.guidance.answer("instalment_only")  # the term-extension offer
    notes = ("收入下降，愿意每月还一部分。" if language is Language.ZH_CN
             else "Income fell after a job change; wants to keep paying something each month.")
    call.outcome.ui.notesEdit.setPlainText(notes)
    mood = call.outcome.ui.moodCombo
    mood.setCurrentIndex(mood.findData("cooperative"))
    _save(call, out / f"call-workspace-{tag}.png")
    call.close()

    plan = PlanProposalDialog(context, case.case_id, today=TODAY)
    plan.resize(1280, 820)
    plan.show()
    plan.ui.downPaymentEdit.setText("300")
    plan.ui.extensionSpin.setValue(12)
    _save(plan, out / f"plan-dialog-{tag}.png")
    plan.close()
    context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if (code := run_on_a_display()) is not None:
        return code
    from agentdesk.domain.vocabulary import Language
    from agentdesk.ui.app import create_application

    args.out.mkdir(parents=True, exist_ok=True)
    create_application(Language.ZH_CN)
    with tempfile.TemporaryDirectory() as tmp:
        for language in ("zh_CN", "en"):
            shoot(language, args.out, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
