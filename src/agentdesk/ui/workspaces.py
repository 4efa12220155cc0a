"""Opening the call workspace and the plan dialog from anywhere (case view, menus).

They live in their own modules (`call_workspace`, `plan_dialog`), imported when first
used: the queue starts without loading them, and a build without one of them still
runs (the button then says it is not available).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from agentdesk.ui.context import AppContext

log = logging.getLogger(__name__)

CALL = ("agentdesk.ui.call_workspace", "CallWorkspace")
PLAN = ("agentdesk.ui.plan_dialog", "PlanProposalDialog")

_open: dict[tuple[str, str], Any] = {}
"""One call workspace / plan dialog per case at a time."""


def _class(module: str, name: str) -> type[Any] | None:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        log.exception("%s.%s is not available", module, name)
        return None


def _open_window(which: tuple[str, str], context: AppContext, case_id: str,
                 parent: QWidget) -> Any:
    key = (which[1], case_id)
    existing = _open.get(key)
    if existing is not None:
        try:
            if existing.isVisible():
                existing.raise_()
                existing.activateWindow()
                return existing
        except RuntimeError:  # deleted on the C++ side
            pass
    cls = _class(*which)
    if cls is None:
        from PySide6.QtWidgets import QMessageBox  # rarely needed: not loaded at start

        QMessageBox.information(parent, QCoreApplication.translate("Workspaces", "Not available"),
                                QCoreApplication.translate(
                                    "Workspaces", "This part of AgentDesk is not installed."))
        return None
    window = cls(context, case_id, parent)
    _open[key] = window
    window.destroyed.connect(lambda *_: _open.pop(key, None))
    window.show()
    return window


def open_call(context: AppContext, case_id: str, parent: QWidget) -> Any:
    """Start a call on the case: the call workspace (it asks the compliance engine first)."""
    return _open_window(CALL, context, case_id, parent)


def open_plan(context: AppContext, case_id: str, parent: QWidget) -> Any:
    """Open the plan proposal dialog for the case."""
    return _open_window(PLAN, context, case_id, parent)


def close_all() -> None:
    """Close every open call workspace and plan dialog (sign-out, quitting)."""
    for window in list(_open.values()):
        with contextlib.suppress(RuntimeError):  # already deleted by Qt
            window.close()
    _open.clear()
