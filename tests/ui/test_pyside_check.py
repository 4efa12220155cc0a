"""PySide's per-module check on import, answered from the module's file."""

from __future__ import annotations

import inspect
import json
import sys
from types import ModuleType

import pytest

import agentdesk.domain.vocabulary
import agentdesk.ui.queue_model
from agentdesk.ui import pyside_check


def _pyside_answer(module: ModuleType) -> bool:
    """What PySide's own check answers: is "PySide6" in the module's source?"""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


def test_the_check_is_installed_once_the_ui_is_imported() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide asks no such question")
    assert getattr(feature._mod_uses_pyside, "cheaper", False)
    assert pyside_check.install() is False  # already in place: not wrapped twice


@pytest.mark.parametrize("module", [agentdesk.ui.queue_model, agentdesk.domain.vocabulary,
                                    json, sys, pyside_check])
def test_it_answers_as_pyside_would(module: ModuleType) -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        pytest.skip("this PySide asks no such question")
    assert feature._mod_uses_pyside(module) is _pyside_answer(module)
